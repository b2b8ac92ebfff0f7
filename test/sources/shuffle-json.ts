// Lmod prints arrays and object keys in Lua hash order, different on every run: tests read the
// same data in many orders. A small seeded generator keeps a failure reproducible.

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffled<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same JSON value with every array and every object's keys in a seeded random order. */
export function shuffleJson(value: unknown, seed: number): unknown {
  const next = random(seed);
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return shuffled(node.map(walk), next);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(shuffled(Object.entries(node).map(([k, v]) => [k, walk(v)] as const), next));
    }
    return node;
  };
  return walk(value);
}
