// The status page: server-rendered HTML without any script, readable without JavaScript.
import type { HttpDeps } from './http-deps.js';
import { html } from './html.js';
import { renderPage } from './render-page.js';
import { renderRunPage } from './render-run-page.js';
import { renderStatusPage } from './render-status-page.js';
import { STATUS_PAGE_CSS } from './status-page-css.js';
import type { HttpRequest, Reply, Route } from './types.js';

/** Runs per source on the overview. */
const RUNS_SHOWN = 10;

export function createUiRoutes(deps: HttpDeps): Route[] {
  const now = deps.now ?? Date.now;
  const message = (status: number, title: string, text: string): Reply => ({
    status,
    html: renderPage({ title, body: html`<nav><a href="/">← all sources</a></nav><h2>${title}</h2><p>${text}</p>`, now: now() }),
  });
  /** A page whose data could not be read says so (as a page) instead of failing the request. */
  const page = (render: (request: HttpRequest) => Promise<Reply>) => async (request: HttpRequest): Promise<Reply> => {
    try {
      return await render(request);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'redis_unavailable') throw err;
      return { ...message(503, 'Status unavailable', err instanceof Error ? err.message : 'Redis is unavailable'), headers: { 'retry-after': '5' } };
    }
  };

  const overview = async (): Promise<Reply> => ({
    status: 200,
    html: renderStatusPage({ status: await deps.readStatus(RUNS_SHOWN), sources: deps.sources, now: now() }),
  });

  const runPage = async (request: HttpRequest): Promise<Reply> => {
    const source = request.params.name!;
    const run = deps.sources.some((s) => s.name === source) ? await deps.findRun(source, request.params.run!) : null;
    if (!run) return message(404, 'Run not found', `No run ${request.params.run} in the history of ${source}.`);
    return { status: 200, html: renderRunPage({ source, run, now: now() }) };
  };

  return [
    { method: 'GET', path: '/', auth: 'none', handle: page(overview) },
    { method: 'GET', path: '/sources/{name}/runs/{run}', auth: 'none', handle: page(runPage) },
    { method: 'GET', path: '/status.css', auth: 'none', handle: async () => ({ status: 200, css: STATUS_PAGE_CSS, headers: { 'cache-control': 'max-age=300' } }) },
  ];
}
