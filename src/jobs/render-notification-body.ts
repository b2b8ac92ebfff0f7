// The body POSTed for one notification: the JSON payload, or a Slack incoming webhook's
// `{"text": ...}` (which also works for Mattermost and Rocket.Chat incoming webhooks).
import type { NotificationTarget } from '../config/types.js';
import type { NotificationPayload } from './notification-types.js';

const ERRORS_SHOWN = 3;

/** Slack reads &, < and > as markup (links, mentions): escape them in values from elsewhere. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackText(payload: NotificationPayload): string {
  const { report, source, run } = payload;
  const counts = `${report.created} created, ${report.updated} updated, ${report.deleted} deleted, ${report.failed} failed`;
  const headline: Record<NotificationPayload['event'], string> = {
    changed: `changed its catalog: ${counts}`,
    refused: `held back ${report.refused_deletes} deletes (a safety guard refused them; nothing else failed)`,
    failed: `run ${report.status}: ${counts}`,
    pending_approval: 'has a plan waiting for approval',
  };
  const lines = [`catalog-sync: *${slackEscape(source)}* ${headline[payload.event]} (run ${slackEscape(run)}, status ${report.status})`];
  if (payload.event === 'failed') {
    for (const error of report.errors.slice(0, ERRORS_SHOWN)) lines.push(`• ${slackEscape(error)}`);
    if (report.errors.length > ERRORS_SHOWN) lines.push(`… and ${report.errors.length - ERRORS_SHOWN} more errors`);
  }
  return lines.join('\n');
}

export function renderNotificationBody(format: NotificationTarget['format'], payload: NotificationPayload): string {
  return format === 'slack' ? JSON.stringify({ text: slackText(payload) }) : JSON.stringify(payload);
}
