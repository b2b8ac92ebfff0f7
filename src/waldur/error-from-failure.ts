// Maps a request that got no answer (reset, refused, timeout, abort) to a typed error.
import { Aborted, Transient, type CatalogSyncError } from '../errors.js';

const TIMEOUT_CODES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for response headers',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the response body',
};

export function errorFromFailure(
  err: unknown,
  where: string,
  signals: { caller?: AbortSignal | undefined; deadlineExpired: boolean; deadlineMs: number },
): CatalogSyncError {
  if (signals.caller?.aborted) return new Aborted(`Waldur ${where}: cancelled`, { cause: err });
  if (signals.deadlineExpired) {
    return new Transient(`Waldur ${where}: no answer within the ${signals.deadlineMs} ms deadline`, undefined, { cause: err });
  }
  const code = (err as { code?: unknown })?.code;
  const reason =
    (typeof code === 'string' && TIMEOUT_CODES[code]) ||
    [typeof code === 'string' ? code : null, err instanceof Error ? err.message : String(err)].filter(Boolean).join(': ');
  return new Transient(`Waldur ${where}: ${reason}`, undefined, { cause: err });
}
