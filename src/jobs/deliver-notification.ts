// One HTTP POST of a notification. Any HTTP answer is returned (the caller decides what is worth
// a retry); only a request that got no answer (refused, reset, timed out) throws.
import { createHmac } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import type { NotificationTarget } from '../config/types.js';

export const SIGNATURE_HEADER = 'x-catalog-sync-signature-256';

export interface DeliveryOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Sent as X-Catalog-Sync-Delivery: the same on every retry, so a receiver can drop repeats. */
  deliveryId: string;
  event: string;
  signal?: AbortSignal;
}

export async function deliverNotification(target: NotificationTarget, body: string, options: DeliveryOptions): Promise<number> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'waldur-catalog-sync',
    'x-catalog-sync-event': options.event,
    'x-catalog-sync-delivery': options.deliveryId,
  };
  if (target.secret !== null) {
    headers[SIGNATURE_HEADER] = `sha256=${createHmac('sha256', target.secret).update(body).digest('hex')}`;
  }
  const response = await request(target.url, {
    method: 'POST',
    headers,
    body,
    dispatcher: options.dispatcher,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // The answer's body is not needed; reading it frees the connection.
  await response.body.dump();
  return response.statusCode;
}
