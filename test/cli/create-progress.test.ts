import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/create-progress.js';
import { fakeStream } from '../support/fake-tty.js';

const CLEAR = '\r\x1b[2K';

function fakeClock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('createProgress', () => {
  it('when enabled on a TTY, then phases and counts redraw one line in place', () => {
    const tty = fakeStream({ isTTY: true });
    const clock = fakeClock();
    const progress = createProgress(tty.stream, { enabled: true, now: clock.now });

    progress.phase('site: reading upstream');
    const afterPhase = tty.visibleLine();
    progress.phase('site: applying');
    clock.advance(500);
    progress.update(3, 10);

    expect(afterPhase).toBe('site: reading upstream');
    expect(tty.visibleLine()).toBe('site: applying 3/10 (30%)');
    expect(tty.chunks.every((chunk) => chunk.startsWith(CLEAR))).toBe(true);
    expect(tty.output()).not.toContain('\n');
  });

  it('when updates come faster than the interval, then only the first and the final count are drawn', () => {
    const tty = fakeStream({ isTTY: true });
    const clock = fakeClock();
    const progress = createProgress(tty.stream, { enabled: true, intervalMs: 100, now: clock.now });
    progress.phase('applying');

    for (let done = 1; done <= 1000; done += 1) {
      if (done === 2) clock.advance(100);
      progress.update(done, 1000);
    }

    // phase, 1/1000 is throttled (same tick as the phase), 2/1000 after the interval, 1000/1000 forced.
    expect(tty.chunks).toEqual([`${CLEAR}applying`, `${CLEAR}applying 2/1000 (0%)`, `${CLEAR}applying 1000/1000 (100%)`]);
  });

  it('when the total is unknown, then only the running count is shown', () => {
    const tty = fakeStream({ isTTY: true });
    const clock = fakeClock();
    const progress = createProgress(tty.stream, { enabled: true, now: clock.now });
    progress.phase('site: listing Waldur');
    clock.advance(1000);

    progress.update(600, null);

    expect(tty.visibleLine()).toBe('site: listing Waldur 600');
  });

  it('when done, then the line is cleared once so the next output starts clean', () => {
    const tty = fakeStream({ isTTY: true });
    const progress = createProgress(tty.stream, { enabled: true });
    progress.phase('site: applying');

    progress.done();
    progress.done();

    expect(tty.chunks).toEqual([`${CLEAR}site: applying`, CLEAR]);
    expect(tty.visibleLine()).toBe('');
  });

  it('when the text is wider than the terminal, then it is cut to fit one row', () => {
    const tty = fakeStream({ isTTY: true, columns: 30 });
    const progress = createProgress(tty.stream, { enabled: true });

    progress.phase(`a-very-long-source-name-${'x'.repeat(50)}\nsecond line`);

    expect(tty.visibleLine()).toHaveLength(29);
    expect(tty.visibleLine().endsWith('…')).toBe(true);
    expect(tty.output()).not.toContain('\n');
  });

  it.each([
    ['disabled on a TTY (--json)', { isTTY: true }, false],
    ['enabled but not a TTY (pipe, CI)', { isTTY: false }, true],
  ])('when %s, then nothing at all is written', (_case, streamOptions, enabled) => {
    const quiet = fakeStream(streamOptions);
    const progress = createProgress(quiet.stream, { enabled });

    progress.phase('site: applying');
    progress.update(10, 10);
    progress.done();

    expect(quiet.output()).toBe('');
  });
});
