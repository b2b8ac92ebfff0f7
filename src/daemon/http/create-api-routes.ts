// The HTTP API under /api/v1. Adding a route is one line in the table below.
import { parseRunJobData } from '../../jobs/parse-run-job-data.js';
import type { HttpDeps } from './http-deps.js';
import { parseSyncBody } from './parse-sync-body.js';
import type { HttpRequest, Reply, Route } from './types.js';

/** Runs per source in GET /api/v1/sources, as in `status --json`. */
const STATUS_RUNS = 20;

const detail = (status: number, text: string, log?: Record<string, unknown>): Reply => ({ status, json: { detail: text }, ...(log ? { log } : {}) });

export function createApiRoutes(deps: HttpDeps): Route[] {
  /** The configured source a path names (checked like a queued job), or a 404 reply. */
  const sourceOf = (request: HttpRequest): { name: string } | Reply => {
    try {
      return { name: parseRunJobData({ source: request.params.name }, deps.sources).source.name };
    } catch (err) {
      // Its only errors are "no such source" (with the configured names).
      return detail(404, err instanceof Error ? err.message : String(err), { source: request.params.name?.slice(0, 100) });
    }
  };

  const listSources = async (): Promise<Reply> => ({ status: 200, json: await deps.readStatus(STATUS_RUNS) });

  const requestSync = async (request: HttpRequest): Promise<Reply> => {
    const source = sourceOf(request);
    if ('status' in source) return source;
    let requestedBy: string;
    let force = false;
    if (request.auth === 'signature') {
      // A Git hosting webhook: its body is the host's event payload, not ours, and never forces.
      const event = request.headers['x-github-event'];
      if (event === 'ping') return { status: 200, json: { detail: 'pong: the webhook works; nothing was queued' }, log: { source: source.name, webhook_event: 'ping' } };
      requestedBy = `webhook@${request.remote}`;
    } else {
      const body = parseSyncBody(request.body);
      if (!body.ok) return detail(400, body.detail, { source: source.name });
      force = body.value.force;
      requestedBy = body.value.requestedBy ?? `api@${request.remote}`;
    }
    const reason = request.auth === 'signature' ? 'webhook' : 'api';
    const job = await deps.requestRun({ source: source.name, reason, requestedBy, ...(force ? { force } : {}) });
    return {
      status: 202,
      json: { job, source: source.name },
      log: {
        source: source.name,
        job,
        requested_by: requestedBy,
        ...(force ? { force } : {}),
        ...(request.auth === 'signature'
          ? { webhook_event: request.headers['x-github-event'] ?? null, webhook_delivery: request.headers['x-github-delivery'] ?? null }
          : {}),
      },
    };
  };

  /** The caller of approve / reject: `requested_by` from the optional body, else api@<address>. */
  const requesterOf = (request: HttpRequest, source: string): { requestedBy: string } | Reply => {
    const body = parseSyncBody(request.body);
    if (!body.ok) return detail(400, body.detail, { source });
    if (body.value.force) return detail(400, '"force" does not apply here: a pending plan is applied exactly as it was held', { source });
    return { requestedBy: body.value.requestedBy ?? `api@${request.remote}` };
  };

  /** approve and reject: a configured source and who asks, then `act`. */
  const onPendingPlan = (act: (source: string, requestedBy: string) => Promise<Reply | null>) => async (request: HttpRequest): Promise<Reply> => {
    const source = sourceOf(request);
    if ('status' in source) return source;
    const requester = requesterOf(request, source.name);
    if ('status' in requester) return requester;
    return (await act(source.name, requester.requestedBy)) ?? detail(404, `no plan of ${source.name} is pending approval`, { source: source.name });
  };

  const approve = onPendingPlan(async (source, requestedBy) => {
    const approved = await deps.approve({ source, requestedBy });
    if (!approved) return null;
    return {
      status: 202,
      json: { job: approved.job, source, plan_id: approved.planId },
      log: { source, job: approved.job, plan_id: approved.planId, requested_by: requestedBy },
    };
  });

  const reject = onPendingPlan(async (source, requestedBy) => {
    const entry = await deps.reject({ source, requestedBy });
    if (!entry) return null;
    return { status: 200, json: { source, plan_id: entry.plan_id, run: entry.run }, log: { source, plan_id: entry.plan_id, requested_by: requestedBy } };
  });

  const showRun = async (request: HttpRequest): Promise<Reply> => {
    const source = sourceOf(request);
    if ('status' in source) return source;
    const run = await deps.findRun(source.name, request.params.run!);
    if (!run) return detail(404, `no run ${JSON.stringify(request.params.run)} in the history of ${source.name}`, { source: source.name });
    return { status: 200, json: { run }, log: { source: source.name, run: run.run } };
  };

  return [
    { method: 'GET', path: '/api/v1/sources', auth: 'bearer', handle: listSources },
    { method: 'POST', path: '/api/v1/sources/{name}/sync', auth: 'bearer-or-signature', handle: requestSync },
    { method: 'GET', path: '/api/v1/sources/{name}/runs/{run}', auth: 'bearer', handle: showRun },
    { method: 'POST', path: '/api/v1/sources/{name}/approve', auth: 'bearer', handle: approve },
    { method: 'POST', path: '/api/v1/sources/{name}/reject', auth: 'bearer', handle: reject },
  ];
}
