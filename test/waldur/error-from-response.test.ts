import { describe, expect, it } from 'vitest';
import { AuthError, RateLimited, Transient, ValidationError } from '../../src/errors.js';
import { errorFromResponse } from '../../src/waldur/error-from-response.js';

describe('errorFromResponse', () => {
  it('when a 400 body is a bare list, then its messages go under non_field_errors', () => {
    const err = errorFromResponse(400, {}, '["Catalog is locked."]', 'POST /api/x/');
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ non_field_errors: ['Catalog is locked.'] });
  });

  it('when a 503 carries an HTTP-date Retry-After, then RateLimited with a positive delay', () => {
    const later = new Date(Date.now() + 60_000).toUTCString();
    const err = errorFromResponse(503, { 'retry-after': later }, '', 'GET /api/x/');
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterMs).toBeGreaterThan(50_000);
  });

  it('when a 403 has a DRF detail, then AuthError quoting it', () => {
    const err = errorFromResponse(403, {}, '{"detail":"You do not have permission to perform this action."}', 'PUT /api/x/');
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toContain('You do not have permission');
  });

  it('when a 502 has a long HTML body, then Transient with a short one-line excerpt', () => {
    const err = errorFromResponse(502, {}, `<html><body><h1>Bad Gateway</h1>${'x'.repeat(2000)}</body></html>`, 'GET /api/x/');
    expect(err).toBeInstanceOf(Transient);
    expect(err.message).toContain('Bad Gateway');
    expect(err.message.length).toBeLessThan(400);
  });
});
