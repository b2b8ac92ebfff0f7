// The daemon's own HTTP routes (API and status page), mounted on the health server.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export type AuthMethod = 'bearer' | 'signature';

export interface HttpRequest {
  method: string;
  /** Path parameters by name (`{name}` in the route's path), decoded. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Raw body (empty for GET and HEAD). */
  body: Buffer;
  remote: string;
  /** How the caller proved itself; null on routes without auth. */
  auth: AuthMethod | null;
}

export interface Reply {
  status: number;
  json?: unknown;
  html?: string;
  css?: string;
  headers?: Record<string, string>;
  /** Extra fields for the request's log line (source, job, requested_by...). */
  log?: Record<string, unknown>;
}

export interface Route {
  method: 'GET' | 'POST';
  /** e.g. /api/v1/sources/{name}/sync */
  path: string;
  /** none: public (status page); bearer: API token; bearer-or-signature: also a signed webhook. */
  auth: 'none' | 'bearer' | 'bearer-or-signature';
  handle(request: HttpRequest): Promise<Reply>;
}

/** Answers a request and returns true, or returns false for a path it does not serve. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
