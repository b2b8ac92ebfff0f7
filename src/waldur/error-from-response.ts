// Maps a non-2xx answer to the typed errors of src/errors.ts. Messages are built from the
// method, the path and the server's answer only: never from request headers.
import {
  AuthError,
  NotFoundError,
  RateLimited,
  Transient,
  ValidationError,
  type CatalogSyncError,
  type FieldErrors,
} from '../errors.js';
import { parseRetryAfter } from './parse-retry-after.js';

const MAX_SNIPPET = 300;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const asMessages = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [typeof value === 'string' ? value : JSON.stringify(value)];

/** DRF 400 bodies: {"field": ["msg"]}, a bare list (-> non_field_errors), or {"detail": "..."}. */
export function drfFieldErrors(body: unknown): FieldErrors {
  if (Array.isArray(body)) return { non_field_errors: asMessages(body) };
  if (body !== null && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).map(([field, value]) => [field, asMessages(value)]));
  }
  return {};
}

function detailOf(body: unknown, text: string): string {
  if (body !== null && typeof body === 'object' && typeof (body as { detail?: unknown }).detail === 'string') {
    return (body as { detail: string }).detail;
  }
  // HTML error pages and the like: a short, single-line excerpt is enough to recognise them.
  const flat = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SNIPPET ? `${flat.slice(0, MAX_SNIPPET)}...` : flat;
}

export function errorFromResponse(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  where: string,
): CatalogSyncError {
  const body = parseJson(text);
  const detail = detailOf(body, text);
  const prefix = `Waldur ${where} answered ${status}`;
  if (status === 400) {
    const fields = drfFieldErrors(body);
    const summary = Object.entries(fields)
      .map(([f, m]) => `${f}: ${m.join(' ')}`)
      .join('; ');
    return new ValidationError(`${prefix}: ${summary || detail || 'bad request'}`, fields);
  }
  if (status === 401 || status === 403) {
    const hint = status === 401 ? 'check the API token' : 'writes need a staff user\'s token';
    return new AuthError(`${prefix}: ${detail || 'not allowed'} (${hint})`, status);
  }
  if (status === 404) return new NotFoundError(`${prefix}: ${detail || 'not found'}`);
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(headers['retry-after']) ?? 0;
    return new RateLimited(`${prefix}: ${detail || 'slow down'}`, retryAfterMs, status);
  }
  if (status >= 500 || status === 408) return new Transient(`${prefix}: ${detail || 'server error'}`, status);
  const fields = drfFieldErrors(body);
  return new ValidationError(`${prefix}: ${detail || 'request refused'}`, body && typeof body === 'object' && !('detail' in body) ? fields : {});
}
