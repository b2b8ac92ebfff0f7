import { NOTIFICATION_EVENTS } from './config-defaults.js';
import { describeValue } from './describe-value.js';
import type { NotificationEvent } from './types.js';
import { fail, ok, type Parser } from './value-parser.js';

const HINT = `must be a list of events: ${NOTIFICATION_EVENTS.join(', ')}`;

/** notifications[].events: a non-empty list of known events (repeats are dropped). */
export const parseNotificationEvents: Parser<NotificationEvent[]> = (value) => {
  if (!Array.isArray(value)) return fail(`${HINT} (got ${describeValue(value)})`);
  if (value.length === 0) return fail(`${HINT}; an empty list would never notify`);
  const events = new Set<NotificationEvent>();
  for (const [index, item] of value.entries()) {
    if (typeof item !== 'string' || !(NOTIFICATION_EVENTS as readonly string[]).includes(item)) {
      return fail(`must be one of ${NOTIFICATION_EVENTS.join(', ')}`, [index]);
    }
    events.add(item as NotificationEvent);
  }
  return ok([...events]);
};
