// Which config keys differ between two loaded configs, named as the YAML file names them, for the
// daemon's reload log. Values never appear (several are secrets), only key names.
import { isDeepStrictEqual } from 'node:util';
import type { Config } from './types.js';

// Resolved field names that the YAML file spells otherwise; the rest are snake_cased.
const YAML_NAMES: Record<string, string> = {
  timeoutMs: 'timeout',
  rateLimitPerSecond: 'rate_limit',
  host: 'listen',
  port: 'listen',
  sentinel: 'sentinels',
  maxDelete: 'max_delete',
};

const yamlName = (key: string): string => YAML_NAMES[key] ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function changedFields(section: string, before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => !isDeepStrictEqual(a[key], b[key])).map((key) => `${section}.${yamlName(key)}`);
}

/**
 * Changed keys, sorted and without repeats: `waldur.token`, `server.listen`, `sources[site].schedule`,
 * `sources[new]` (added or removed), `notifications`, `proxy` (the proxy section sits in `waldur`
 * and in every source once resolved).
 */
export function listChangedKeys(before: Config, after: Config): string[] {
  const keys = new Set<string>();
  const { proxy: proxyBefore, ...waldurBefore } = before.waldur;
  const { proxy: proxyAfter, ...waldurAfter } = after.waldur;
  if (!isDeepStrictEqual(proxyBefore, proxyAfter)) keys.add('proxy');
  for (const key of changedFields('waldur', waldurBefore, waldurAfter)) keys.add(key);
  for (const key of changedFields('redis', before.redis, after.redis)) keys.add(key);
  for (const key of changedFields('server', before.server, after.server)) keys.add(key);
  for (const key of changedFields('log', before.log, after.log)) keys.add(key);
  if (!isDeepStrictEqual(before.notifications, after.notifications)) keys.add('notifications');

  const sourcesBefore = new Map(before.sources.map((s) => [s.name, s]));
  const sourcesAfter = new Map(after.sources.map((s) => [s.name, s]));
  for (const name of new Set([...sourcesBefore.keys(), ...sourcesAfter.keys()])) {
    const a = sourcesBefore.get(name);
    const b = sourcesAfter.get(name);
    if (!a || !b) {
      keys.add(`sources[${name}]`);
      continue;
    }
    const { fetch: fetchBefore, ...restBefore } = a;
    const { fetch: fetchAfter, ...restAfter } = b;
    // The proxy section is reported once, above.
    const { proxy: _p1, ...fetchA } = fetchBefore;
    const { proxy: _p2, ...fetchB } = fetchAfter;
    for (const key of changedFields(`sources[${name}]`, restBefore, restAfter)) keys.add(key);
    for (const key of changedFields(`sources[${name}].fetch`, fetchA, fetchB)) keys.add(key);
  }
  return [...keys].sort();
}
