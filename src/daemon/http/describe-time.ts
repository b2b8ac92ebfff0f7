/** "4m ago" or "in 3h" for a status page that is read at a glance. */
export function describeTime(iso: string, now: number): string {
  const ms = Date.parse(iso) - now;
  if (!Number.isFinite(ms)) return '';
  const s = Math.round(Math.abs(ms) / 1000);
  const amount = s < 120 ? `${s}s` : s < 7_200 ? `${Math.round(s / 60)}m` : s < 172_800 ? `${Math.round(s / 3_600)}h` : `${Math.round(s / 86_400)}d`;
  return ms > 0 ? `in ${amount}` : `${amount} ago`;
}
