// Rules between the keys of `server` that no single key can check.
import type { PathProblem } from './path-problem.js';

export function checkServerFields(server: unknown): PathProblem[] {
  if (server === null || typeof server !== 'object' || Array.isArray(server)) return [];
  const fields = server as Record<string, unknown>;
  const hasToken = fields.api_token !== undefined || fields.api_token_file !== undefined;
  if (fields.api_token !== undefined && fields.api_token_file !== undefined) {
    return [{ path: ['server', 'api_token_file'], message: 'give either api_token or api_token_file, not both' }];
  }
  if (fields.webhook_secret !== undefined && !hasToken) {
    // The API (and with it the sync route) is mounted only when it has a token.
    return [{ path: ['server', 'webhook_secret'], message: 'needs api_token or api_token_file: without one the HTTP API is off' }];
  }
  return [];
}
