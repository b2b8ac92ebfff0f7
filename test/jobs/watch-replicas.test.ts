// trigger --wait's check that a daemon takes runs: before waiting and while waiting.
import { describe, expect, it } from 'vitest';
import { NoLiveReplica, waitForReplica } from '../../src/jobs/wait-for-replica.js';
import { watchReplicas } from '../../src/jobs/watch-replicas.js';

/** An alive() that answers from a script, then keeps its last answer. */
function scripted(...answers: boolean[]) {
  let calls = 0;
  return {
    alive: async () => answers[Math.min(calls++, answers.length - 1)]!,
    calls: () => calls,
  };
}

describe('waitForReplica', () => {
  it('when a replica shows up within the grace, then it resolves', async () => {
    const replicas = scripted(false, false, true);

    await expect(waitForReplica(replicas.alive, { graceMs: 1_000, pollMs: 10, reason: 'none' })).resolves.toBeUndefined();
    expect(replicas.calls()).toBe(3);
  });

  it('when none shows up within the grace, then it throws NoLiveReplica with the reason', async () => {
    const started = Date.now();

    await expect(waitForReplica(scripted(false).alive, { graceMs: 100, pollMs: 10, reason: 'no daemon' })).rejects.toThrow(new NoLiveReplica('no daemon'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});

describe('watchReplicas', () => {
  it('when the replicas go away for longer than the grace, then it rejects with NoLiveReplica', async () => {
    const stop = new AbortController();
    const replicas = scripted(true, true, false);

    await expect(watchReplicas(replicas.alive, { everyMs: 10, graceMs: 50, pollMs: 10, reason: 'gone', signal: stop.signal })).rejects.toThrow(NoLiveReplica);
    stop.abort();
  });

  it('when a replica is back within the grace (a rolling restart), then it keeps watching until the wait is over', async () => {
    const stop = new AbortController();
    const replicas = scripted(true, false, false, true);
    const watching = watchReplicas(replicas.alive, { everyMs: 10, graceMs: 5_000, pollMs: 10, reason: 'gone', signal: stop.signal });
    const outcome = watching.then(() => 'resolved', (err: Error) => err.name);

    await new Promise((resolve) => setTimeout(resolve, 150));
    stop.abort();

    expect(await outcome).toBe('AbortError');
    expect(replicas.calls()).toBeGreaterThan(4);
  });
});
