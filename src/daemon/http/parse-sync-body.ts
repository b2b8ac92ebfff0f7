// The body of POST /api/v1/sources/{name}/sync (and of approve and reject, which take no force):
// optional, `{"force": bool, "requested_by": str}`.
export interface SyncRequest {
  force: boolean;
  requestedBy: string | null;
}

const MAX_REQUESTED_BY = 200;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const KEYS = new Set(['force', 'requested_by']);

export function parseSyncBody(body: Buffer): { ok: true; value: SyncRequest } | { ok: false; detail: string } {
  const text = body.toString('utf8').trim();
  if (text === '') return { ok: true, value: { force: false, requestedBy: null } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, detail: 'the body must be JSON, e.g. {"requested_by": "ci"}, or empty' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, detail: 'the body must be a JSON object: {"force": bool, "requested_by": str}' };
  }
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) {
    // Key names only (capped): the body is the caller's, but keep the answer small.
    return { ok: false, detail: `unknown field ${JSON.stringify(unknown[0]!.slice(0, 40))} (allowed: force, requested_by)` };
  }
  if (fields.force !== undefined && typeof fields.force !== 'boolean') return { ok: false, detail: '"force" must be true or false' };
  const requestedBy = fields.requested_by;
  if (requestedBy !== undefined) {
    if (typeof requestedBy !== 'string' || requestedBy.trim() === '') return { ok: false, detail: '"requested_by" must be a non-empty string' };
    if (requestedBy.length > MAX_REQUESTED_BY || CONTROL.test(requestedBy)) {
      return { ok: false, detail: `"requested_by" must be at most ${MAX_REQUESTED_BY} characters, without control characters` };
    }
  }
  return { ok: true, value: { force: fields.force === true, requestedBy: typeof requestedBy === 'string' ? requestedBy.trim() : null } };
}
