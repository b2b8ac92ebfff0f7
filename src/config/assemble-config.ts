// Validated YAML -> the Config every layer reads: camelCase, defaults applied (source, then
// `defaults:`, then built-in; prune and fetch merged key by key), catalog type by kind.
import type { ParsedConfig, ParsedSource } from './config-schema.js';
import { DEFAULT_CATALOG_TYPE, DEFAULT_FETCH, DEFAULT_PRUNE, DEFAULT_REDIS_PREFIX, DEFAULT_REDIS_URL } from './config-defaults.js';
import type { PathProblem } from './path-problem.js';
import type { Config, ProxyConfig, RedisConfig, SourceConfig } from './types.js';

// Waldur's own loaders own these catalogs and may rewrite or delete them.
const RESERVED_CATALOGS = new Set(['EESSI', 'Spack']);
// Anyone who reaches server.listen may try API tokens; a short one can be guessed.
const MIN_API_TOKEN_LENGTH = 16;

export function assembleConfig(
  data: ParsedConfig,
  context: { file: string | null; logLevel: string | undefined },
): { config: Omit<Config, 'warnings'>; warnings: PathProblem[] } {
  const warnings: PathProblem[] = [];
  const { waldur, defaults } = data;
  // Absent = the environment decides (HTTPS_PROXY and friends), for every URL the process reaches.
  const proxy: ProxyConfig | undefined =
    data.proxy.url !== undefined || data.proxy.no_proxy !== undefined
      ? { url: data.proxy.url ?? null, noProxy: data.proxy.no_proxy ?? null }
      : undefined;
  if (!new URL(waldur.url).pathname.endsWith('/api/')) {
    warnings.push({ path: ['waldur', 'url'], message: 'does not end in /api/: it must be the API root, e.g. https://waldur.example.org/api/' });
  }
  const sources = data.sources.map((source, index): SourceConfig => {
    warnings.push(...sourceWarnings(source, index));
    return {
      name: source.name,
      kind: source.kind,
      location: source.location,
      options: source.options,
      enrich: (source.enrich ?? []).map((companion) => ({
        kind: companion.kind,
        location: companion.location,
        options: companion.options,
      })),
      catalog: {
        name: source.catalog.name,
        version: source.catalog.version,
        type: source.catalog.type ?? DEFAULT_CATALOG_TYPE[source.kind],
        create: source.catalog.create,
      },
      // An explicit null (on demand, local time) overrides a default too.
      schedule: source.schedule !== undefined ? source.schedule : (defaults.schedule ?? null),
      timezone: source.timezone !== undefined ? source.timezone : (defaults.timezone ?? null),
      prune: {
        enabled: source.prune.enabled ?? defaults.prune.enabled ?? DEFAULT_PRUNE.enabled,
        maxDelete: source.prune.max_delete ?? defaults.prune.max_delete ?? DEFAULT_PRUNE.maxDelete,
        allowEmpty: source.prune.allow_empty ?? defaults.prune.allow_empty ?? DEFAULT_PRUNE.allowEmpty,
      },
      protect: source.protect ?? defaults.protect ?? [],
      approval: source.approval ?? defaults.approval ?? 'none',
      fetch: {
        maxBytes: source.fetch.max_bytes ?? defaults.fetch.max_bytes ?? DEFAULT_FETCH.maxBytes,
        timeoutMs: source.fetch.timeout ?? defaults.fetch.timeout ?? DEFAULT_FETCH.timeoutMs,
        maxRedirects: source.fetch.max_redirects ?? defaults.fetch.max_redirects ?? DEFAULT_FETCH.maxRedirects,
        ...(proxy ? { proxy } : {}),
      },
    };
  });
  const config: Omit<Config, 'warnings'> = {
    file: context.file,
    waldur: {
      url: waldur.url,
      // checkCrossFields guarantees exactly one of them.
      token: (waldur.token ?? waldur.token_file)!,
      timeoutMs: waldur.timeout,
      concurrency: waldur.concurrency,
      batchSize: waldur.batch_size,
      rateLimitPerSecond: waldur.rate_limit,
      ...(proxy ? { proxy } : {}),
    },
    redis: assembleRedis(data.redis),
    server: {
      host: data.server.listen.host,
      port: data.server.listen.port,
      apiToken: data.server.api_token ?? data.server.api_token_file ?? null,
      webhookSecret: data.server.webhook_secret ?? null,
      ui: data.server.ui,
    },
    notifications: (data.notifications ?? []).map((n) => ({ url: n.url, events: n.events, secret: n.secret ?? null, format: n.format })),
    log: { level: context.logLevel ?? data.log.level },
    sources,
  };
  if (config.server.apiToken !== null && config.server.apiToken.length < MIN_API_TOKEN_LENGTH) {
    warnings.push({
      path: ['server', data.server.api_token !== undefined ? 'api_token' : 'api_token_file'],
      message: `is shorter than ${MIN_API_TOKEN_LENGTH} characters and could be guessed: use a random one (e.g. openssl rand -hex 32)`,
    });
  }
  return { config, warnings };
}

/** checkRedisFields has made sure the keys agree: one way to reach Redis, TLS as the URL says. */
function assembleRedis(redis: ParsedConfig['redis']): RedisConfig {
  const { tls } = redis;
  const tlsOn = redis.sentinels || redis.cluster ? tls.enabled ?? (tls.ca_file ?? tls.cert_file) !== undefined : tls.ca_file ?? tls.cert_file;
  return {
    url: redis.url ?? DEFAULT_REDIS_URL,
    // On a Cluster the default prefix is a hash tag, so every key of a queue shares a slot.
    prefix: redis.prefix ?? (redis.cluster ? `{${DEFAULT_REDIS_PREFIX}}` : DEFAULT_REDIS_PREFIX),
    ...(redis.sentinels
      ? {
          sentinel: {
            nodes: redis.sentinels,
            name: redis.name!,
            ...(redis.sentinel_username !== undefined ? { username: redis.sentinel_username } : {}),
            ...(redis.sentinel_password !== undefined ? { password: redis.sentinel_password } : {}),
          },
        }
      : {}),
    ...(redis.cluster ? { cluster: redis.cluster } : {}),
    ...(redis.url !== undefined || redis.sentinels || redis.cluster ? { configured: true } : {}),
    ...(redis.username !== undefined ? { username: redis.username } : {}),
    ...(redis.password !== undefined ? { password: redis.password } : {}),
    ...(tlsOn
      ? {
          tls: {
            ...(tls.ca_file !== undefined ? { ca: tls.ca_file } : {}),
            ...(tls.cert_file !== undefined ? { cert: tls.cert_file } : {}),
            ...(tls.key_file !== undefined ? { key: tls.key_file } : {}),
          },
        }
      : {}),
  };
}

function sourceWarnings(source: ParsedSource, index: number): PathProblem[] {
  const warnings: PathProblem[] = [];
  if (RESERVED_CATALOGS.has(source.catalog.name)) {
    warnings.push({
      path: ['sources', index, 'catalog', 'name'],
      message: `a catalog named exactly "${source.catalog.name}" is owned by Waldur's own loader, which may rewrite or delete it: choose another name`,
    });
  }
  const options = source.options;
  if (source.kind === 'eessi' && Array.isArray(options.extensions) && options.extensions.length > 0 && options.include_extensions !== true) {
    warnings.push({ path: ['sources', index, 'options', 'extensions'], message: 'is ignored unless include_extensions is true' });
  }
  return warnings;
}
