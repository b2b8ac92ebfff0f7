import { describeValue } from '../config/describe-value.js';
import { ValidationError } from '../errors.js';
import type { SourceWarning } from '../model.js';
import { formatPath } from '../config/format-path.js';
import { parseUpstreamYaml, type ParsedYaml } from './parse-upstream-yaml.js';
import { splitEasyconfigName } from './split-easyconfig-name.js';
import type { RawDocument, RawPackage } from './types.js';

export interface EasystackParseOptions {
  /** Software names to recognise first (options.names). */
  names: readonly string[];
}

const KNOWN_TOP_LEVEL = new Set(['easyconfigs', 'easybuild_version', 'robot']);

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === 'object' && !Array.isArray(value);

function failer(yaml: ParsedYaml, file: string) {
  return (path: PropertyKey[], message: string): never => {
    const at = yaml.positionOf(path);
    const where = path.length > 0 ? `${formatPath(path)}: ` : '';
    throw new ValidationError(`${where}${message}`, {}, { file, line: at?.line, column: at?.column });
  };
}

/** The easyconfig an item names: a string, or the single key of `{<easyconfig>: {options: ...}}`. */
function entryOf(item: unknown, index: number, fail: ReturnType<typeof failer>): string {
  const path = ['easyconfigs', index];
  if (typeof item === 'string') return item;
  if (!isMapping(item) || Object.keys(item).length !== 1) {
    return fail(path, `must be an easyconfig file name or a mapping {<easyconfig>: {options: ...}} with one key (got ${describeValue(item)})`);
  }
  const [entry, settings] = Object.entries(item)[0]!;
  if (settings !== null && !isMapping(settings)) return fail([...path, entry], `must be empty or a mapping with "options" (got ${describeValue(settings)})`);
  const other = Object.keys(settings ?? {}).find((key) => key !== 'options');
  if (other !== undefined) return fail([...path, entry, other], 'unknown key (only "options" is allowed here)');
  const options = settings?.options;
  if (options !== undefined && options !== null && !isMapping(options)) {
    return fail([...path, entry, 'options'], `must be a mapping of EasyBuild options (got ${describeValue(options)})`);
  }
  return entry;
}

/**
 * An EasyBuild easystack file (EasyBuild >= 4.7) -> one package per software name, whose versions
 * are the EasyBuild module versions of its easyconfigs. Build options are ignored. Structural
 * problems fail the file (as they fail EasyBuild); an entry whose name cannot be told from its
 * version is skipped and reported, and a split that could have gone another way is a warning.
 */
export function parseEasystack(text: string, file: string, options: EasystackParseOptions): RawDocument {
  const yaml = parseUpstreamYaml(text, file);
  const fail = failer(yaml, file);
  const doc = yaml.value;
  if (doc === null || doc === undefined) fail([], 'empty document; expected a mapping with "easyconfigs"');
  if (!isMapping(doc)) return fail([], `expected a mapping with "easyconfigs" (got ${describeValue(doc)})`);
  if (!Object.hasOwn(doc, 'easyconfigs')) {
    if (Object.hasOwn(doc, 'software')) {
      fail(['software'], 'this is the "software:" format of EasyBuild before 4.7, which EasyBuild no longer reads: list the easyconfig files under "easyconfigs:" instead');
    }
    fail([], 'no "easyconfigs" key: not an EasyBuild easystack file');
  }
  const items = doc.easyconfigs;
  if (!Array.isArray(items)) return fail(['easyconfigs'], `must be a list of easyconfig files (got ${describeValue(items)})`);
  const warnings: SourceWarning[] = [];
  const itemErrors: SourceWarning[] = [];
  for (const key of Object.keys(doc)) {
    if (!KNOWN_TOP_LEVEL.has(key)) warnings.push({ item: key, message: 'unknown top-level key; ignored' });
  }
  const byName = new Map<string, RawPackage>();
  items.forEach((item, index) => {
    const entry = entryOf(item, index, fail).trim();
    const split = splitEasyconfigName(entry, options.names);
    const origin = formatPath(['easyconfigs', index]);
    if (!split.ok) {
      itemErrors.push({ item: `${origin} ${JSON.stringify(entry)}`, message: `${split.reason}; entry skipped` });
      return;
    }
    if (split.doubt) warnings.push({ item: entry, message: split.doubt });
    let pkg = byName.get(split.name);
    if (!pkg) byName.set(split.name, (pkg = { name: split.name, description: null, homepage: null, versions: [], origin }));
    if (!pkg.versions.some((v) => v.version === split.version)) pkg.versions.push({ version: split.version, targets: [] });
  });
  return { packages: [...byName.values()], warnings, itemErrors };
}
