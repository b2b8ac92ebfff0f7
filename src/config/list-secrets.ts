import type { Config } from './types.js';

/** The password in a URL (a Redis or proxy URL may carry one), as it would be sent. */
const passwordOf = (url: string | null | undefined): string | undefined =>
  url && URL.canParse(url) ? decodeURIComponent(new URL(url).password) : undefined;

/**
 * Every secret value of a config, for the logger's last-line scrubbing: the Waldur and API
 * tokens, the webhook secret, each notification's secret and URL (a Slack URL is a secret), and
 * the Redis, Sentinel and proxy passwords.
 */
export function listSecrets(config: Config): string[] {
  const values: Array<string | null | undefined> = [config.waldur.token, config.server.apiToken, config.server.webhookSecret];
  for (const target of config.notifications) values.push(target.secret, target.url);
  values.push(config.redis.password, config.redis.sentinel?.password, passwordOf(config.redis.url), passwordOf(config.waldur.proxy?.url));
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}
