import { describe, expect, it } from 'vitest';
import { AuthError } from '../../src/errors.js';
import { createLogger } from '../../src/log/create-logger.js';
import { fakeStream } from '../support/fake-tty.js';

const TOKEN = 'secret-token-4f0c9a1b2c3d';

describe('createLogger', () => {
  it('when logging JSON, then keys named token are redacted and the token is scrubbed from messages', () => {
    const out = fakeStream({ isTTY: false });
    const logger = createLogger({ format: 'json', secrets: [TOKEN], destination: out.stream, level: 'info' });

    logger.info({ token: TOKEN, headers: { authorization: `Token ${TOKEN}` } }, `oops ${TOKEN}`);

    const line = JSON.parse(out.output()) as Record<string, unknown>;
    expect(out.output()).not.toContain(TOKEN);
    expect(line.token).toBe('[REDACTED]');
    expect(line.msg).toBe('oops [REDACTED]');
  });

  it('when logging pretty, then lines are for people and the token is still scrubbed', () => {
    const out = fakeStream({ isTTY: false });
    const logger = createLogger({ format: 'pretty', secrets: [TOKEN], destination: out.stream, level: 'info', base: { source: 'site' } });

    logger.info(`listing with ${TOKEN}`);

    expect(out.output()).toMatch(/INFO.*listing with \[REDACTED\]/);
    expect(out.output()).not.toMatch(/^\{/);
    expect(out.output()).not.toContain(TOKEN);
  });

  it('when errors are logged under err, error or as the first argument, then each line has error as a message, with a code or a stack', () => {
    const out = fakeStream({ isTTY: false });
    const logger = createLogger({ format: 'json', destination: out.stream, level: 'info' });

    logger.error({ err: new Error('socket hang up') }, 'request failed');
    logger.warn({ error: new AuthError('Waldur answered 401: the token was rejected', 401) }, 'run stopped');
    logger.error(new TypeError('x is not a function'));
    logger.warn({ error: 'already a message', attempt: 2 }, 'retrying');

    const lines = out.output().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.error, l.error_code ?? null, typeof l.error_stack, 'err' in l])).toEqual([
      ['error', 'socket hang up', null, 'string', false],
      ['warn', 'Waldur answered 401: the token was rejected', 'auth', 'undefined', false],
      ['error', 'x is not a function', null, 'string', false],
      ['warn', 'already a message', null, 'undefined', false],
    ]);
    for (const line of lines) expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
