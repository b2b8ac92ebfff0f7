// An in-memory, Waldur-compatible software-catalog API on node:http, with fault injection.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applySeed } from './apply-seed.js';
import { createSandboxState } from './create-sandbox-state.js';
import { createSandboxStats } from './create-sandbox-stats.js';
import { handleCatalogs } from './handle-catalogs.js';
import { createPackageHandler } from './handle-packages.js';
import type { ApiRequest, ApiResponse, HandlerDeps } from './handler-types.js';
import { matchRoute } from './match-route.js';
import { createPackageSelector } from './select-packages.js';
import type { Sandbox, SandboxFaults, SandboxOptions } from './types.js';

export const NO_FAULTS: SandboxFaults = {
  latencyMs: 0,
  errorRate: 0,
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  lostWriteRate: 0,
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_BODY_BYTES = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, method: string, reply: ApiResponse): void {
  const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
  const headers: Record<string, string> = {
    ...(payload ? { 'Content-Type': 'application/json' } : {}),
    'Content-Length': String(Buffer.byteLength(payload)),
    Allow: 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
    ...reply.headers,
  };
  res.writeHead(reply.status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}

/** DRF TokenAuthentication + Waldur's staff-only writes. */
function authorize(req: IncomingMessage, method: string, options: SandboxOptions): ApiResponse | null {
  const header = req.headers.authorization;
  const unauthorized = (detail: string): ApiResponse => ({
    status: 401,
    body: { detail },
    headers: { 'WWW-Authenticate': 'Token' },
  });
  if (!header) return unauthorized('Authentication credentials were not provided.');
  const [scheme, key, extra] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'token') return unauthorized('Authentication credentials were not provided.');
  if (!key || extra !== undefined) return unauthorized('Invalid token header. Token string should not contain spaces.');
  const staff = key === options.token;
  if (!staff && (options.readOnlyToken === undefined || key !== options.readOnlyToken)) return unauthorized('Invalid token.');
  if (!staff && WRITE_METHODS.has(method)) {
    return { status: 403, body: { detail: 'You do not have permission to perform this action.' } };
  }
  return null;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  if (!options.token) throw new Error('the sandbox needs a staff token');
  let baseUrl: string | null = null;
  let faults: SandboxFaults = { ...NO_FAULTS, ...options.faults };
  const state = createSandboxState(() => baseUrl);
  const stats = createSandboxStats();
  const deps: HandlerDeps = { state, targetSchema: options.targetSchema ?? 'new' };
  const handlePackages = createPackageHandler(createPackageSelector(state));
  const timers = new Set<NodeJS.Timeout>();
  if (options.seed) applySeed(state, options.seed);

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const roll = (rate: number): boolean => rate > 0 && (faults.random ?? Math.random)() < rate;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const host = req.headers.host ?? 'localhost';
    const url = new URL(req.url ?? '/', `http://${host}`);
    const route = matchRoute(url.pathname);
    stats.record(method, route?.template ?? url.pathname);
    const raw = await readBody(req);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);

    if (roll(faults.errorRate)) {
      stats.injected.errors += 1;
      const html = '<!doctype html><title>Server Error (500)</title><h1>Server Error (500)</h1>';
      res.writeHead(500, { 'Content-Type': 'text/html', 'Content-Length': String(html.length) });
      res.end(html);
      return;
    }
    if (roll(faults.rateLimitRate)) {
      stats.injected.rateLimited += 1;
      const seconds = faults.retryAfterSeconds;
      send(res, method, {
        status: 429,
        body: { detail: `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.` },
        headers: { 'Retry-After': String(seconds) },
      });
      return;
    }
    if (!route) {
      send(res, method, { status: 404, body: { detail: 'Not found.' } });
      return;
    }
    if (faults.revokeTokenAfterWrites != null && stats.writesApplied >= faults.revokeTokenAfterWrites) {
      send(res, method, { status: 401, body: { detail: 'Invalid token.' } });
      return;
    }
    if (method === 'DELETE' && route.resource === 'packages' && route.id !== undefined && faults.undeletable?.length) {
      const name = state.getPackage(route.id)?.name;
      if (name !== undefined && faults.undeletable.includes(name)) {
        stats.injected.errors += 1;
        send(res, method, { status: 500, body: { detail: 'Internal error: the package is held by another object.' } });
        return;
      }
    }
    const denied = authorize(req, method, options);
    if (denied) {
      send(res, method, denied);
      return;
    }
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (err) {
        send(res, method, { status: 400, body: { detail: `JSON parse error - ${(err as Error).message}` } });
        return;
      }
    }
    const apiRequest: ApiRequest = { method, url, root: `http://${host}/api/`, body, ...(route.id !== undefined ? { id: route.id } : {}) };
    const reply = route.resource === 'packages' ? handlePackages(apiRequest, deps) : handleCatalogs(apiRequest, deps);
    if (reply.applied) {
      stats.writesApplied += 1;
      if (roll(faults.lostWriteRate)) {
        stats.injected.lostWrites += 1;
        req.socket.destroy();
        return;
      }
    }
    send(res, method, reply);
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      send(res, 'GET', { status: 500, body: { detail: `Internal error: ${(err as Error).message}` } });
    });
  });

  return {
    state,
    stats,
    get faults() {
      return faults;
    },
    get url() {
      return baseUrl;
    },
    setFaults(next) {
      faults = { ...faults, ...next };
    },
    async listen(port = 0, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      baseUrl = `http://${shownHost}:${address.port}/api/`;
      return { url: baseUrl };
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
