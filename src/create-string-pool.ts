// Large catalogs repeat a handful of values millions of times (x86_64, generic, zen3...). Each
// parse creates its own copy of each; a pool keeps one, so a 100,000-package catalog does not
// hold 3 million copies of the same few words.

/** A function returning one shared copy of each distinct string it is given. */
export type StringPool = (value: string) => string;

export function createStringPool(): StringPool {
  const pool = new Map<string, string>();
  return (value) => {
    const kept = pool.get(value);
    if (kept !== undefined) return kept;
    pool.set(value, value);
    return value;
  };
}
