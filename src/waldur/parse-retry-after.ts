/** Retry-After (delta seconds or an HTTP date) -> milliseconds to wait; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | null | undefined, now: number = Date.now()): number | null {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // An HTTP date always names a month; anything else (e.g. "-5") is not one.
  if (!/[a-z]{3}/i.test(raw)) return null;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
