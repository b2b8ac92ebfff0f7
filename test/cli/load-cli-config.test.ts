import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/create-progress.js';
import { createCliLogger } from '../../src/cli/load-cli-config.js';
import { fakeStream } from '../support/fake-tty.js';

describe('createCliLogger', () => {
  it('when a progress line shows on a terminal, then a log line clears it first instead of running into it', async () => {
    // Arrange
    const tty = fakeStream({ isTTY: true, columns: 120 });
    const ctx = { stdout: fakeStream({ isTTY: false }).stream, stderr: tty.stream, env: { LOG_FORMAT: 'pretty' }, exitCode: 0 };
    const logger = createCliLogger(ctx, { level: 'info', secrets: [] });
    const progress = createProgress(tty.stream, { enabled: true, intervalMs: 0 });

    // Act
    progress.phase('site: listing Waldur packages');
    logger.warn('retrying Waldur request');
    await new Promise((r) => setImmediate(r));

    // Assert: the warning starts on a cleared line, not after the progress text.
    const output = tty.output();
    const warning = output.indexOf('retrying Waldur request');
    expect(warning).toBeGreaterThan(0);
    expect(output.lastIndexOf('\r\x1b[2K', warning)).toBeGreaterThan(output.indexOf('site: listing Waldur packages'));
  });

  it('when stderr is not a terminal, then log lines are plain JSON with no escape codes', () => {
    const pipe = fakeStream({ isTTY: false });
    const ctx = { stdout: fakeStream({ isTTY: false }).stream, stderr: pipe.stream, env: {}, exitCode: 0 };

    createCliLogger(ctx, { level: 'info', secrets: [] }).info('hello');

    expect(JSON.parse(pipe.output())).toMatchObject({ msg: 'hello' });
  });

  it('when stderr is a terminal, then only warnings and errors are logged unless verbose asks for the configured level', async () => {
    const quietTty = fakeStream({ isTTY: true });
    const verboseTty = fakeStream({ isTTY: true });
    const pipe = fakeStream({ isTTY: false });
    const ctx = (stderr: NodeJS.WritableStream) => ({ stdout: fakeStream({ isTTY: false }).stream, stderr, env: { LOG_FORMAT: 'json' }, exitCode: 0 });

    for (const [stream, verbose] of [[quietTty.stream, false], [verboseTty.stream, true], [pipe.stream, false]] as const) {
      const logger = createCliLogger(ctx(stream), { level: 'info', secrets: [], verbose });
      logger.info('planned');
      logger.warn('deletes refused');
    }
    await new Promise((r) => setImmediate(r));

    const messages = (text: string) => text.split('\n').filter((l) => l.includes('{')).map((l) => (JSON.parse(l.slice(l.indexOf('{'))) as { msg: string }).msg);
    expect(messages(quietTty.output())).toEqual(['deletes refused']);
    expect(messages(verboseTty.output())).toEqual(['planned', 'deletes refused']);
    expect(messages(pipe.output())).toEqual(['planned', 'deletes refused']);
  });
});
