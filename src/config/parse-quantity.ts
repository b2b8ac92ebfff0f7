// Shared by durations, rates and sizes: "30s", "20/s", "64MiB", or a bare number in the
// default unit. Returns null when the text is not a number followed by one of `units`.
export function parseQuantity(
  value: unknown,
  units: Record<string, number>,
  options: { defaultUnit: number; caseInsensitive?: boolean },
): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value * options.defaultUnit : null;
  if (typeof value !== 'string') return null;
  const match = /^([0-9]+(?:\.[0-9]+)?)([A-Za-z/%]*)$/.exec(value.replace(/\s+/g, ''));
  if (!match) return null;
  const unitText = options.caseInsensitive ? match[2]!.toLowerCase() : match[2]!;
  if (unitText !== '' && !Object.hasOwn(units, unitText)) return null;
  const unit = unitText === '' ? options.defaultUnit : units[unitText]!;
  return Number(match[1]) * unit;
}
