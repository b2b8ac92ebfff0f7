// Random variants of JSON values for tests that hold a quick check to its schema: values
// replaced, keys added or removed, anywhere in the tree. Deterministic for a seed (createRandom).

const ODD_VALUES: unknown[] = [null, '', ' ', 'x'.repeat(300), 0, 1.5, true, [], {}, ['a'], { a: 1 }, '2025-13-40', '2025-01-31', 'not a date'];
const ODD_KEYS = ['names', 'extra', '__proto__', 'constructor', 'release_date', 'targets', 'path', 'version', 'name', 'cpu_family', 'module', 'module_name', 'required_modules', 'cpu_arch', 'description', 'versions', 'software'];

/** One random change somewhere in the tree: a value replaced, a key added or removed. */
export function mutateJson(value: unknown, next: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  if (Array.isArray(value)) {
    if (value.length === 0 || next() < 0.2) return [...value, pick(ODD_VALUES)];
    const copy = [...value];
    const at = Math.floor(next() * copy.length);
    copy[at] = mutateJson(copy[at], next);
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    const keys = Object.keys(copy);
    const roll = next();
    if (roll < 0.15 || keys.length === 0) Object.defineProperty(copy, pick(ODD_KEYS), { value: pick(ODD_VALUES), enumerable: true, writable: true, configurable: true });
    else if (roll < 0.3) delete copy[pick(keys)];
    else {
      const key = pick(keys);
      copy[key] = mutateJson(copy[key], next);
    }
    return copy;
  }
  return pick(ODD_VALUES);
}

/**
 * `count` variants of `base()` (1 to 3 random changes each): how many `quick` accepted, and those
 * of them that `accepted` (the schema) refuses, which a quick check must never let through.
 */
export function tryVariants(input: {
  base: (i: number) => unknown;
  quick: (value: unknown) => boolean;
  accepted: (value: unknown) => boolean;
  count: number;
  next: () => number;
}): { quick: number; wronglyAccepted: unknown[] } {
  const wronglyAccepted: unknown[] = [];
  let quick = 0;
  for (let i = 0; i < input.count; i += 1) {
    let variant = input.base(i);
    for (let changes = 1 + Math.floor(input.next() * 3); changes > 0; changes -= 1) variant = mutateJson(variant, input.next);
    if (!input.quick(variant)) continue;
    quick += 1;
    if (!input.accepted(variant)) wronglyAccepted.push(variant);
  }
  return { quick, wronglyAccepted };
}
