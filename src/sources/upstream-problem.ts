/**
 * A fetch or read failure below load-document, which knows the source and turns it into a
 * SourceError. The message is written for the operator and never contains the location itself.
 */
export class UpstreamProblem extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UpstreamProblem';
  }
}

/** "64 MiB", "1.5 KiB", "900 bytes": limits are configured in these units. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1 === 0) {
    value /= 1024;
    unit += 1;
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

export function tooLarge(what: string, maxBytes: number): UpstreamProblem {
  return new UpstreamProblem(`${what} is larger than the ${formatBytes(maxBytes)} limit (fetch.max_bytes)`);
}
