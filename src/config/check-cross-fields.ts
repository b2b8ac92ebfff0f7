// Rules that span several keys, checked on the raw (expanded) tree so that they are reported
// together with every other problem.
import { normalizeText } from '../normalize.js';
import { checkRedisFields } from './check-redis-fields.js';
import { checkServerFields } from './check-server-fields.js';
import { DEFAULT_CATALOG_TYPE } from './config-defaults.js';
import { formatPath } from './format-path.js';
import type { PathProblem } from './path-problem.js';

type Raw = Record<string, unknown>;

const isMapping = (value: unknown): value is Raw => value !== null && typeof value === 'object' && !Array.isArray(value);

export function checkCrossFields(root: unknown): PathProblem[] {
  if (!isMapping(root)) return [];
  return [...checkToken(root.waldur), ...checkRedisFields(root.redis), ...checkServerFields(root.server), ...checkSources(root.sources)];
}

function checkToken(waldur: unknown): PathProblem[] {
  if (!isMapping(waldur)) return [];
  const hasToken = waldur.token !== undefined;
  const hasFile = waldur.token_file !== undefined;
  if (hasToken && hasFile) return [{ path: ['waldur', 'token_file'], message: 'give either token or token_file, not both' }];
  if (!hasToken && !hasFile) return [{ path: ['waldur'], message: 'needs token (e.g. token: ${WALDUR_TOKEN}) or token_file' }];
  return [];
}

function checkSources(sources: unknown): PathProblem[] {
  if (!Array.isArray(sources)) return [];
  const problems: PathProblem[] = [];
  const names = new Map<string, number>();
  const catalogs = new Map<string, number>();
  sources.forEach((source: unknown, index) => {
    if (!isMapping(source)) return;
    if (typeof source.name === 'string') {
      const first = names.get(source.name);
      if (first === undefined) names.set(source.name, index);
      else problems.push({ path: ['sources', index, 'name'], message: `duplicate source name (already used by ${formatPath(['sources', first])})` });
    }
    const key = catalogKey(source);
    if (key !== undefined) {
      const first = catalogs.get(key);
      if (first === undefined) catalogs.set(key, index);
      else {
        problems.push({
          path: ['sources', index, 'catalog'],
          message: `same catalog (name, version, type) as ${formatPath(['sources', first])}: two sources would undo each other's changes`,
        });
      }
    }
  });
  return problems;
}

function catalogKey(source: Raw): string | undefined {
  const catalog = source.catalog;
  if (!isMapping(catalog) || typeof catalog.name !== 'string' || typeof catalog.version !== 'string') return undefined;
  const kind = source.kind;
  const type = catalog.type ?? (typeof kind === 'string' && Object.hasOwn(DEFAULT_CATALOG_TYPE, kind)
    ? DEFAULT_CATALOG_TYPE[kind as keyof typeof DEFAULT_CATALOG_TYPE]
    : undefined);
  if (typeof type !== 'string') return undefined;
  return JSON.stringify([normalizeText(catalog.name), normalizeText(catalog.version), type]);
}
