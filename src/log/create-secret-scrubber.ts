// The logger's last line of defence: every known secret value is replaced in each written line.
// Secrets can be added while the process runs (a reloaded token); old ones stay scrubbed.

export interface SecretScrubber {
  add(values: readonly string[]): void;
  scrub(line: string): string;
}

const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Values shorter than 4 characters are ignored: they would scrub ordinary words. */
export function createSecretScrubber(initial: readonly string[] = []): SecretScrubber {
  const values = new Set<string>();
  let pattern: RegExp | null = null;
  const scrubber: SecretScrubber = {
    add(more) {
      const before = values.size;
      for (const value of more) if (value.length >= 4) values.add(value);
      if (values.size === before) return;
      // Longest first, so a secret that contains another is replaced whole.
      const sorted = [...values].sort((a, b) => b.length - a.length);
      pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
    },
    scrub: (line) => (pattern ? line.replace(pattern, '[REDACTED]') : line),
  };
  scrubber.add(initial);
  return scrubber;
}
