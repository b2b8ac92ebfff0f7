// Upstream unchanged: an EESSI-shaped file served over HTTP with an ETag. The first read
// downloads and parses it; the second sends If-None-Match, gets 304 and must answer from the
// upstream cache without parsing. Proof: the cache's parse counter, a spy on JSON.parse, bytes
// transferred and time. A third read after the file changed shows the cache is not stale.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createUpstreamCache } from '../src/sources/create-upstream-cache.js';
import { readSource } from '../src/sources/read-source.js';
import { generateEessiJson } from '../test/support/generate-catalog.js';
import { benchSource } from './support/bench-source.js';
import { createBenchLogger } from './support/create-bench-logger.js';

export interface UnchangedRow {
  read: string;
  status: number;
  ms: number;
  cpuMs: number;
  bytes: number;
  /** Documents the upstream cache parsed during this read. */
  parsed: number;
  /** JSON.parse calls on texts over 1 MB during this read (a spy, independent of the cache). */
  bigJsonParses: number;
  packages: number;
}

export interface UnchangedResult {
  fileMb: number;
  rows: UnchangedRow[];
}

interface Upstream {
  url: string;
  /** Status of the last response. */
  lastStatus(): number;
  publish(body: string): void;
  close(): Promise<void>;
}

async function startUpstream(): Promise<Upstream> {
  let body = Buffer.alloc(0);
  let version = 0;
  let lastStatus = 0;
  const server: Server = createServer((req, res) => {
    const etag = `"v${version}"`;
    lastStatus = req.headers['if-none-match'] === etag ? 304 : 200;
    if (lastStatus === 304) res.writeHead(304, { etag }).end();
    else res.writeHead(200, { etag, 'content-type': 'application/json', 'content-length': body.byteLength }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api_data/data/eessi_api_metadata_software.json`,
    lastStatus: () => lastStatus,
    publish: (text) => {
      body = Buffer.from(text);
      version += 1;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Counts JSON.parse calls on large texts while `work` runs. */
async function withParseSpy<T>(work: () => Promise<T>): Promise<{ value: T; bigParses: number }> {
  const original = JSON.parse;
  let bigParses = 0;
  JSON.parse = ((text: string, reviver?: Parameters<typeof original>[1]) => {
    if (typeof text === 'string' && text.length > 1_000_000) bigParses += 1;
    return original(text, reviver);
  }) as typeof JSON.parse;
  try {
    return { value: await work(), bigParses };
  } finally {
    JSON.parse = original;
  }
}

export async function benchUnchangedUpstream(options: { packages: number } = { packages: 1_500 }): Promise<UnchangedResult> {
  const upstream = await startUpstream();
  const generate = (seed: number) => generateEessiJson({ packages: options.packages, versionsPerPackage: 3, targetsPerVersion: 14, seed });
  const first = generate(1);
  upstream.publish(first);
  const source = benchSource({ name: 'bench-eessi', kind: 'eessi', location: upstream.url, catalog: 'Bench EESSI', options: { eessi_version: '2023.06' } });
  const cache = createUpstreamCache();
  const { logger } = createBenchLogger({ level: 'warn' });
  const read = async (label: string): Promise<UnchangedRow> => {
    const parsedBefore = cache.stats.parsed;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { value: catalog, bigParses } = await withParseSpy(() => readSource(source, { logger, cache }));
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      read: label,
      status: upstream.lastStatus(),
      ms,
      cpuMs: (used.user + used.system) / 1000,
      bytes: catalog.fetch?.bytes ?? 0,
      parsed: cache.stats.parsed - parsedBefore,
      bigJsonParses: bigParses,
      packages: catalog.packages.length,
    };
  };
  try {
    const rows = [await read('first read (200, full body)'), await read('second read, upstream unchanged (304)')];
    upstream.publish(generate(2));
    rows.push(await read('third read, upstream changed (new ETag)'));
    return { fileMb: Buffer.byteLength(first) / 1e6, rows };
  } finally {
    await upstream.close();
  }
}
