// Spack spec strings as a catalog needs them (grammar: lib/spack/spack/spec_parser.py): the root
// package and its version constraint, plus enough of the rest (variants, key=value pairs,
// dependencies and compilers with their versions) to tell whether a spec satisfies a matrix's
// `exclude` entry. Hashes, file names and edge attributes are skipped.

export interface SpecNode {
  /** Package name without a namespace (builtin.hdf5 -> hdf5); null for an anonymous spec. */
  name: string | null;
  /** The `@` constraint as written (`1.2`, `=1.2`, `4:`, `1.2:1.4,2`), or null. */
  version: string | null;
  /** Variants and settings, normalized: `+x`, `~x` (also for `-x`), `key=value`. */
  flags: string[];
}

export interface ParsedSpec {
  root: SpecNode;
  /** `^dep` and `%compiler` nodes, in order. */
  edges: SpecNode[];
}

const NAME_START = /[A-Za-z0-9_*]/;
const NAME_CHAR = /[A-Za-z0-9_.*-]/;
const SPACE = /\s/;

class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  peek(offset = 0): string | undefined {
    return this.text[this.i + offset];
  }

  skipSpace(): void {
    while (this.i < this.text.length && SPACE.test(this.text[this.i]!)) this.i += 1;
  }

  /** Characters while `accept` holds. */
  take(accept: (c: string) => boolean): string {
    const start = this.i;
    while (this.i < this.text.length && accept(this.text[this.i]!)) this.i += 1;
    return this.text.slice(start, this.i);
  }

  /** A quoted string (quotes removed) or a bare word up to white space. */
  value(): string {
    const quote = this.peek();
    if (quote === '"' || quote === "'") {
      const end = this.text.indexOf(quote, this.i + 1);
      const stop = end < 0 ? this.text.length : end;
      const value = this.text.slice(this.i + 1, stop);
      this.i = stop + 1;
      return value;
    }
    return this.take((c) => !SPACE.test(c));
  }
}

function node(): SpecNode {
  return { name: null, version: null, flags: [] };
}

function stripNamespace(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** `%c,cxx=gcc@12` names the provider (gcc) of the virtuals c and cxx. */
function edgeName(s: Scanner): string | null {
  const word = s.take((c) => !SPACE.test(c) && !'@+~^%'.includes(c));
  if (word === '') return null;
  const provider = word.slice(word.lastIndexOf('=') + 1);
  return provider === '' ? null : stripNamespace(provider);
}

/** Parses a spec string; never throws (unknown characters are skipped). */
export function parseSpackSpec(text: string): ParsedSpec {
  const s = new Scanner(text);
  const root = node();
  const edges: SpecNode[] = [];
  let current = root;
  let atTokenStart = true;
  for (;;) {
    const before = s.i;
    s.skipSpace();
    if (s.i > before) atTokenStart = true;
    const c = s.peek();
    if (c === undefined) break;
    if (c === '^' || c === '%') {
      s.i += s.peek(1) === c ? 2 : 1;
      s.skipSpace();
      // Edge attributes: ^[virtuals=qmake] qt
      if (s.peek() === '[') {
        const end = s.text.indexOf(']', s.i);
        s.i = end < 0 ? s.text.length : end + 1;
        s.skipSpace();
      }
      current = { ...node(), name: edgeName(s) };
      edges.push(current);
    } else if (c === '@') {
      s.i += 1;
      s.skipSpace();
      const version = s.take((ch) => !SPACE.test(ch) && !'+~^%'.includes(ch));
      current.version ??= version === '' ? null : version;
    } else if (c === '+' || c === '~' || (c === '-' && atTokenStart)) {
      s.take((ch) => ch === c);
      const name = s.take((ch) => NAME_CHAR.test(ch));
      if (name !== '') current.flags.push(`${c === '+' ? '+' : '~'}${name}`);
    } else if (c === '/') {
      s.value();
    } else if (NAME_START.test(c)) {
      const word = s.take((ch) => NAME_CHAR.test(ch));
      const rest = s.text.slice(s.i);
      const assign = /^(?:==|:=|=)/.exec(rest);
      if (assign) {
        s.i += assign[0].length;
        current.flags.push(`${word}=${s.value()}`);
      } else if (current.name === null) {
        current.name = stripNamespace(word);
      }
    } else {
      s.i += 1;
    }
    atTokenStart = false;
  }
  return { root, edges };
}
