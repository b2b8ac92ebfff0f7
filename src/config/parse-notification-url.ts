import { fromString } from './parse-scalars.js';
import { fail, ok, type Parser } from './value-parser.js';

/**
 * notifications[].url: where run events are POSTed. Its path or query may be a secret (Slack
 * incoming webhooks are), so messages never repeat it.
 */
export const parseNotificationUrl: Parser<string> = fromString((text) => {
  const url = URL.canParse(text.trim()) ? new URL(text.trim()) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fail('must be an http(s) URL');
  if (url.hash) return fail('must not have a fragment (it is never sent)');
  return ok(url.href);
});
