// Plans list names in plain UTF-16 code-unit order (like the sources do), never locale order:
// the same input must give the same plan on every machine.
export function compareNames(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
