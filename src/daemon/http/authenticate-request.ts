// Who may call the API: a bearer token, or on the sync route a GitHub-style webhook signature
// (X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>). Both compared in constant time.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthMethod } from './types.js';

export type AuthResult = { ok: true; method: AuthMethod } | { ok: false; detail: string };

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** Equal-length digests of both sides, so neither the length nor a prefix of the token leaks. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function authenticateRequest(
  headers: IncomingHttpHeaders,
  body: Buffer,
  options: { token: string; webhookSecret: string | null; allowSignature: boolean },
): AuthResult {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return { ok: false, detail: 'the Authorization header must be "Bearer <token>"' };
    return sameSecret(match[1]!, options.token) ? { ok: true, method: 'bearer' } : { ok: false, detail: 'invalid token' };
  }
  const signature = headers['x-hub-signature-256'];
  if (options.allowSignature && typeof signature === 'string') {
    if (options.webhookSecret === null) return { ok: false, detail: 'webhook signatures are not accepted: server.webhook_secret is not set' };
    const hex = SIGNATURE.exec(signature.trim())?.[1];
    if (!hex) return { ok: false, detail: 'X-Hub-Signature-256 must be "sha256=<64 hex digits>"' };
    const expected = createHmac('sha256', options.webhookSecret).update(body).digest();
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected) ? { ok: true, method: 'signature' } : { ok: false, detail: 'invalid signature' };
  }
  return {
    ok: false,
    detail: options.allowSignature
      ? 'authentication required: an Authorization: Bearer <token> header, or a webhook X-Hub-Signature-256'
      : 'authentication required: an Authorization: Bearer <token> header',
  };
}
