// The status page in a real headless browser (Debian's chromium): it renders without JavaScript,
// links to each run, and no value from upstream or Waldur can run as script.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueRun } from '../../../src/jobs/enqueue-run.js';
import { waitForRun } from '../../../src/jobs/wait-for-run.js';
import { CHROMIUM_MISSING, launchChromium } from '../../support/launch-chromium.js';
import { packageNames, useDaemonFixture, type SourceSpec } from '../daemon-harness.js';
import { API_SERVER_LINES, refuseCreateOf, startLoggedDaemon, startRefusingProxy, type LoggedDaemon } from './http-harness.js';

const XSS = '<script>alert(1)</script>';
const WALDUR_XSS = '<img src=x onerror=alert(2)> is not a valid name';
/** Where the screenshot goes: docs/status-page.png when refreshing the README's picture. */
const SCREENSHOT = process.env.STATUS_PAGE_SCREENSHOT ? resolve(process.env.STATUS_PAGE_SCREENSHOT) : null;

describe.skipIf(CHROMIUM_MISSING !== null)(`status page in chromium${CHROMIUM_MISSING ? ` (skipped: ${CHROMIUM_MISSING})` : ''}`, () => {
  const ctx = useDaemonFixture('status-page');
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const run = async (d: LoggedDaemon, source: string) =>
    waitForRun(d.queues.runs, await enqueueRun(d.queues.runs, { source, reason: 'trigger', requestedBy: 'ops@example.org' }), { timeoutMs: 20_000 });

  it('when opened without JavaScript, then it shows every source and its runs, and a run link leads to the run', async () => {
    const sources: SourceSpec[] = [
      { name: 'eessi-2023-06', packages: packageNames(6, 'app'), schedule: '17 */6 * * *' },
      { name: 'site-modules', packages: packageNames(4, 'mod') },
    ];
    ctx.fixture.write(sources, { serverLines: API_SERVER_LINES });
    const d = await startLoggedDaemon(ctx.fixture);
    ctx.daemon = d;
    await run(d, 'eessi-2023-06');
    await run(d, 'site-modules');
    ctx.fixture.write([{ ...sources[0]!, packages: packageNames(7, 'app'), revision: 'r2' }, sources[1]!], { serverLines: API_SERVER_LINES });
    const latest = await run(d, 'eessi-2023-06');
    const browser = await launchChromium({ javaScriptEnabled: false });
    cleanups.push(browser.close);
    const page = await browser.context.newPage();

    const response = await page.goto(`${d.url}/`);
    const screenshotDir = mkdtempSync(join(tmpdir(), 'status-page-'));
    cleanups.push(() => rmSync(screenshotDir, { recursive: true, force: true }));
    const screenshot = SCREENSHOT ?? join(screenshotDir, 'status-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });

    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(await page.title()).toBe('catalog-sync status');
    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('5');
    expect(await page.locator('section.source h2').allTextContents()).toEqual(['eessi-2023-06manifest', 'site-modulesmanifest']);
    const eessi = page.locator('#source-eessi-2023-06');
    expect(await eessi.locator('dl.facts').textContent()).toContain('Site eessi-2023-06 2026.1');
    expect(await eessi.locator('dl.facts').textContent()).toContain('17 */6 * * *');
    // Its start-up catch-up run (a scheduled source that never succeeded) may be listed too.
    expect(await eessi.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await eessi.locator('tbody tr').first().locator('td').nth(2).textContent()).toBe(String(latest.created));
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');

    await eessi.locator('tbody tr').first().locator('a').click();

    expect(page.url()).toBe(`${d.url}/sources/eessi-2023-06/runs/${latest.run}`);
    const facts = await page.locator('dl.facts').textContent();
    expect(facts).toContain(latest.status);
    expect(facts).toContain('ops@example.org');
    expect(facts).toContain(`${latest.created} created, ${latest.updated} updated`);
  });

  it('when a package named like a script goes through a run, then the page shows it as text and nothing executes', async () => {
    const proxy = await startRefusingProxy(ctx.fixture.test.url, refuseCreateOf(XSS, WALDUR_XSS));
    cleanups.push(proxy.close);
    ctx.fixture.write([{ name: 'site', packages: [XSS, 'tool-a'] }], { serverLines: API_SERVER_LINES, waldurUrl: proxy.url });
    const d = await startLoggedDaemon(ctx.fixture);
    ctx.daemon = d;
    const report = await run(d, 'site');
    expect(report).toMatchObject({ status: 'partial', created: 1, failed: 1 });
    const browser = await launchChromium({ javaScriptEnabled: true });
    cleanups.push(browser.close);
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(`${d.url}/`);
    const overviewError = await page.locator('td.error').first().textContent();
    await page.locator('#source-site tbody tr a').first().click();
    await page.waitForLoadState('load');
    const runErrors = await page.locator('li.error').allTextContents();
    const injected = { scripts: await page.locator('script').count(), images: await page.locator('img').count() };

    expect(dialogs).toEqual([]);
    expect(injected).toEqual({ scripts: 0, images: 0 });
    expect(overviewError).toContain(XSS);
    expect(runErrors.join('\n')).toContain(`create ${XSS}`);
    expect(runErrors.join('\n')).toContain(WALDUR_XSS);
  });
});
