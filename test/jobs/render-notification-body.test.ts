import { describe, expect, it } from 'vitest';
import type { NotificationPayload } from '../../src/jobs/notification-types.js';
import { renderNotificationBody } from '../../src/jobs/render-notification-body.js';
import { describeNotificationUrl } from '../../src/jobs/describe-notification-url.js';

const payload = (event: NotificationPayload['event'], fields: Partial<NotificationPayload['report']> = {}): NotificationPayload => {
  const report = {
    source: 'site', run: 'site-1', status: 'succeeded' as const, created: 2, updated: 1, deleted: 0, unchanged: 5, failed: 0, refused_deletes: 0,
    errors: [], duration_ms: 10, started_at: '2026-01-01T00:00:00.000Z', finished_at: '2026-01-01T00:00:01.000Z', job: 'j', reason: 'api' as const,
    ...fields,
  };
  return { event, source: 'site', run: 'site-1', status: report.status, report };
};

describe('renderNotificationBody', () => {
  it('when the format is json, then the body is the payload itself', () => {
    const p = payload('changed');
    expect(JSON.parse(renderNotificationBody('json', p))).toEqual(p);
  });

  it.each([
    ['changed', {}, 'catalog-sync: *site* changed its catalog: 2 created, 1 updated, 0 deleted, 0 failed (run site-1, status succeeded)'],
    ['refused', { status: 'refused', refused_deletes: 40 }, 'catalog-sync: *site* held back 40 deletes (a safety guard refused them; nothing else failed) (run site-1, status refused)'],
    ['pending_approval', {}, 'catalog-sync: *site* has a plan waiting for approval (run site-1, status succeeded)'],
  ] as const)('when the format is slack and the event is %s, then the text says what happened', (event, fields, text) => {
    expect(JSON.parse(renderNotificationBody('slack', payload(event, fields)))).toEqual({ text });
  });

  it('when a failed run is sent to slack, then the first errors are listed with &, < and > escaped', () => {
    const errors = ['create a<b>: 400', 'update c&d: 500', 'delete e: 500', 'delete f: 500'];
    const { text } = JSON.parse(renderNotificationBody('slack', payload('failed', { status: 'partial', failed: 4, errors }))) as { text: string };
    expect(text.split('\n')).toEqual([
      'catalog-sync: *site* run partial: 2 created, 1 updated, 0 deleted, 4 failed (run site-1, status partial)',
      '• create a&lt;b&gt;: 400',
      '• update c&amp;d: 500',
      '• delete e: 500',
      '… and 1 more errors',
    ]);
  });
});

describe('describeNotificationUrl', () => {
  it.each([
    ['https://hooks.slack.com/services/T0/B0/XXXX', 'https://hooks.slack.com/…'],
    ['https://chat.example.org/hook?token=abc', 'https://chat.example.org/…'],
    ['https://user:pw@example.org/', 'https://example.org/…'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['not a url', 'a notification URL'],
  ])('when the URL is %s, then logs show %s', (url, shown) => {
    expect(describeNotificationUrl(url)).toBe(shown);
  });
});
