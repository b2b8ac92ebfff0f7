// The resolved configuration every layer receives (the YAML is a public contract; see README).
import type { CatalogType } from '../model.js';

export type SourceKind = 'eessi' | 'spack-index' | 'spack-env' | 'manifest' | 'lmod' | 'easystack' | 'spack-yaml';

/**
 * One location, or several whose packages are united by name. Local paths are absolute (resolved
 * against the config file's folder) and may be glob patterns; URLs are kept as written.
 */
export type Locations = string | string[];

/** none: runs apply everything; deletes: deletes wait for approval; all: every operation does. */
export type ApprovalMode = 'none' | 'deletes' | 'all';

export type DeleteLimit = { kind: 'count'; value: number } | { kind: 'percent'; value: number };

export interface PruneConfig {
  enabled: boolean;
  maxDelete: DeleteLimit;
  allowEmpty: boolean;
}

export interface CatalogConfig {
  name: string;
  version: string;
  type: CatalogType;
  create: boolean;
}

export interface SourceConfig {
  name: string;
  kind: SourceKind;
  /** Local path (resolved against the config file's folder) or http(s) URL, or a list of them. */
  location: Locations;
  /** Kind-specific options, validated by the reader of that kind. */
  options: Record<string, unknown>;
  /**
   * Companion catalogs that fill in empty descriptions and homepages, by exact package name, in
   * order. Absent (embedded configs) is the same as none.
   */
  enrich?: EnrichConfig[];
  catalog: CatalogConfig;
  /** Cron expression; null = on demand only. */
  schedule: string | null;
  timezone: string | null;
  prune: PruneConfig;
  /** Name globs never deleted. */
  protect: string[];
  /**
   * Which operations of scheduled and queued runs wait for `catalog-sync approve` as a pending
   * plan. Absent (embedded configs) is the same as `none`.
   */
  approval?: ApprovalMode;
  /** How URL locations are fetched. */
  fetch: FetchConfig;
}

/** A companion catalog of a source (`enrich:`), read with the reader of its kind. */
export interface EnrichConfig {
  kind: SourceKind;
  location: Locations;
  options: Record<string, unknown>;
}

export interface FetchConfig {
  /** Refuse bodies larger than this (default 64 MiB). */
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Egress proxy (the `proxy` section); absent = from the environment. */
  proxy?: ProxyConfig;
}

/** The `proxy` section. What it leaves unset comes from the environment, as curl reads it. */
export interface ProxyConfig {
  /** Proxy for http and https URLs; null = https_proxy / HTTPS_PROXY, http_proxy / HTTP_PROXY. */
  url: string | null;
  /** Hosts reached directly (`*` = every host); null = no_proxy / NO_PROXY. */
  noProxy: string[] | null;
}

/** `options` of kind eessi. */
export interface EessiOptions {
  /** e.g. "2023.06": entries whose first required module is EESSI/<version>. */
  eessi_version: string;
  include_extensions?: boolean;
  /** Locations of eessi_api_metadata_ext-*.json files (used with include_extensions). */
  extensions?: string[];
}

/** `options` of kind spack-env. */
export interface SpackEnvOptions {
  /** all (default): every concrete spec; roots: only the environment's roots. */
  include?: 'all' | 'roots';
  /** Location of a packages.spack.io repology.json to fill descriptions and homepages. */
  index?: string;
}

/** `options` of kind easystack. */
export interface EasystackOptions {
  /**
   * Software names to recognise first when splitting easyconfig file names: names that the
   * grammar cannot split unambiguously (e.g. "enchant-2", whose version follows "-2-").
   */
  names?: string[];
}

export interface WaldurConfig {
  /** API root, ending in /api/ */
  url: string;
  token: string;
  timeoutMs: number;
  /** Parallel write requests. */
  concurrency: number;
  /** Writes per second; null = unlimited. */
  rateLimitPerSecond: number | null;
  /** Operations per ops job of the daemon. */
  batchSize: number;
  /** Egress proxy (the `proxy` section); absent = from the environment. */
  proxy?: ProxyConfig;
}

export interface RedisNode {
  host: string;
  port: number;
}

/**
 * Where Redis is: one server (`url`), a Sentinel group or a Cluster. Only url and prefix are
 * needed; the rest is absent for a single Redis.
 */
export interface RedisConfig {
  /** A single Redis: redis:// or rediss:// (TLS). Unused with sentinel or cluster. */
  url: string;
  /** Key prefix of every queue and key (in braces on a Cluster). */
  prefix: string;
  sentinel?: {
    nodes: RedisNode[];
    /** The master group name the Sentinels monitor. */
    name: string;
    username?: string;
    password?: string;
  };
  /** Seed nodes of a Redis Cluster. */
  cluster?: RedisNode[];
  /** Credentials of the Redis servers (the URL may carry them instead). */
  username?: string;
  password?: string;
  /** TLS to every Redis server (and Sentinel); PEM contents, read at start. */
  tls?: { ca?: string; cert?: string; key?: string };
  /**
   * True when the file names a Redis (`url`, `sentinels` or `cluster`): the CLI's `sync` and
   * `apply` then take the daemon's per-source lock and record their runs in its history.
   */
  configured?: boolean;
}

/** The daemon's HTTP server: probes and metrics always; the API and status page as configured. */
export interface ServerConfig {
  host: string;
  port: number;
  /** Bearer token of the HTTP API (`api_token` or `api_token_file`); null = no API (its routes answer 404). */
  apiToken: string | null;
  /** Key of the GitHub-style `X-Hub-Signature-256` HMAC accepted on the sync route; null = none. */
  webhookSecret: string | null;
  /** The status page at `GET /`. */
  ui: boolean;
}

export type NotificationEvent = 'changed' | 'refused' | 'failed' | 'pending_approval';

/** One `notifications[]` entry: where to POST which run events. */
export interface NotificationTarget {
  /** May hold a secret (Slack URLs do): never logged in full. */
  url: string;
  events: NotificationEvent[];
  /** HMAC key of the `X-Catalog-Sync-Signature-256` header; null = unsigned. */
  secret: string | null;
  format: 'json' | 'slack';
}

export interface Config {
  /** Absolute path of the file it was read from (null for embedded configs in tests). */
  file: string | null;
  waldur: WaldurConfig;
  redis: RedisConfig;
  server: ServerConfig;
  notifications: NotificationTarget[];
  log: { level: string };
  sources: SourceConfig[];
  /** Absolute paths of the token files it read (`waldur.token_file`, `server.api_token_file`); absent in embedded configs. */
  secretFiles?: string[];
  /** Things that are valid but probably unintended (e.g. a catalog Waldur's own loader owns). */
  warnings: string[];
}
