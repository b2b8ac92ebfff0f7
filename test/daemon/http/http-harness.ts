// HTTP API, webhook and status page tests: an in-process daemon with its log lines kept, local
// webhook receivers, and small request helpers.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { DaemonOptions } from '../../../src/daemon/start-daemon.js';
import { startDaemon, type Daemon } from '../../../src/daemon/start-daemon.js';
import { createLogger } from '../../../src/log/create-logger.js';
import type { DaemonFixture } from '../daemon-harness.js';

export const API_TOKEN = 'api-token-5c1d0e7a9b3f4821';
export const WEBHOOK_SECRET = 'hook-secret-8e2a61f0c4d7';

/** The `server:` lines that mount the API with the test token and webhook secret. */
export const API_SERVER_LINES = [`  api_token: ${API_TOKEN}`, `  webhook_secret: ${WEBHOOK_SECRET}`];

export interface LoggedDaemon extends Daemon {
  /** Parsed JSON log lines so far. */
  logs: Array<Record<string, unknown>>;
  /** The raw log text (for secret scans). */
  text(): string;
}

export async function startLoggedDaemon(fixture: DaemonFixture, notifier?: DaemonOptions['notifier']): Promise<LoggedDaemon> {
  const config = await fixture.loadConfig();
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      done();
    },
  });
  // No secret scrubbing: the tests check that nothing logs a secret in the first place.
  const logger = createLogger({ level: 'debug', format: 'json', destination });
  const daemon = await startDaemon({
    config,
    logger,
    options: { shutdownTimeoutMs: 5_000, lockDurationMs: 5_000, followUpPollMs: 500, ...(notifier ? { notifier } : {}) },
  });
  return {
    ...daemon,
    get logs() {
      return raw.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function call(
  base: string,
  path: string,
  options: { method?: string; token?: string | null; body?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? API_TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  /** Every request, including those answered with an error. */
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** A webhook receiver answering with `statuses` in turn (the last one from then on). */
export async function startReceiver(statuses: number[] = [200]): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses[Math.min(requests.length - 1, statuses.length - 1)]!;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Refusal {
  status: number;
  body: unknown;
}

/**
 * A "Waldur" in front of the sandbox that refuses some requests itself (e.g. a create of one
 * package with a 400) and forwards every other one unchanged.
 */
export async function startRefusingProxy(
  target: string,
  refuse: (request: { method: string; path: string; body: string }) => Refusal | null,
): Promise<{ url: string; close(): Promise<void> }> {
  const origin = new URL(target).origin;
  let self = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const refusal = refuse({ method: req.method ?? 'GET', path: req.url ?? '/', body });
      if (refusal) {
        res.writeHead(refusal.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(refusal.body));
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      fetch(`${origin}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) })
        .then(async (answer) => {
          const out: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (['content-type', 'link', 'x-result-count', 'retry-after'].includes(name)) out[name] = value.split(origin).join(self);
          });
          const text = await answer.text();
          res.writeHead(answer.status, out);
          res.end(text);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  self = `http://127.0.0.1:${port}`;
  return {
    url: `${self}${new URL(target).pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Refuses the create of packages named `name` like Waldur refuses a bad field (400). */
export function refuseCreateOf(name: string, message: string) {
  return (request: { method: string; path: string; body: string }): Refusal | null => {
    if (request.method !== 'POST' || !request.path.includes('marketplace-software-packages')) return null;
    try {
      return (JSON.parse(request.body) as { name?: string }).name === name ? { status: 400, body: { name: [message] } } : null;
    } catch {
      return null;
    }
  };
}
