// The `redis` section: one Redis, Sentinel or Cluster, credentials and TLS, and the rules
// between them. Secrets never reach a message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSecrets } from '../../src/config/list-secrets.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';
import { ConfigError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'config-redis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
writeFileSync(join(dir, 'ca.pem'), PEM);
writeFileSync(join(dir, 'client.pem'), PEM);
writeFileSync(join(dir, 'client.key'), '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
writeFileSync(join(dir, 'not-pem.txt'), 'hello');

const file = join(dir, 'catalog-sync.yaml');
const parse = (redis: string, env: NodeJS.ProcessEnv = {}): Config =>
  parseConfig(
    `waldur:\n  url: http://127.0.0.1:8000/api/\n  token: t0ken-value\nredis:\n${redis}\nsources:\n  - name: site\n    kind: manifest\n    location: site.yaml\n    catalog: { name: Site, version: "1" }\n`,
    { file, env },
  );
const problemsOf = (redis: string, env: NodeJS.ProcessEnv = {}): string[] => {
  try {
    parse(redis, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('expected a ConfigError');
};

describe('parseConfig: redis', () => {
  it('when only a URL is given, then it is a single Redis with the default prefix', () => {
    expect(parse('  url: redis://redis:6379/2').redis).toEqual({ url: 'redis://redis:6379/2', prefix: 'catalog-sync', configured: true });
  });

  it('when the file names no Redis, then the default one is used and it is not marked configured (sync and apply run without it)', () => {
    expect(parse('  prefix: site-sync').redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'site-sync' });
  });

  it('when sentinels are given, then the config names the group, the Sentinels and both passwords', () => {
    const config = parse(
      '  sentinels: [sentinel-0:26379, "sentinel-1", "[fd00::1]:26380"]\n  name: mymaster\n  password: ${REDIS_PASSWORD}\n  sentinel_password: s3ntinel-pass',
      { REDIS_PASSWORD: 'data-pass' },
    );

    expect(config.redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: 'catalog-sync',
      sentinel: {
        nodes: [
          { host: 'sentinel-0', port: 26379 },
          { host: 'sentinel-1', port: 26379 },
          { host: 'fd00::1', port: 26380 },
        ],
        name: 'mymaster',
        password: 's3ntinel-pass',
      },
      password: 'data-pass',
      configured: true,
    });
  });

  it('when cluster nodes come from one comma-separated variable and no prefix is given, then the prefix is {catalog-sync}', () => {
    const config = parse('  cluster: ${REDIS_NODES}', { REDIS_NODES: 'redis-0:7000, redis-1:7001,redis-2' });

    expect(config.redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: '{catalog-sync}',
      cluster: [
        { host: 'redis-0', port: 7000 },
        { host: 'redis-1', port: 7001 },
        { host: 'redis-2', port: 6379 },
      ],
      configured: true,
    });
  });

  it('when a Cluster is given a prefix without a hash tag, then it is refused with the braced form to use', () => {
    expect(problemsOf('  cluster: [redis-0:7000]\n  prefix: site-sync')).toEqual([
      'redis.prefix: needs a {hash tag} on a Redis Cluster so that each queue\'s keys share a slot: e.g. "{site-sync}"',
    ]);
    expect(parse('  cluster: [redis-0:7000]\n  prefix: "prod:{site-sync}"').redis.prefix).toBe('prod:{site-sync}');
  });

  it('when TLS files are given with a rediss:// URL, then their contents are read at start', () => {
    const config = parse('  url: rediss://redis:6380\n  tls:\n    ca_file: ca.pem\n    cert_file: client.pem\n    key_file: client.key');

    expect(config.redis.tls).toEqual({ ca: PEM, cert: PEM, key: expect.stringContaining('PRIVATE KEY') });
  });

  it('when Sentinel or Cluster set tls.enabled, then TLS is on without a CA file (the system CAs)', () => {
    expect(parse('  cluster: [redis-0:7000]\n  tls: { enabled: true }').redis.tls).toEqual({});
    expect(parse('  sentinels: [s:26379]\n  name: m\n  tls: { ca_file: ca.pem }').redis.tls).toEqual({ ca: PEM });
    expect(parse('  sentinels: [s:26379]\n  name: m').redis.tls).toBeUndefined();
  });

  it.each([
    ['  url: redis://r:6379\n  cluster: [r:7000]', 'redis.cluster: give one of url (one Redis), sentinels (Sentinel) or cluster (Cluster), not url and cluster'],
    ['  sentinels: [s:26379]', 'redis.name: is required with sentinels: the master group name the Sentinels monitor (e.g. mymaster)'],
    ['  name: mymaster', 'redis.name: is only used with sentinels'],
    ['  sentinel_password: x', 'redis.sentinel_password: is only used with sentinels'],
    ['  sentinels: []\n  name: m', 'redis.sentinels: must list the nodes as host:port, e.g. ["redis-0.example.org:26379", "redis-1.example.org:26379"]'],
    ['  cluster: [r:7000, "r:99999"]', 'redis.cluster[1]: must be host:port (e.g. redis-0.example.org:6379); IPv6 hosts in brackets: the port must be from 1 to 65535'],
    ['  url: redis://r:6379\n  tls: { ca_file: ca.pem }', 'redis.tls.ca_file: needs TLS: use a rediss:// URL'],
    ['  tls: { enabled: true }', 'redis.tls.enabled: is decided by the URL with a single Redis: rediss:// for TLS, redis:// without'],
    ['  url: rediss://r:6380\n  tls: { cert_file: client.pem }', 'redis.tls.cert_file: needs key_file too (the private key of the client certificate)'],
    ['  cluster: [r:7000]\n  tls: { enabled: false, ca_file: ca.pem }', 'redis.tls.ca_file: is set but tls.enabled is false'],
    ['  url: rediss://r:6380\n  tls: { ca_file: missing.pem }', `redis.tls.ca_file: cannot read PEM file ${join(dir, 'missing.pem')}: file not found`],
    ['  url: rediss://r:6380\n  tls: { ca_file: not-pem.txt }', `redis.tls.ca_file: ${join(dir, 'not-pem.txt')} is not a PEM file (no "-----BEGIN" line)`],
    ['  sentinels: [s]\n  name: m\n  tls: { ca: x }', 'redis.tls.ca: unknown key'],
  ])('when redis is %j, then it is refused: %s', (redis, problem) => {
    expect(problemsOf(redis).map((p) => p.replace(/ \(did you mean [^)]*\)$/, '').replace(/: unknown key.*/, ': unknown key'))).toEqual([problem]);
  });

  it('when a password is in the URL and in redis.password, then it is refused without repeating either', () => {
    const problems = problemsOf('  url: redis://:url-pass-123@r:6379\n  password: key-pass-456');

    expect(problems).toEqual(['redis.password: is also in redis.url: give it in one place']);
    expect(problems.join('\n')).not.toMatch(/url-pass-123|key-pass-456/);
  });

  it('when Redis, Sentinel and proxy passwords are configured, then the logs scrub each of them', () => {
    const text = (redis: string) =>
      `waldur:\n  url: http://127.0.0.1:8000/api/\n  token: t0ken-value\nredis:\n${redis}\nproxy:\n  url: http://user:pr%40xy-pass@proxy:3128\nsources:\n  - name: s\n    kind: manifest\n    location: s.yaml\n    catalog: { name: S, version: "1" }\n`;

    const sentinel = parseConfig(text('  sentinels: [s:26379]\n  name: m\n  password: data-pass-1\n  sentinel_password: sentinel-pass-2'), { file: null });
    const url = parseConfig(text('  url: rediss://:url-pass-3@r:6380'), { file: null });

    expect(listSecrets(sentinel).sort()).toEqual(['data-pass-1', 'pr@xy-pass', 'sentinel-pass-2', 't0ken-value']);
    expect(listSecrets(url).sort()).toEqual(['pr@xy-pass', 't0ken-value', 'url-pass-3']);
  });
});
