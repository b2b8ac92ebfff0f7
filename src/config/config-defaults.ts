// Built-in defaults, applied where neither a source nor `defaults:` gives a value.
import type { CatalogType } from '../model.js';
import type { ApprovalMode, FetchConfig, NotificationEvent, NotificationTarget, PruneConfig, SourceKind } from './types.js';

export const SOURCE_KINDS: readonly SourceKind[] = ['eessi', 'spack-index', 'spack-env', 'manifest', 'lmod', 'easystack', 'spack-yaml'];
export const CATALOG_TYPES: readonly CatalogType[] = ['binary_runtime', 'source_package', 'package_manager'];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_CATALOG_TYPE: Record<SourceKind, CatalogType> = {
  eessi: 'binary_runtime',
  'spack-index': 'source_package',
  'spack-env': 'source_package',
  manifest: 'binary_runtime',
  // Module trees and EasyBuild stacks are installed software; a spack.yaml is a build recipe
  // list like a spack.lock.
  lmod: 'binary_runtime',
  easystack: 'binary_runtime',
  'spack-yaml': 'source_package',
};

export const DEFAULT_WALDUR_TIMEOUT_MS = 30_000;
export const DEFAULT_CONCURRENCY = 8;
/** Operations per ops job of the daemon (see bench/RESULTS.md for how it was chosen). */
export const DEFAULT_BATCH_SIZE = 1_000;
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_REDIS_PREFIX = 'catalog-sync';
export const DEFAULT_LISTEN = { host: '127.0.0.1', port: 9464 };
export const DEFAULT_LOG_LEVEL = 'info';
export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = ['changed', 'refused', 'failed', 'pending_approval'];
export const NOTIFICATION_FORMATS: readonly NotificationTarget['format'][] = ['json', 'slack'];

export const APPROVAL_MODES: readonly ApprovalMode[] = ['none', 'deletes', 'all'];

export const DEFAULT_PRUNE: PruneConfig = {
  enabled: false,
  maxDelete: { kind: 'percent', value: 10 },
  allowEmpty: false,
};

export const DEFAULT_FETCH: FetchConfig = {
  maxBytes: 64 * 2 ** 20,
  timeoutMs: 60_000,
  maxRedirects: 5,
};
