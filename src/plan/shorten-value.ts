/** A long text cut to `max` characters, ending in "...", so one description cannot drown a line. */
export function shortenValue<T extends string | null>(value: T, max: number): T {
  if (value === null || value.length <= max) return value;
  return `${value.slice(0, Math.max(0, max - 3))}...` as T;
}
