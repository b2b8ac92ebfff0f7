// Plan gauges as Prometheus sees them with two replicas: whichever replica planned, both export
// the last plan kept in Redis, so an alert on refused deletes clears on every replica once a
// later plan no longer refuses them.
import { afterEach, describe, expect, it } from 'vitest';
import type { Daemon } from '../../src/daemon/start-daemon.js';
import { packageNames, runCli, startInProcessDaemon, useDaemonFixture } from '../daemon/daemon-harness.js';
import { parseMetricsText, sampleValue } from './parse-metrics-text.js';

async function refusedOverLimit(daemon: Daemon, source: string): Promise<number | undefined> {
  const parsed = parseMetricsText(await fetch(`${daemon.url}/metrics`).then((r) => r.text()));
  return sampleValue(parsed, 'catalog_sync_planned_refused_deletes', { source, reason: 'over_limit' });
}

describe('plan gauges on two replicas sharing one Redis', () => {
  const t = useDaemonFixture('plan-gauges');
  let second: Daemon | undefined;
  afterEach(async () => {
    await second?.stop();
    second = undefined;
  });

  it('when one replica refused deletes and a later plan no longer does, then both replicas show it, then both clear', async () => {
    // Arrange: replica A syncs four packages, then plans 3 deletes of 4 (over max_delete 50%).
    const trigger = () => runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait', '--json'], t.fixture.env);
    t.fixture.write([{ name: 'site', packages: packageNames(4) }, { name: 'idle', packages: packageNames(1) }]);
    const first = await t.start();
    expect((await trigger()).code).toBe(0);
    t.fixture.write([{ name: 'site', packages: packageNames(1) }, { name: 'idle', packages: packageNames(1) }]);
    const refused = await trigger();

    // Act: replica B starts after that plan; then upstream is restored and the source re-planned.
    second = await startInProcessDaemon(t.fixture);
    const whileRefused = [await refusedOverLimit(first, 'site'), await refusedOverLimit(second, 'site')];
    t.fixture.write([{ name: 'site', packages: packageNames(4) }, { name: 'idle', packages: packageNames(1) }]);
    const fixed = await trigger();
    const afterFix = [await refusedOverLimit(first, 'site'), await refusedOverLimit(second, 'site')];

    // Assert
    expect(JSON.parse(refused.stdout)).toMatchObject({ runs: [expect.objectContaining({ status: 'refused', refused_deletes: 3 })] });
    expect(whileRefused).toEqual([3, 3]);
    expect(fixed.code).toBe(0);
    expect(afterFix).toEqual([0, 0]);
    // A source that was never planned exports no plan series on either replica.
    expect(await refusedOverLimit(first, 'idle')).toBeUndefined();
    expect(await refusedOverLimit(second, 'idle')).toBeUndefined();
  });
});
