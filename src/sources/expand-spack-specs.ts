import { describeValue } from '../config/describe-value.js';
import { ValidationError } from '../errors.js';
import { formatPath } from '../config/format-path.js';
import { parseSpackSpec } from './parse-spack-spec.js';
import type { ParsedYaml } from './parse-upstream-yaml.js';
import { specSatisfies } from './spec-satisfies.js';

/** More specs than any real environment: a matrix or definition that expands beyond is refused. */
export const MAX_EXPANDED_SPECS = 100_000;

type Path = PropertyKey[];
type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === 'object' && !Array.isArray(value);

// `$name`, `$^name` (each item as a dependency), `$%name` (each item as a compiler).
const REFERENCE = /^\$([%^]?)([A-Za-z_][\w-]*)$/;
const GROUP_KEYS = new Set(['group', 'specs', 'matrix', 'exclude', 'needs', 'explicit', 'override']);

export interface SpecReference {
  name: string;
  path: Path;
}

/** The definitions a spack.yaml declares, and what expanding its lists found. */
export interface SpecLists {
  /** Named lists as far as they are defined (entries with the same name are appended). */
  definitions: Map<string, string[]>;
  /** `$name` references that had no definition when they were used, in file order. */
  missing: SpecReference[];
  /** Definitions guarded by a `when:` condition (read as true): name and condition. */
  conditions: Array<{ name: string; when: string }>;
}

/**
 * Spack's spec-list expansion (lib/spack/spack/environment/list.py) for one manifest: strings
 * and `$references` into earlier `definitions`, `matrix` cross products joined with spaces (minus
 * `exclude` matches), and spec groups, flattened into spec strings in file order.
 */
class SpackSpecExpander {
  readonly lists: SpecLists = { definitions: new Map(), missing: [], conditions: [] };

  constructor(
    private readonly yaml: ParsedYaml,
    private readonly file: string,
  ) {}

  fail(path: Path, message: string): never {
    const at = this.yaml.positionOf(path);
    throw new ValidationError(`${formatPath(path)}: ${message}`, {}, { file: this.file, line: at?.line, column: at?.column });
  }

  private checkSize(count: number, path: Path): void {
    if (count > MAX_EXPANDED_SPECS) this.fail(path, `expands to more than ${MAX_EXPANDED_SPECS} specs`);
  }

  private reference(text: string, path: Path): string[] | null {
    const match = REFERENCE.exec(text);
    if (!match) return null;
    const [, sigil, name] = match as unknown as [string, string, string];
    const defined = this.lists.definitions.get(name);
    if (defined === undefined) {
      this.lists.missing.push({ name, path });
      return [];
    }
    return sigil ? defined.map((item) => `${sigil}${item}`) : defined;
  }

  /** One spec-list item: a string, a `$reference`, `null` or a matrix. */
  private item(item: unknown, path: Path): string[] {
    if (item === null) return [];
    if (typeof item === 'string') {
      const text = item.trim();
      return text === '' ? [] : (this.reference(text, path) ?? [text]);
    }
    if (isMapping(item) && Object.hasOwn(item, 'matrix')) return this.matrix(item, path);
    return this.fail(path, `must be a spec string, a $reference or a {matrix: ...} (got ${describeValue(item)})`);
  }

  /** A list of spec-list items. */
  list(value: unknown, path: Path): string[] {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) return this.fail(path, `must be a list of specs (got ${describeValue(value)})`);
    const out: string[] = [];
    value.forEach((item: unknown, index) => {
      out.push(...this.item(item, [...path, index]));
      this.checkSize(out.length, path);
    });
    return out;
  }

  /** `{matrix: [[row], ...], exclude: [spec, ...]}`: every combination, joined with spaces. */
  matrix(item: Mapping, path: Path): string[] {
    for (const key of Object.keys(item)) {
      if (key !== 'matrix' && key !== 'exclude') this.fail([...path, key], 'unknown key in a matrix (expected matrix and exclude)');
    }
    const rows = item.matrix;
    if (!Array.isArray(rows)) return this.fail([...path, 'matrix'], `must be a list of rows (got ${describeValue(rows)})`);
    const expanded = rows.map((row: unknown, index) => {
      if (!Array.isArray(row)) return this.fail([...path, 'matrix', index], `must be a row: a list of specs (got ${describeValue(row)})`);
      return this.list(row, [...path, 'matrix', index]);
    });
    this.checkSize(expanded.reduce((product, row) => product * row.length, expanded.length > 0 ? 1 : 0), [...path, 'matrix']);
    let combinations: string[] = expanded.length > 0 ? [''] : [];
    for (const row of expanded) combinations = combinations.flatMap((head) => row.map((item) => (head === '' ? item : `${head} ${item}`)));
    const excluded = this.list(item.exclude, [...path, 'exclude']).map(parseSpackSpec);
    if (excluded.length === 0) return combinations;
    return combinations.filter((spec) => {
      const parsed = parseSpackSpec(spec);
      return !excluded.some((exclude) => specSatisfies(parsed, exclude));
    });
  }

  /** `definitions:` — single-name entries, optionally with `when:`, appended by name in order. */
  definitions(value: unknown, path: Path): void {
    if (value === null || value === undefined) return;
    if (!Array.isArray(value)) this.fail(path, `must be a list of {name: [specs]} entries (got ${describeValue(value)})`);
    value.forEach((entry: unknown, index) => {
      const entryPath = [...path, index];
      if (!isMapping(entry)) this.fail(entryPath, `must be a mapping {name: [specs]} (got ${describeValue(entry)})`);
      const names = Object.keys(entry).filter((key) => key !== 'when');
      if (names.length !== 1) this.fail(entryPath, `must define exactly one list (found ${names.length === 0 ? 'none' : names.join(', ')})`);
      const name = names[0]!;
      if (entry.when !== undefined) {
        if (typeof entry.when !== 'string') this.fail([...entryPath, 'when'], `must be a condition string (got ${describeValue(entry.when)})`);
        this.lists.conditions.push({ name, when: entry.when });
      }
      const items = this.list(entry[name], [...entryPath, name]);
      const all = [...(this.lists.definitions.get(name) ?? []), ...items];
      this.checkSize(all.length, [...entryPath, name]);
      this.lists.definitions.set(name, all);
    });
  }

  /** `specs:` — spec-list items plus spec groups `{group, specs | matrix, needs, explicit, override}`. */
  specs(value: unknown, path: Path): string[] {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) return this.fail(path, `must be a list of specs (got ${describeValue(value)})`);
    const out: string[] = [];
    value.forEach((item: unknown, index) => {
      const itemPath = [...path, index];
      if (isMapping(item) && Object.hasOwn(item, 'group')) {
        for (const key of Object.keys(item)) {
          if (!GROUP_KEYS.has(key)) this.fail([...itemPath, key], 'unknown key in a spec group');
        }
        out.push(...this.list(item.specs, [...itemPath, 'specs']));
        if (item.matrix !== undefined) out.push(...this.matrix({ matrix: item.matrix, exclude: item.exclude }, itemPath));
      } else {
        out.push(...this.item(item, itemPath));
      }
      this.checkSize(out.length, path);
    });
    return out;
  }
}

/**
 * The spec strings of a manifest's `spack:` mapping, in file order, and what expanding them
 * found (definitions, `$references` without a definition, `when:` conditions).
 */
export function expandSpackSpecs(spack: Mapping, root: string, yaml: ParsedYaml, file: string): { specs: string[]; lists: SpecLists } {
  const expander = new SpackSpecExpander(yaml, file);
  // A key may end in "::" (Spack's override marker): YAML reads "specs::" as the key "specs:".
  const key = (name: string) => (Object.hasOwn(spack, name) ? name : `${name}:`);
  expander.definitions(spack[key('definitions')], [root, key('definitions')]);
  const specs = expander.specs(spack[key('specs')], [root, key('specs')]);
  return { specs, lists: expander.lists };
}
