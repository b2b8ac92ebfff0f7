// Typed errors shared by every layer. Each carries what an operator needs to act on it;
// none may carry the API token (messages are built from server answers and our own words only).

export type FieldErrors = Record<string, string[]>;

export class CatalogSyncError extends Error {
  /** Stable machine-readable code, used in reports and metrics. */
  readonly code: string = 'error';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input: config, manifest, upstream file or a 400 from Waldur. Never retried. */
export class ValidationError extends CatalogSyncError {
  override readonly code: string = 'validation';
  constructor(
    message: string,
    /** Field path -> messages (DRF 400 body, or our own schema checks). */
    readonly fields: FieldErrors = {},
    options?: { cause?: unknown; file?: string; line?: number; column?: number },
  ) {
    super(message, options);
    this.file = options?.file;
    this.line = options?.line;
    this.column = options?.column;
  }
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/** One problem of a config file: key path (e.g. `sources[1].catalog.type`), message, position. */
export interface ConfigProblem {
  /** Key path; "" for problems of the file itself (size, encoding, YAML syntax). */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** Config file problems (schema, env expansion, cron). */
export class ConfigError extends ValidationError {
  override readonly code = 'config';
  /** Every problem found, in file order (the message lists them too). */
  readonly problems: ConfigProblem[];
  constructor(
    message: string,
    fields: FieldErrors = {},
    options?: { cause?: unknown; file?: string; line?: number; column?: number; problems?: ConfigProblem[] },
  ) {
    super(message, fields, options);
    this.problems = options?.problems ?? [];
  }
}

/** Upstream could not be fetched or parsed. Never leads to deletes. */
export class SourceError extends CatalogSyncError {
  override readonly code = 'source';
  constructor(
    message: string,
    readonly source: string,
    readonly location: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 401/403: wrong or non-staff token. */
export class AuthError extends CatalogSyncError {
  override readonly code = 'auth';
  constructor(message: string, readonly status: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class NotFoundError extends CatalogSyncError {
  override readonly code = 'not_found';
}

/** 429 or 503 with the delay the server asked for. */
export class RateLimited extends CatalogSyncError {
  override readonly code = 'rate_limited';
  constructor(message: string, readonly retryAfterMs: number, readonly status: number) {
    super(message);
  }
}

/** 5xx, connection reset, timeout: worth retrying for idempotent requests. */
export class Transient extends CatalogSyncError {
  override readonly code = 'transient';
  constructor(message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The run was cancelled (shutdown, abort signal). */
export class Aborted extends CatalogSyncError {
  override readonly code = 'aborted';
}

/**
 * The run stopped before this operation was sent: Waldur rejected the token (401/403) or the run
 * was cancelled. Its message says why; the operator fixes the token (or reruns) and syncs again.
 */
export class RunStopped extends CatalogSyncError {
  override readonly code = 'run_stopped';
}

/** One-line description for reports: class code and message, nothing else. */
export function describeError(err: unknown): string {
  if (err instanceof ValidationError && Object.keys(err.fields).length > 0) {
    const details = Object.entries(err.fields)
      .map(([field, msgs]) => `${field}: ${msgs.join('; ')}`)
      .join(', ');
    return `${err.message} (${details})`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A run of the source is active and did not end within the wait: nothing was done for it. */
export class SourceBusy extends CatalogSyncError {
  override readonly code = 'source_busy';
}

/** Something a saved or held plan touches that changed since it was computed. */
export interface StalePlanItem {
  source: string;
  kind: 'create' | 'update' | 'delete' | 'catalog';
  name: string;
  uuid: string | null;
  reason: string;
}

/** The shown part of a long stale list: the rest is counted. */
const STALE_SHOWN = 20;

/** A plan no longer matches the catalog: nothing was written, and it must be computed again. */
export class StalePlan extends CatalogSyncError {
  override readonly code = 'stale_plan';
  constructor(readonly items: StalePlanItem[], hint: string) {
    const shown = items.slice(0, STALE_SHOWN).map((i) => `${i.source}: ${i.kind} ${JSON.stringify(i.name)} ${i.reason}`);
    if (items.length > STALE_SHOWN) shown.push(`... and ${items.length - STALE_SHOWN} more`);
    super(`the plan is stale: ${shown.join('; ')}. Nothing was written: ${hint}`);
  }
}
