// The API and the status page on the daemon's HTTP server. Per request: match the route, read a
// capped body, authenticate, answer, and log one line (route, status, result, requested_by).
import type { IncomingMessage } from 'node:http';
import { authenticateRequest } from './authenticate-request.js';
import { createApiRoutes } from './create-api-routes.js';
import { createUiRoutes } from './create-ui-routes.js';
import type { HttpDeps } from './http-deps.js';
import { matchRoute } from './match-route.js';
import { readRequestBody } from './read-request-body.js';
import type { AuthMethod, Reply, Route, RouteHandler } from './types.js';
import { writeReply } from './write-reply.js';

export const MAX_BODY_BYTES = 64 * 1024;
/** A Git host's push event lists commits and files: larger than an API body may be. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

const RESULTS: Record<number, string> = {
  200: 'ok',
  202: 'queued',
  400: 'bad_request',
  401: 'unauthorized',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'too_large',
  500: 'error',
  503: 'unavailable',
};

const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

export function createHttpRoutes(deps: HttpDeps): RouteHandler {
  const apiOn = deps.server.apiToken !== null;
  const api = apiOn ? createApiRoutes(deps) : [];
  const routes = [...api, ...(deps.server.ui ? createUiRoutes(deps) : [])];

  const answer = async (req: IncomingMessage, route: Route, params: Record<string, string>): Promise<{ reply: Reply; auth: AuthMethod | null }> => {
    const signed = req.headers['x-hub-signature-256'] !== undefined && route.auth === 'bearer-or-signature';
    let body: Buffer = Buffer.alloc(0);
    if (route.method === 'POST') {
      const read = await readRequestBody(req, signed ? MAX_WEBHOOK_BODY_BYTES : MAX_BODY_BYTES);
      if (read === null) {
        const limit = `${(signed ? MAX_WEBHOOK_BODY_BYTES : MAX_BODY_BYTES) / 1024} KiB`;
        return { reply: { status: 413, json: { detail: `the body is larger than ${limit}` }, headers: { connection: 'close' } }, auth: null };
      }
      body = read;
    }
    let auth: AuthMethod | null = null;
    if (route.auth !== 'none') {
      const result = authenticateRequest(req.headers, body, {
        token: deps.server.apiToken ?? '',
        webhookSecret: deps.server.webhookSecret,
        allowSignature: route.auth === 'bearer-or-signature',
      });
      if (!result.ok) {
        return { reply: { status: 401, json: { detail: result.detail }, headers: { 'www-authenticate': 'Bearer realm="catalog-sync"' } }, auth: null };
      }
      auth = result.method;
    }
    const reply = await route.handle({ method: route.method, params, headers: req.headers, body, remote: req.socket.remoteAddress ?? 'unknown', auth });
    return { reply, auth };
  };

  return async (req, res) => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const api = isApiPath(pathname);
    const match = matchRoute(routes, method, pathname);
    // Every /api path is ours: without a token the API is off and answers 404, whatever the method.
    if (match === null && !api) return false;

    let route = 'unmatched';
    let reply: Reply;
    let auth: AuthMethod | null = null;
    if (match === null) {
      reply = { status: 404, json: { detail: !apiOn ? 'not found: the HTTP API is off (server.api_token is not set)' : 'not found' } };
    } else if ('allow' in match) {
      reply = { status: 405, json: { detail: `method not allowed (allowed: ${match.allow.join(', ')})` }, headers: { allow: match.allow.join(', ') } };
    } else {
      route = `${match.route.method} ${match.route.path}`;
      try {
        ({ reply, auth } = await answer(req, match.route, match.params));
      } catch (err) {
        const unavailable = (err as { code?: unknown }).code === 'redis_unavailable';
        if (!unavailable) deps.logger.error({ route, err }, 'request failed');
        reply = unavailable
          ? { status: 503, json: { detail: err instanceof Error ? err.message : 'Redis is unavailable' }, headers: { 'retry-after': '5' } }
          : { status: 500, json: { detail: 'internal error (see the daemon log)' } };
      }
    }
    writeReply(res, reply, method === 'HEAD');
    const fields = {
      route,
      method,
      status: reply.status,
      result: RESULTS[reply.status] ?? String(reply.status),
      auth,
      requested_by: null,
      remote: req.socket.remoteAddress ?? null,
      duration_ms: Date.now() - started,
      ...reply.log,
    };
    // The status page refreshes itself every few seconds: its requests are debug lines.
    if (!api) deps.logger.debug(fields, 'status page request');
    else if (reply.status === 401 || reply.status >= 500) deps.logger.warn(fields, 'api request');
    else deps.logger.info(fields, 'api request');
    return true;
  };
}
