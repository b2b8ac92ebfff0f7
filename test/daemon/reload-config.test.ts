// Config reloads of the real daemon process: SIGHUP and a changed token file bring in a new token
// without a restart; changes that need a restart are named in the log.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnDaemon, useDaemonProcessFixture, waitUntil } from './daemon-harness.js';

describe('catalog-sync daemon config reloads', () => {
  const t = useDaemonProcessFixture('reload');

  const trigger = async (): Promise<{ status: string; errors: string[] }> => {
    const result = await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait', '--json'], t.fixture.env);
    return (JSON.parse(result.stdout) as { runs: Array<{ status: string; errors: string[] }> }).runs[0]!;
  };
  const reloads = () => t.daemon!.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('config reload'));

  it('when the token file holds a new token and the daemon gets SIGHUP, then the next run uses it, in the same process', async () => {
    // Arrange: the daemon starts with a token that may read but not write.
    const tokenFile = join(t.fixture.dir, 'waldur-token');
    writeFileSync(tokenFile, `${t.fixture.test.readOnlyToken}\n`);
    t.fixture.write([{ name: 'site', packages: ['one', 'two'] }], { tokenFile });
    t.daemon = await spawnDaemon(t.fixture, ['--watch-interval', '1h']);
    const before = await trigger();

    // Act: the staff token replaces it; only the signal can bring it in (the file is polled hourly).
    writeFileSync(tokenFile, `${t.fixture.test.token}\n`);
    t.daemon!.child.kill('SIGHUP');
    await waitUntil(() => reloads().length > 0, 20_000, 'the reload');
    const after = await trigger();

    // Assert
    expect(before.status).toBe('failed');
    expect(before.errors.join(' ')).toMatch(/403|permission/i);
    expect(reloads()).toEqual([expect.objectContaining({ level: 'info', msg: 'config reloaded', reason: 'SIGHUP', reloaded: ['waldur.token'] })]);
    expect(after.status).toBe('succeeded');
    expect([...t.fixture.catalog('site').keys()].sort()).toEqual(['one', 'two']);
    expect(t.daemon!.child.exitCode).toBeNull();
    const logText = JSON.stringify(t.daemon!.logs);
    expect(logText).not.toContain(t.fixture.test.token);
    expect(logText).not.toContain(t.fixture.test.readOnlyToken);
  });

  it('when the token file changes and no signal comes, then the daemon reloads the token by itself', async () => {
    // Arrange
    const tokenFile = join(t.fixture.dir, 'waldur-token');
    writeFileSync(tokenFile, t.fixture.test.readOnlyToken);
    t.fixture.write([{ name: 'site', packages: ['one'] }], { tokenFile });
    t.daemon = await spawnDaemon(t.fixture, ['--watch-interval', '200ms']);

    // Act
    writeFileSync(tokenFile, t.fixture.test.token);
    await waitUntil(() => reloads().length > 0, 20_000, 'the reload');
    const run = await trigger();

    // Assert
    expect(reloads()[0]).toMatchObject({ msg: 'config reloaded', reason: 'token file changed', reloaded: ['waldur.token'] });
    expect(run.status).toBe('succeeded');
    expect(t.fixture.catalog('site').has('one')).toBe(true);
  });

  it('when SIGHUP finds changes that need a restart, then it names those keys, applies the API token, and keeps the rest', async () => {
    // Arrange: the HTTP API with a token from a file.
    const apiTokenFile = join(t.fixture.dir, 'api-token');
    const [oldApi, newApi] = ['old-api-token-0123456789abcdef0123', 'new-api-token-0123456789abcdef0123'];
    writeFileSync(apiTokenFile, oldApi);
    const serverLines = [`  api_token_file: ${apiTokenFile}`];
    t.fixture.write([{ name: 'site', packages: ['one'] }], { serverLines });
    t.daemon = await spawnDaemon(t.fixture, ['--watch-interval', '1h']);
    const sources = (token: string) => fetch(`${t.daemon!.url}/api/v1/sources`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

    // Act: a new API token, a new source and another concurrency; then a config that does not parse.
    writeFileSync(apiTokenFile, newApi);
    t.fixture.write([{ name: 'site', packages: ['one'] }, { name: 'more', packages: ['x'] }], { serverLines, concurrency: 2 });
    t.daemon!.child.kill('SIGHUP');
    await waitUntil(() => reloads().length === 1, 20_000, 'the reload');
    const [oldStatus, newStatus] = [await sources(oldApi), await sources(newApi)];
    writeFileSync(t.fixture.configFile, 'waldur: [\n');
    t.daemon!.child.kill('SIGHUP');
    await waitUntil(() => reloads().length === 2, 20_000, 'the failed reload');

    // Assert
    expect(reloads()[0]).toMatchObject({
      level: 'warn',
      msg: 'config reloaded; some changes need a restart of the daemon',
      reloaded: ['server.api_token'],
      restart_required: ['sources[more]', 'waldur.concurrency'],
    });
    expect([oldStatus, newStatus]).toEqual([401, 200]);
    expect(reloads()[1]).toMatchObject({ level: 'error', msg: 'config reload failed; the daemon keeps its running config' });
    expect(await sources(newApi)).toBe(200);
    const listed = (await fetch(`${t.daemon!.url}/api/v1/sources`, { headers: { authorization: `Bearer ${newApi}` } }).then((r) => r.json())) as unknown;
    expect(JSON.stringify(listed)).not.toContain('"more"');
    expect(JSON.stringify(t.daemon!.logs)).not.toContain(newApi);
  });
});
