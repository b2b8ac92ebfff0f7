import { createHash } from 'node:crypto';
import type { NotificationTarget } from '../config/types.js';

/**
 * A stable, non-reversible name of a target for job data and job ids: the URL itself may be a
 * secret and must not be stored in Redis.
 */
export function notificationTargetId(target: Pick<NotificationTarget, 'url' | 'format'>): string {
  return createHash('sha256').update(`${target.format} ${target.url}`).digest('hex').slice(0, 16);
}
