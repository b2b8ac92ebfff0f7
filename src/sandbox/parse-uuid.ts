const HEX32 = /^[0-9a-f]{32}$/;
const HYPHENATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The stored (32-hex) form of a uuid as Django's UUIDField accepts it, or null when invalid. */
export function parseUuid(value: string): string | null {
  const lower = value.trim().toLowerCase();
  if (HEX32.test(lower)) return lower;
  if (HYPHENATED.test(lower)) return lower.replaceAll('-', '');
  return null;
}
