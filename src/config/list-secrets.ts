import type { Config } from './types.js';

/**
 * Every secret value of a config, for the logger's last-line scrubbing: the Waldur and API
 * tokens, the webhook secret, and each notification's secret and URL (a Slack URL is a secret).
 */
export function listSecrets(config: Config): string[] {
  const values = [config.waldur.token, config.server.apiToken, config.server.webhookSecret];
  for (const target of config.notifications) values.push(target.secret, target.url);
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}
