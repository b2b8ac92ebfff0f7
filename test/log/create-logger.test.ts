import { describe, expect, it } from 'vitest';
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
});
