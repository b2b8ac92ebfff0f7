// The YAML contract -> Config: defaults and their merge, per-kind rules, warnings, env
// expansion, and that no secret reaches an error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config, SourceConfig } from '../../src/config/types.js';
import { ConfigError } from '../../src/errors.js';

const TOKEN = 'tok-3b1f0c9e';
const WALDUR = `waldur:
  url: http://127.0.0.1:8000/api/
  token: \${WALDUR_TOKEN}
`;
const SOURCE = `  - name: site
    kind: manifest
    location: site.yaml
    catalog: { name: Site modules, version: "1" }
`;

const parse = (text: string, env: NodeJS.ProcessEnv = {}): Config => parseConfig(text, { file: null, env: { WALDUR_TOKEN: TOKEN, ...env } });
const withSource = (sourceLines: string, top = '') => `${WALDUR}${top}sources:\n${SOURCE}${sourceLines}`;
const firstSource = (text: string, env?: NodeJS.ProcessEnv): SourceConfig => parse(text, env).sources[0]!;
const errorOf = (run: () => unknown): ConfigError => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('parseConfig: defaults', () => {
  it('when a minimal config is parsed, then every default is applied', () => {
    const config = parse(`${WALDUR}sources:\n${SOURCE}`);
    expect(config).toEqual({
      file: null,
      waldur: { url: 'http://127.0.0.1:8000/api/', token: TOKEN, timeoutMs: 30_000, concurrency: 8, rateLimitPerSecond: null, batchSize: 1000 },
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'catalog-sync' },
      server: { host: '127.0.0.1', port: 9464, apiToken: null, webhookSecret: null, ui: true },
      notifications: [],
      log: { level: 'info' },
      sources: [
        {
          name: 'site',
          kind: 'manifest',
          location: resolve('site.yaml'),
          options: {},
          enrich: [],
          catalog: { name: 'Site modules', version: '1', type: 'binary_runtime', create: false },
          schedule: null,
          timezone: null,
          prune: { enabled: false, maxDelete: { kind: 'percent', value: 10 }, allowEmpty: false },
          protect: [],
          approval: 'none',
          fetch: { maxBytes: 64 * 1024 * 1024, timeoutMs: 60_000, maxRedirects: 5 },
        },
      ],
      secretFiles: [],
      warnings: [],
    });
  });

  it('when every top-level key is set, then each reaches the Config in camelCase', () => {
    const config = parse(`waldur:
  url: https://waldur.example.org/api
  token: \${WALDUR_TOKEN}
  timeout: 2m
  concurrency: 32
  rate_limit: 600/m
  batch_size: 100
redis:
  url: rediss://cache.example.org:6380/1
  prefix: "{catalog-sync}"
server:
  listen: "[::1]:9500"
  api_token: \${API_TOKEN}
  webhook_secret: hook-secret
  ui: false
notifications:
  - url: https://hooks.example.org/services/T0/B0/xyz
    events: [failed, refused, failed]
    format: slack
  - url: http://127.0.0.1:8080/hook
    events: [changed]
    secret: sign-me
log:
  level: debug
sources:
${SOURCE}`, { API_TOKEN: 'api-token-0123456789' });
    expect(config.waldur).toEqual({ url: 'https://waldur.example.org/api/', token: TOKEN, timeoutMs: 120_000, concurrency: 32, rateLimitPerSecond: 10, batchSize: 100 });
    expect(config.redis).toEqual({ url: 'rediss://cache.example.org:6380/1', prefix: '{catalog-sync}', configured: true });
    expect(config.server).toEqual({ host: '::1', port: 9500, apiToken: 'api-token-0123456789', webhookSecret: 'hook-secret', ui: false });
    expect(config.notifications).toEqual([
      { url: 'https://hooks.example.org/services/T0/B0/xyz', events: ['failed', 'refused'], secret: null, format: 'slack' },
      { url: 'http://127.0.0.1:8080/hook', events: ['changed'], secret: 'sign-me', format: 'json' },
    ]);
    expect(config.log).toEqual({ level: 'debug' });
  });

  it('when defaults are given, then sources inherit them, override them key by key, and null means on demand', () => {
    const config = parse(`${WALDUR}defaults:
  schedule: "17 */6 * * *"
  timezone: Europe/Berlin
  prune: { enabled: true, max_delete: 25 }
  protect: ["Python*"]
  fetch: { max_bytes: 10MB, timeout: 5s }
sources:
${SOURCE}  - name: own
    kind: manifest
    location: own.yaml
    catalog: { name: Own, version: "1" }
    schedule: null
    timezone: UTC
    prune: { max_delete: "5%", allow_empty: true }
    protect: []
    fetch: { max_redirects: 0 }
`);
    const [inherits, overrides] = config.sources;
    expect(inherits).toMatchObject({
      schedule: '17 */6 * * *',
      timezone: 'Europe/Berlin',
      prune: { enabled: true, maxDelete: { kind: 'count', value: 25 }, allowEmpty: false },
      protect: ['Python*'],
      fetch: { maxBytes: 10_000_000, timeoutMs: 5000, maxRedirects: 5 },
    });
    expect(overrides).toMatchObject({
      schedule: null,
      timezone: 'UTC',
      prune: { enabled: true, maxDelete: { kind: 'percent', value: 5 }, allowEmpty: true },
      protect: [],
      fetch: { maxBytes: 10_000_000, timeoutMs: 5000, maxRedirects: 0 },
    });
  });

  it('when sections are present but empty, then they mean their defaults', () => {
    const config = parse(`${WALDUR}redis:\nserver:\ndefaults:\n  prune:\nsources:\n${SOURCE}    protect:\n    options:\n`);
    expect(config.redis.prefix).toBe('catalog-sync');
    expect(config.sources[0]!.prune.enabled).toBe(false);
    expect(config.sources[0]!.protect).toEqual([]);
  });

  it.each([
    ['eessi', 'binary_runtime', '    options: { eessi_version: "2023.06" }\n'],
    ['spack-index', 'source_package', ''],
    ['spack-env', 'source_package', ''],
    ['manifest', 'binary_runtime', ''],
  ])('when kind is %s and the catalog type is not given, then the type is %s', (kind, type, options) => {
    const text = `${WALDUR}sources:\n  - name: s\n    kind: ${kind}\n    location: x\n${options}    catalog: { name: C, version: "1" }\n`;
    expect(firstSource(text).catalog.type).toBe(type);
  });

  it('when the catalog type and create are given, then they win over the defaults', () => {
    const text = SOURCE.replace('version: "1" }', 'version: "1", type: package_manager, create: true }');
    expect(firstSource(`${WALDUR}sources:\n${text}`).catalog).toEqual({ name: 'Site modules', version: '1', type: 'package_manager', create: true });
  });

  it('when approval is set in defaults and overridden by a source, then each source gets its mode, and an unknown mode is an error at its path', () => {
    const config = parse(`${WALDUR}defaults:\n  approval: deletes\nsources:\n${SOURCE}  - name: own\n    kind: manifest\n    location: own.yaml\n    catalog: { name: Own, version: "1" }\n    approval: all\n`);
    const wrong = errorOf(() => parse(withSource('    approval: sometimes\n')));

    expect(config.sources.map((s) => s.approval)).toEqual(['deletes', 'all']);
    expect(wrong.problems.map((p) => p.path)).toEqual(['sources[0].approval']);
    expect(wrong.message).toContain('none, deletes, all');
  });

  it('when catalog name and version have surrounding whitespace, then they are stored as Waldur would (stripped)', () => {
    const text = SOURCE.replace('{ name: Site modules, version: "1" }', '{ name: "  Site modules\u3000", version: " 1 " }');
    expect(firstSource(`${WALDUR}sources:\n${text}`).catalog).toMatchObject({ name: 'Site modules', version: '1' });
  });
});

describe('parseConfig: options per kind', () => {
  it('when an eessi source has options, then locations in them resolve like location', () => {
    const text = `${WALDUR}sources:
  - name: eessi
    kind: eessi
    location: https://www.eessi.io/api_data/data/eessi_api_metadata_software.json
    options:
      eessi_version: "2023.06"
      include_extensions: true
      extensions: [ext/python.json, "https://mirror.example.org/ext-r.json"]
    catalog: { name: EESSI site, version: "2023.06" }
`;
    const source = firstSource(text);
    expect(source.location).toBe('https://www.eessi.io/api_data/data/eessi_api_metadata_software.json');
    expect(source.options).toEqual({
      eessi_version: '2023.06',
      include_extensions: true,
      extensions: [resolve('ext/python.json'), 'https://mirror.example.org/ext-r.json'],
    });
  });

  it('when a spack-env source has options, then include and the index location are kept', () => {
    const text = `${WALDUR}sources:\n  - name: env\n    kind: spack-env\n    location: spack.lock\n    options: { include: roots, index: repology.json }\n    catalog: { name: Stack, version: "1" }\n`;
    expect(firstSource(text).options).toEqual({ include: 'roots', index: resolve('repology.json') });
  });

  it('when an eessi source has no options, then eessi_version is reported as required', () => {
    const text = `${WALDUR}sources:\n  - name: eessi\n    kind: eessi\n    location: e.json\n    catalog: { name: E, version: "1" }\n`;
    expect(errorOf(() => parse(text)).message).toBe('config: sources[0].options.eessi_version (line 5, column 5): is required');
  });

  it('when an option has the wrong type, then its path is reported', () => {
    const text = `${WALDUR}sources:\n  - name: env\n    kind: spack-env\n    location: spack.lock\n    options: { include: everything }\n    catalog: { name: S, version: "1" }\n`;
    expect(errorOf(() => parse(text)).message).toBe('config: sources[0].options.include (line 8, column 16): must be one of all, roots');
  });
});

describe('parseConfig: warnings', () => {
  it.each(['EESSI', 'Spack'])('when a catalog is named exactly %s, then a warning says Waldur owns it', (name) => {
    const config = parse(withSource('').replace('name: Site modules', `name: ${name}`));
    expect(config.warnings).toEqual([
      `config: sources[0].catalog.name (line 8, column 16): a catalog named exactly "${name}" is owned by Waldur's own loader, which may rewrite or delete it: choose another name`,
    ]);
  });

  it('when names only resemble the reserved ones, then there is no warning', () => {
    expect(parse(withSource('').replace('name: Site modules', 'name: EESSI site')).warnings).toEqual([]);
    expect(parse(withSource('').replace('name: Site modules', 'name: spack')).warnings).toEqual([]);
  });

  it('when the url does not end in /api/, then a warning asks for the API root', () => {
    const config = parse(withSource('').replace('/api/', '/'));
    expect(config.warnings).toEqual([
      'config: waldur.url (line 2, column 3): does not end in /api/: it must be the API root, e.g. https://waldur.example.org/api/',
    ]);
  });

  it('when eessi extensions are listed without include_extensions, then a warning says they are ignored', () => {
    const text = `${WALDUR}sources:\n  - name: e\n    kind: eessi\n    location: e.json\n    options: { eessi_version: "2023.06", extensions: [x.json] }\n    catalog: { name: E, version: "1" }\n`;
    expect(parse(text).warnings).toEqual(['config: sources[0].options.extensions (line 8, column 42): is ignored unless include_extensions is true']);
  });
});

describe('parseConfig: environment', () => {
  it('when values use ${VAR}, ${VAR:-default} and $${, then they expand before validation', () => {
    const text = `waldur:
  url: \${WALDUR_URL:-http://127.0.0.1:8000/api/}
  token: \${WALDUR_TOKEN}
  concurrency: \${CONCURRENCY}
redis:
  prefix: \${PREFIX:-catalog-sync}
sources:
  - name: site
    kind: manifest
    location: \${DATA_DIR}/site.yaml
    catalog: { name: "Cost $\${x}", version: "1", create: "\${CREATE:-false}" }
`;
    const config = parse(text, { CONCURRENCY: '16', DATA_DIR: '/data', CREATE: 'true' });
    expect(config.waldur.url).toBe('http://127.0.0.1:8000/api/');
    expect(config.waldur.concurrency).toBe(16);
    expect(config.redis.prefix).toBe('catalog-sync');
    expect(config.sources[0]!.location).toBe('/data/site.yaml');
    expect(config.sources[0]!.catalog).toMatchObject({ name: 'Cost ${x}', create: true });
  });

  it('when several variables are missing, then each is reported with its key, and nothing else about those keys', () => {
    const text = withSource('').replace('location: site.yaml', 'location: ${DATA_DIR}/site.yaml');
    const error = errorOf(() => parseConfig(text, { file: null, env: {} }));
    expect(error.message).toBe(
      'config: 2 problems:\n' +
        ' - waldur.token (line 3, column 3): environment variable WALDUR_TOKEN is not set (and no default is given with ${WALDUR_TOKEN:-default})\n' +
        ' - sources[0].location (line 7, column 5): environment variable DATA_DIR is not set (and no default is given with ${DATA_DIR:-default})',
    );
  });

  it('when LOG_LEVEL is set, then it overrides log.level', () => {
    expect(parse(`${WALDUR}log: { level: warn }\nsources:\n${SOURCE}`, { LOG_LEVEL: 'trace' }).log.level).toBe('trace');
  });

  it('when LOG_LEVEL is not a level, then it is an error that does not repeat it', () => {
    const error = errorOf(() => parse(withSource(''), { LOG_LEVEL: 'loud-and-secret' }));
    expect(error.message).toBe('config: environment variable LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  });

  it('when the config file path is relative, then it is resolved and named relative to the working directory', () => {
    const config = parseConfig(withSource(''), { file: 'deploy/catalog-sync.yaml', env: { WALDUR_TOKEN: TOKEN } });
    expect(config.file).toBe(resolve('deploy/catalog-sync.yaml'));
    expect(config.sources[0]!.location).toBe(resolve('deploy/site.yaml'));
  });
});

describe('parseConfig: token_file', () => {
  const tokenDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-sync-token-'));
    tempDirs.push(dir);
    return dir;
  };
  const withTokenFile = (path: string) => withSource('').replace('token: ${WALDUR_TOKEN}', `token_file: ${path}`);

  it('when token_file is given, then the token is read from it (relative to the config) and trimmed', () => {
    const dir = tokenDir();
    writeFileSync(join(dir, 'waldur_token'), `  ${TOKEN}\n\n`);
    const config = parseConfig(withTokenFile('waldur_token'), { file: join(dir, 'catalog-sync.yaml'), env: {} });
    expect(config.waldur.token).toBe(TOKEN);
  });

  it.each([
    ['empty', '\n', 'must not be empty'],
    ['two words', 'first second', 'must not contain whitespace'],
    ['a control character', 'abc\u0007def', 'must not contain control characters'],
  ])('when the token file is %s, then the error names the file but not its content', (_, content, reason) => {
    const dir = tokenDir();
    const file = join(dir, 'waldur_token');
    writeFileSync(file, content);
    const error = errorOf(() => parseConfig(withTokenFile(file), { file: null, env: {} }));
    expect(error.message).toBe(`config: waldur.token_file (line 3, column 3): token file ${file}: ${reason}`);
    for (const part of content.split(/\s+/).filter((p) => p.length > 2)) expect(error.message).not.toContain(part);
  });
});

describe('parseConfig: YAML features', () => {
  it('when anchors and merge keys share settings, then they apply', () => {
    const text = `${WALDUR}x-prune: &prune { enabled: true, max_delete: 3 }
sources:
  - &site
    name: a
    kind: manifest
    location: a.yaml
    catalog: { name: A, version: "1" }
    prune: *prune
  - <<: *site
    name: b
    catalog: { name: B, version: "1" }
`;
    // x-prune is not a known key: extension keys are still refused.
    expect(errorOf(() => parse(text)).message).toBe('config: x-prune (line 4, column 1): unknown key (did you mean prune?)');
    const config = parse(text.replace('x-prune: &prune', 'defaults:\n  prune: &prune'));
    expect(config.sources.map((s) => [s.name, s.location, s.prune.maxDelete])).toEqual([
      ['a', resolve('a.yaml'), { kind: 'count', value: 3 }],
      ['b', resolve('a.yaml'), { kind: 'count', value: 3 }],
    ]);
  });

  it('when keys look like variables, then they are not expanded', () => {
    const error = errorOf(() => parse(withSource('    ${WALDUR_TOKEN}: 1\n')));
    expect(error.message).toBe('config: sources[0]["${WALDUR_TOKEN}"] (line 9, column 5): unknown key');
  });
});

describe('parseConfig: problem list', () => {
  it('when embedded text is over 1 MiB, then it is refused before parsing', () => {
    const text = `${withSource('')}#${'x'.repeat(1024 * 1024)}\n`;
    expect(errorOf(() => parse(text)).message).toBe('config: is larger than 1048576 bytes: not a config file');
  });


  it('when many sources are wrong, then every problem is counted, the first 50 are listed in file order', () => {
    const sources = Array.from({ length: 60 }, (_, i) => `  - { name: s${i}, kind: conda, location: x, catalog: { name: C${i}, version: "1" } }\n`).join('');
    const error = errorOf(() => parse(`${WALDUR}sources:\n${sources}`));
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('config: 60 problems:');
    expect(lines[1]).toBe(' - sources[0].kind (line 5, column 17): must be one of eessi, spack-index, spack-env, manifest, lmod, easystack, spack-yaml');
    expect(lines[50]).toBe(' - sources[49].kind (line 54, column 18): must be one of eessi, spack-index, spack-env, manifest, lmod, easystack, spack-yaml');
    expect(lines[51]).toBe(' - … and 10 more');
    expect(error.problems).toHaveLength(60);
    expect(error.problems[59]).toEqual({ path: 'sources[59].kind', message: 'must be one of eessi, spack-index, spack-env, manifest, lmod, easystack, spack-yaml', line: 64, column: 18 });
  });
});

describe('parseConfig: secrets never in errors', () => {
  const SECRET = 'Sup3r-Secret-Token-Value';
  it.each([
    ['the token has whitespace', withSource(''), { WALDUR_TOKEN: `${SECRET} x` }],
    ['the token has a newline', withSource(''), { WALDUR_TOKEN: `${SECRET}\n` }],
    ['the token is interpolated into a bad url', withSource('').replace('http://127.0.0.1:8000/api/', 'ftp://h/${WALDUR_TOKEN}/'), { WALDUR_TOKEN: SECRET }],
    ['a password is interpolated into a bad redis url', withSource('', 'redis:\n  url: http://:${REDIS_PASSWORD}@h\n'), { REDIS_PASSWORD: SECRET }],
    ['the token is used as a listen address', withSource('', 'server:\n  listen: ${WALDUR_TOKEN}\n'), { WALDUR_TOKEN: SECRET }],
    ['the token lands in a cron field', withSource('    schedule: "${WALDUR_TOKEN} * * * *"\n'), { WALDUR_TOKEN: SECRET }],
    ['another variable is missing', withSource('').replace('site.yaml', '${NOPE}${WALDUR_TOKEN}'), { WALDUR_TOKEN: SECRET }],
    ['the token is a source name', withSource('').replace('name: site', 'name: "${WALDUR_TOKEN}!"'), { WALDUR_TOKEN: SECRET }],
  ])('when %s, then the ConfigError does not contain the value', (_, text, env) => {
    const error = errorOf(() => parseConfig(text, { file: null, env }));
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error.problems)).not.toContain(SECRET);
  });
});
