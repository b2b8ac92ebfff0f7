// Wires the API and status page to the daemon's Redis: status and history are read like the
// `status` command reads them, and runs are enqueued like `trigger` enqueues them.
import type { Config } from '../../config/types.js';
import type { Queues } from '../../jobs/create-queues.js';
import { createRunState } from '../../jobs/create-run-state.js';
import { enqueueRun } from '../../jobs/enqueue-run.js';
import { RedisUnavailable } from '../../jobs/open-client-queues.js';
import { readStatus } from '../../jobs/read-status.js';
import { rejectPendingPlan } from '../../jobs/reject-pending-plan.js';
import { requestApproval } from '../../jobs/request-approval.js';
import type { Logger } from '../../log/create-logger.js';
import { createHttpRoutes } from './create-http-routes.js';
import type { RouteHandler } from './types.js';

/** A request waits at most this long for Redis, then gets 503. */
const REDIS_TIMEOUT_MS = 5_000;

export function createDaemonRoutes(input: { config: Config; queues: Queues; logger: Logger }): RouteHandler {
  const { config, queues } = input;
  const state = createRunState(queues);
  /**
   * The daemon's Redis connection queues commands while Redis is away; a request must not:
   * it is refused at once when Redis is not connected, and after REDIS_TIMEOUT_MS otherwise.
   */
  const withRedis = async <T>(work: () => Promise<T>): Promise<T> => {
    if (queues.redis.status !== 'ready') throw new RedisUnavailable('Redis is not connected; try again shortly');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailable(`Redis did not answer within ${REDIS_TIMEOUT_MS / 1000}s`)), REDIS_TIMEOUT_MS);
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return createHttpRoutes({
    server: config.server,
    sources: config.sources,
    logger: input.logger,
    readStatus: (runs) =>
      withRedis(() => readStatus({ sources: config.sources, runs: queues.runs, ops: queues.ops, ...state, limit: runs })),
    findRun: (source, run) => withRedis(async () => (await state.reports.history(source)).find((entry) => entry.run === run) ?? null),
    requestRun: (request) => withRedis(() => enqueueRun(queues.runs, request)),
    approve: (request) => withRedis(() => requestApproval({ runs: queues.runs, pending: state.pending }, request)),
    reject: (request) => withRedis(() => rejectPendingPlan(state, request)),
  });
}
