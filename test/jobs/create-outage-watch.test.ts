// Losing Redis: one warning per outage, one info line when it is back, across all connections.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutageWatch } from '../../src/jobs/create-outage-watch.js';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import type { RedisConnection } from '../../src/jobs/create-redis-connection.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { captureLogger } from '../sync/sync-harness.js';
import { uniquePrefix, waitUntil } from './pipeline-harness.js';

const WARN = 'Redis unreachable: reconnecting until it is back (logged once per outage)';
const BACK = 'Redis reachable again';

function captureLogs() {
  const { logger, lines: raw } = captureLogger();
  const parsed = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  const messages = (level: string) => parsed().filter((l) => l.level === level).map((l) => l.msg);
  return {
    logger,
    get lines() {
      return parsed();
    },
    warnings: () => messages('warn'),
    infos: () => messages('info'),
  };
}

describe('createOutageWatch', () => {
  it('when two connections drop and reconnect many times, then one warning opens the outage and one info closes it when both are back', () => {
    const logs = captureLogs();
    let clock = 1_000;
    const watch = createOutageWatch({ logger: logs.logger, redis: 'Redis at redis://r:6379', now: () => clock });
    const [a, b] = [new EventEmitter(), new EventEmitter()];
    watch.watch(a as unknown as RedisConnection, 'commands-1');
    watch.watch(b as unknown as RedisConnection, 'worker-2');

    a.emit('close');
    a.emit('error', new Error('connect ECONNREFUSED'));
    b.emit('error', new Error('connect ECONNREFUSED'));
    a.emit('error', new Error('connect ECONNREFUSED'));
    clock = 4_500;
    a.emit('ready');
    const whileBIsDown = logs.infos();
    b.emit('ready');
    b.emit('ready');

    expect(logs.warnings()).toEqual([WARN]);
    expect(whileBIsDown).toEqual([]);
    expect(logs.infos()).toEqual([BACK]);
    expect(logs.lines.find((l) => l.msg === BACK)).toMatchObject({ redis: 'Redis at redis://r:6379', outage_ms: 3_500 });
    expect(logs.lines.filter((l) => l.level === 'debug')).toHaveLength(3);
  });

  it('when Redis is lost a second time, then the second outage is warned about too', () => {
    const logs = captureLogs();
    const watch = createOutageWatch({ logger: logs.logger, redis: 'Redis' });
    const a = new EventEmitter();
    watch.watch(a as unknown as RedisConnection, 'commands-1');

    for (let outage = 0; outage < 2; outage += 1) {
      a.emit('error', new Error('ECONNRESET'));
      a.emit('ready');
    }

    expect(logs.warnings()).toEqual([WARN, WARN]);
    expect(logs.infos()).toEqual([BACK, BACK]);
  });

  it('when the connections are closed on purpose, then nothing is logged', () => {
    const logs = captureLogs();
    const watch = createOutageWatch({ logger: logs.logger, redis: 'Redis' });
    const a = new EventEmitter();
    watch.watch(a as unknown as RedisConnection, 'commands-1');

    watch.stop();
    a.emit('close');

    expect(logs.lines).toEqual([]);
  });
});

describe('losing Redis (daemon queues)', () => {
  let redis: RedisServer | undefined;
  let queues: Queues | undefined;
  afterEach(async () => {
    await queues?.close();
    await redis?.stop();
  });

  it('when Redis is down for a while and comes back, then the log has one warning and one info line, and closing adds nothing', async () => {
    redis = await startRedisServer();
    const logs = captureLogs();
    queues = createQueues({ url: redis.url, prefix: uniquePrefix('outage'), mode: 'daemon', logger: logs.logger });
    queues.createWorkerConnection();
    await queues.runs.getJobCounts();

    await redis.stop();
    await waitUntil(() => logs.warnings().length > 0, 10_000, 'the warning');
    // Several reconnect attempts of both connections fail meanwhile.
    await waitUntil(() => logs.lines.filter((l) => l.level === 'debug').length >= 4, 10_000, 'reconnect attempts');
    redis = await startRedisServer({ port: redis.port });
    await waitUntil(() => logs.infos().includes(BACK), 10_000, 'the info line');
    await queues.close();
    queues = undefined;

    expect(logs.warnings()).toEqual([WARN]);
    expect(logs.infos()).toEqual([BACK]);
    expect(logs.lines.find((l) => l.msg === WARN)).toMatchObject({ redis: `Redis at ${redis.url}` });
  });
});
