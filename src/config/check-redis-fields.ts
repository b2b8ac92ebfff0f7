// Rules between the keys of `redis` that no single key can check: one way to reach Redis, what
// each way needs, a Cluster-safe prefix, and TLS settings that agree with the URL.
import type { PathProblem } from './path-problem.js';

type Raw = Record<string, unknown>;

const isMapping = (value: unknown): value is Raw => value !== null && typeof value === 'object' && !Array.isArray(value);
const at = (...path: string[]): (string | number)[] => ['redis', ...path];

export function checkRedisFields(redis: unknown): PathProblem[] {
  if (!isMapping(redis)) return [];
  const given = (key: string): boolean => redis[key] !== undefined && redis[key] !== null;
  const modes = ['url', 'sentinels', 'cluster'].filter(given);
  if (modes.length > 1) {
    return [{ path: at(modes[1]!), message: `give one of url (one Redis), sentinels (Sentinel) or cluster (Cluster), not ${modes.join(' and ')}` }];
  }
  const problems: PathProblem[] = [];
  if (given('sentinels') && !given('name')) {
    problems.push({ path: at('name'), message: 'is required with sentinels: the master group name the Sentinels monitor (e.g. mymaster)' });
  }
  for (const key of ['name', 'sentinel_username', 'sentinel_password']) {
    if (given(key) && !given('sentinels')) problems.push({ path: at(key), message: 'is only used with sentinels' });
  }
  if (given('cluster') && given('prefix') && !/\{[^{}]+\}/.test(String(redis.prefix))) {
    problems.push({
      path: at('prefix'),
      message: `needs a {hash tag} on a Redis Cluster so that each queue's keys share a slot: e.g. "{${String(redis.prefix)}}"`,
    });
  }
  const url = typeof redis.url === 'string' && URL.canParse(redis.url) ? new URL(redis.url) : null;
  if (url && given('password') && url.password !== '') {
    problems.push({ path: at('password'), message: 'is also in redis.url: give it in one place' });
  }
  if (url && given('username') && url.username !== '') {
    problems.push({ path: at('username'), message: 'is also in redis.url: give it in one place' });
  }
  problems.push(...checkTls(redis, url));
  return problems;
}

function checkTls(redis: Raw, url: URL | null): PathProblem[] {
  const tls = redis.tls;
  if (!isMapping(tls)) return [];
  const files = ['ca_file', 'cert_file', 'key_file'].filter((key) => tls[key] !== undefined);
  const problems: PathProblem[] = [];
  if (tls.cert_file !== undefined && tls.key_file === undefined) {
    problems.push({ path: at('tls', 'cert_file'), message: 'needs key_file too (the private key of the client certificate)' });
  } else if (tls.key_file !== undefined && tls.cert_file === undefined) {
    problems.push({ path: at('tls', 'key_file'), message: 'needs cert_file too (the client certificate of the key)' });
  }
  // One Redis: the URL's scheme says whether TLS is on (the default URL is redis://).
  if (redis.sentinels === undefined && redis.cluster === undefined) {
    const secure = url?.protocol === 'rediss:';
    if (tls.enabled !== undefined && String(tls.enabled) !== String(secure)) {
      problems.push({ path: at('tls', 'enabled'), message: 'is decided by the URL with a single Redis: rediss:// for TLS, redis:// without' });
    } else if (!secure && files.length > 0) {
      problems.push({ path: at('tls', files[0]!), message: 'needs TLS: use a rediss:// URL' });
    }
  } else if (String(tls.enabled) === 'false' && files.length > 0) {
    problems.push({ path: at('tls', files[0]!), message: 'is set but tls.enabled is false' });
  }
  return problems;
}
