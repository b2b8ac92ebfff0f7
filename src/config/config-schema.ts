// The YAML shape (a public contract: snake_case keys as documented). Every object is strict, so
// a typo such as `max_delet` is an error rather than a silently ignored prune setting.
import { z } from 'zod';
import { normalizeText } from '../normalize.js';
import { APPROVAL_MODES, CATALOG_TYPES, DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY, DEFAULT_LISTEN, DEFAULT_LOG_LEVEL, DEFAULT_WALDUR_TIMEOUT_MS, LOG_LEVELS, NOTIFICATION_FORMATS, SOURCE_KINDS } from './config-defaults.js';
import { checkToken } from './check-token.js';
import { parseByteSize } from './parse-byte-size.js';
import { parseDeleteLimit } from './parse-delete-limit.js';
import { parseDuration } from './parse-duration.js';
import { parseListenAddress } from './parse-listen-address.js';
import { parseLocation } from './parse-location.js';
import { parseLocations } from './parse-locations.js';
import { parseNotificationEvents } from './parse-notification-events.js';
import { parseNotificationUrl } from './parse-notification-url.js';
import { parseRateLimit } from './parse-rate-limit.js';
import { parseNoProxy, parseProxyUrl } from './parse-proxy.js';
import { parseRedisNodes, parseRedisPrefix, parseRedisUrl } from './parse-redis.js';
import { readPemFile } from './read-pem-file.js';
import { parseBoolean, parseInteger, parseOneOf, parseText } from './parse-scalars.js';
import { parseSchedule } from './parse-schedule.js';
import { parseSourceName } from './parse-source-name.js';
import { parseTimezone } from './parse-timezone.js';
import { parseWaldurUrl } from './parse-waldur-url.js';
import { readTokenFile } from './read-token-file.js';
import type { SourceKind } from './types.js';
import { leaf, nullable, optional, required, withDefault } from './value-parser.js';

export type ConfigSchema = ReturnType<typeof buildConfigSchema>['schema'];
export type ParsedConfig = z.output<ConfigSchema>;
export type ParsedSource = ParsedConfig['sources'][number];

/**
 * The schema, with local paths resolved against `baseDir`, and every key name it knows (for
 * "did you mean" hints on unknown keys).
 */
export function buildConfigSchema(baseDir: string) {
  const knownKeys = new Set<string>();
  const strict = <S extends z.ZodRawShape>(shape: S) => {
    for (const key of Object.keys(shape)) knownKeys.add(key);
    return z.strictObject(shape);
  };
  // Optional sections: absent or empty (`prune:`) is the same as {}.
  const section = <S extends z.ZodRawShape>(shape: S) => z.preprocess((v) => v ?? {}, strict(shape));
  const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === null ? [] : v), z.array(item).optional());
  const location = leaf(required(parseLocation(baseDir)));
  const locations = leaf(required(parseLocations(baseDir)));

  // What `defaults:` can set and each source can override (absent = inherit).
  const inherited = {
    schedule: leaf(optional(nullable(parseSchedule))),
    timezone: leaf(optional(nullable(parseTimezone))),
    prune: section({
      enabled: leaf(optional(parseBoolean)),
      max_delete: leaf(optional(parseDeleteLimit)),
      allow_empty: leaf(optional(parseBoolean)),
    }),
    protect: list(leaf(required(parseText()))),
    approval: leaf(optional(parseOneOf(APPROVAL_MODES))),
    fetch: section({
      max_bytes: leaf(optional(parseByteSize)),
      timeout: leaf(optional(parseDuration)),
      max_redirects: leaf(optional(parseInteger(0, 20))),
    }),
  };

  const optionsByKind = {
    eessi: section({
      eessi_version: leaf(required(parseText({ max: 32 }))),
      include_extensions: leaf(optional(parseBoolean)),
      extensions: list(location),
    }),
    'spack-index': section({}),
    'spack-env': section({
      include: leaf(optional(parseOneOf(['all', 'roots'] as const))),
      index: leaf(optional(parseLocation(baseDir))),
    }),
    manifest: section({}),
    lmod: section({}),
    easystack: section({
      names: list(leaf(required(parseText({ max: 200 })))),
    }),
    'spack-yaml': section({}),
  } satisfies Record<SourceKind, z.ZodType>;

  // Validates a mapping with the schema of its kind (options differ by kind), or without option
  // checks when the kind itself is wrong, passing every issue up with its path.
  const byKind = <Shape extends z.ZodRawShape & { kind: z.ZodType; options: z.ZodType }>(shape: Shape) => {
    const anyKind = strict(shape);
    const schemas: Record<string, z.ZodType> = Object.fromEntries(
      Object.entries(optionsByKind).map(([kind, options]) => [kind, strict({ ...shape, options })]),
    );
    type Parsed = Omit<z.output<typeof anyKind>, 'options'> & { options: Record<string, unknown> };
    return z.unknown().transform((raw, ctx) => {
      const kind = (raw as { kind?: unknown } | null)?.kind;
      const schema = typeof kind === 'string' && Object.hasOwn(schemas, kind) ? schemas[kind]! : anyKind;
      const result = schema.safeParse(raw);
      if (result.success) return result.data as Parsed;
      for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
      return z.NEVER;
    });
  };

  const kind = leaf(required(parseOneOf(SOURCE_KINDS)));
  // A companion catalog: read like a source of its kind, used only for its descriptions.
  const companion = byKind({ kind, location: locations, options: z.unknown().optional() });

  const source = byKind({
    name: leaf(required(parseSourceName)),
    kind,
    location: locations,
    options: z.unknown().optional(),
    enrich: list(companion),
    catalog: strict({
      name: leaf(required(parseText({ max: 100, trim: normalizeText }))),
      version: leaf(required(parseText({ max: 50, trim: normalizeText }))),
      type: leaf(optional(parseOneOf(CATALOG_TYPES))),
      create: leaf(withDefault(parseBoolean, false)),
    }),
    ...inherited,
  });

  const schema = strict({
    waldur: strict({
      url: leaf(required(parseWaldurUrl)),
      token: leaf(optional(checkToken)),
      token_file: leaf(optional(readTokenFile(baseDir))),
      timeout: leaf(withDefault(parseDuration, DEFAULT_WALDUR_TIMEOUT_MS)),
      concurrency: leaf(withDefault(parseInteger(1, 256), DEFAULT_CONCURRENCY)),
      rate_limit: leaf(withDefault(nullable(parseRateLimit), null)),
      batch_size: leaf(withDefault(parseInteger(1, 10_000), DEFAULT_BATCH_SIZE)),
    }),
    // Defaults are applied by assembleConfig: checkRedisFields needs to see what was given.
    redis: section({
      url: leaf(optional(parseRedisUrl)),
      prefix: leaf(optional(parseRedisPrefix)),
      sentinels: leaf(optional(parseRedisNodes(26379))),
      name: leaf(optional(parseText({ max: 200 }))),
      cluster: leaf(optional(parseRedisNodes(6379))),
      username: leaf(optional(parseText())),
      password: leaf(optional(parseText())),
      sentinel_username: leaf(optional(parseText())),
      sentinel_password: leaf(optional(parseText())),
      tls: section({
        enabled: leaf(optional(parseBoolean)),
        ca_file: leaf(optional(readPemFile(baseDir))),
        cert_file: leaf(optional(readPemFile(baseDir))),
        key_file: leaf(optional(readPemFile(baseDir))),
      }),
    }),
    proxy: section({
      url: leaf(optional(parseProxyUrl)),
      no_proxy: leaf(optional(parseNoProxy)),
    }),
    server: section({
      listen: leaf(withDefault(parseListenAddress, DEFAULT_LISTEN)),
      // The HTTP API's token follows the Waldur token's rules (checkCrossFields: not both).
      api_token: leaf(optional(checkToken)),
      api_token_file: leaf(optional(readTokenFile(baseDir))),
      webhook_secret: leaf(optional(checkToken)),
      ui: leaf(withDefault(parseBoolean, true)),
    }),
    notifications: list(
      strict({
        url: leaf(required(parseNotificationUrl)),
        events: leaf(required(parseNotificationEvents)),
        secret: leaf(optional(checkToken)),
        format: leaf(withDefault(parseOneOf(NOTIFICATION_FORMATS), 'json')),
      }),
    ),
    log: section({ level: leaf(withDefault(parseOneOf(LOG_LEVELS), DEFAULT_LOG_LEVEL)) }),
    defaults: section(inherited),
    sources: z.array(source).min(1, { error: 'must list at least one source' }),
  });
  return { schema, knownKeys };
}
