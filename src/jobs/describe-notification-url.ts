/**
 * A notification URL for logs: scheme, host and port only. Paths and queries of webhook URLs
 * are often the secret (Slack's are), so they are never shown.
 */
export function describeNotificationUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.pathname.length > 1 || parsed.search !== '' || parsed.username !== '';
    return hidden ? `${parsed.origin}/…` : parsed.origin;
  } catch {
    return 'a notification URL';
  }
}
