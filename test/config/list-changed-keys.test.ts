import { describe, expect, it } from 'vitest';
import { listChangedKeys } from '../../src/config/list-changed-keys.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';

const BASE = `
waldur:
  url: https://waldur.example.com/api/
  token: token-one
  concurrency: 4
redis:
  url: redis://127.0.0.1:6390
server:
  listen: 127.0.0.1:9464
sources:
  - name: site
    kind: manifest
    location: site.yaml
    catalog: { name: Site, version: "1" }
    schedule: "0 * * * *"
    prune: { enabled: true, max_delete: 10 }
`;

const load = (text: string): Config => parseConfig(text, { file: null, env: {} });

describe('listChangedKeys', () => {
  it('when nothing changed, then no key is listed', () => {
    expect(listChangedKeys(load(BASE), load(BASE))).toEqual([]);
  });

  it('when values change across sections, then each key is named as the YAML file names it, sorted', () => {
    const changed = BASE.replace('token-one', 'token-two')
      .replace('concurrency: 4', 'concurrency: 8\n  timeout: 90s')
      .replace('127.0.0.1:9464', '0.0.0.0:9464')
      .replace('max_delete: 10', 'max_delete: 20')
      .replace('"0 * * * *"', '"30 * * * *"')
      .replace('redis://127.0.0.1:6390', 'redis://127.0.0.1:6391');

    expect(listChangedKeys(load(BASE), load(changed))).toEqual([
      'redis.url',
      'server.listen',
      'sources[site].prune',
      'sources[site].schedule',
      'waldur.concurrency',
      'waldur.timeout',
      'waldur.token',
    ]);
  });

  it('when a source is added and a proxy set, then the new source and the proxy section are named once', () => {
    const changed = `${BASE}  - name: more\n    kind: manifest\n    location: more.yaml\n    catalog: { name: More, version: "1" }\nproxy:\n  url: http://proxy.example.com:3128\n`;

    expect(listChangedKeys(load(BASE), load(changed))).toEqual(['proxy', 'sources[more]']);
  });
});
