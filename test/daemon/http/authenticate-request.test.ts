import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticateRequest } from '../../../src/daemon/http/authenticate-request.js';

const TOKEN = 'tok-0123456789abcdef';
const SECRET = 'webhook-secret-1';
const BODY = Buffer.from('{"ref":"refs/heads/main"}');
const sign = (body: Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const auth = (headers: Record<string, string>, options: { allowSignature?: boolean; webhookSecret?: string | null } = {}) =>
  authenticateRequest(headers, BODY, { token: TOKEN, webhookSecret: options.webhookSecret === undefined ? SECRET : options.webhookSecret, allowSignature: options.allowSignature ?? true });

describe('authenticateRequest', () => {
  it.each([
    ['the right bearer token', { authorization: `Bearer ${TOKEN}` }, { ok: true, method: 'bearer' }],
    ['a lower-case scheme', { authorization: `bearer ${TOKEN}` }, { ok: true, method: 'bearer' }],
    ['a valid signature', { 'x-hub-signature-256': sign(BODY) }, { ok: true, method: 'signature' }],
    ['an upper-case hex signature', { 'x-hub-signature-256': sign(BODY).toUpperCase().replace('SHA256', 'sha256') }, { ok: true, method: 'signature' }],
  ])('when a request has %s, then it is accepted', (_name, headers, expected) => {
    expect(auth(headers)).toEqual(expected);
  });

  it.each([
    ['no credentials', {}],
    ['a token with one character more', { authorization: `Bearer ${TOKEN}0` }],
    ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, 8)}` }],
    ['the Waldur scheme', { authorization: `Token ${TOKEN}` }],
    ['a signature of another body', { 'x-hub-signature-256': sign(Buffer.from('{}')) }],
    ['a signature under another secret', { 'x-hub-signature-256': sign(BODY, 'other') }],
    ['a sha1 signature', { 'x-hub-signature-256': 'sha1=0123' }],
    ['a wrong token next to a valid signature', { authorization: 'Bearer nope', 'x-hub-signature-256': sign(BODY) }],
  ])('when a request has %s, then it is refused with a reason that holds no secret', (_name, headers) => {
    const result = auth(headers);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('when signatures are not allowed on the route, then a valid one is refused', () => {
    expect(auth({ 'x-hub-signature-256': sign(BODY) }, { allowSignature: false }).ok).toBe(false);
  });

  it('when no webhook secret is configured, then a signature is refused and the reason names the key', () => {
    expect(auth({ 'x-hub-signature-256': sign(BODY) }, { webhookSecret: null })).toEqual({
      ok: false,
      detail: 'webhook signatures are not accepted: server.webhook_secret is not set',
    });
  });
});
