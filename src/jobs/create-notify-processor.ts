// The notify job: one message to one receiver. BullMQ retries it with backoff (attempts in the
// job options); a 4xx other than 408/429 is the receiver refusing the message and is not retried.
// Runs never wait for it: they only enqueue.
import { UnrecoverableError, WaitingError, type Processor } from 'bullmq';
import type { Dispatcher } from 'undici';
import type { NotificationTarget } from '../config/types.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import { deliverNotification } from './deliver-notification.js';
import { describeNotificationUrl } from './describe-notification-url.js';
import { notificationTargetId } from './notification-target-id.js';
import type { NotifyJobData, NotifyJobResult } from './notification-types.js';
import { renderNotificationBody } from './render-notification-body.js';

export interface NotifyProcessorDeps {
  targets: NotificationTarget[];
  dispatcher: Dispatcher;
  timeoutMs: number;
  logger: Logger;
  metrics?: { observeNotification(event: string, result: 'delivered' | 'failed'): void };
}

const RETRYABLE = (status: number) => status === 408 || status === 429 || status >= 500;

/** An error text without the URL's secret part (undici messages name host:port at most, but be sure). */
function scrub(message: string, url: string): string {
  const { pathname, search } = new URL(url);
  const secret = `${pathname}${search}`;
  const shown = message.split(url).join(describeNotificationUrl(url));
  return secret.length > 1 ? shown.split(secret).join('/…') : shown;
}

export function createNotifyProcessor(deps: NotifyProcessorDeps): Processor<NotifyJobData, NotifyJobResult> {
  return async (job, token, signal) => {
    const { payload } = job.data;
    const target = deps.targets.find((t) => notificationTargetId(t) === job.data.target);
    const log = deps.logger.child({ source: payload.source, run: payload.run, event: payload.event });
    if (!target) {
      // Queued before a restart with a config that no longer has this target.
      log.warn({ target_id: job.data.target }, 'notification dropped: its target is no longer configured');
      return { dropped: 'target no longer configured' };
    }
    const where = describeNotificationUrl(target.url);
    const attempt = job.attemptsMade + 1;
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);
    const fail = (reason: string, permanent: boolean): never => {
      if (permanent || lastAttempt) deps.metrics?.observeNotification(payload.event, 'failed');
      log.warn({ target: where, attempt, attempts: job.opts.attempts ?? 1, permanent, err: reason },
        permanent || lastAttempt ? 'notification not delivered; giving up' : 'notification not delivered; will retry');
      throw permanent ? new UnrecoverableError(reason) : new Error(reason);
    };
    let status: number;
    try {
      const body = renderNotificationBody(target.format, payload);
      status = await deliverNotification(target, body, {
        dispatcher: deps.dispatcher,
        timeoutMs: deps.timeoutMs,
        deliveryId: job.id!,
        event: payload.event,
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) {
        // Shutting down: the message goes back to the queue without spending an attempt.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      return fail(scrub(describeError(err), target.url), false);
    }
    if (status >= 200 && status < 300) {
      deps.metrics?.observeNotification(payload.event, 'delivered');
      log.info({ target: where, status, attempt }, 'notification delivered');
      return { status };
    }
    return fail(`the receiver answered HTTP ${status}`, !RETRYABLE(status));
  };
}
