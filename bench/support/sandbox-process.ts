// Child side of spawnSandbox: the Waldur sandbox in its own process (so its event loop never
// competes with the client being measured), steered over the IPC channel: request counters,
// reset, faults, and seeding a catalog straight into the store.
import { randomBytes } from 'node:crypto';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import type { SandboxFaults } from '../../src/sandbox/types.js';
import { generateDesiredPackages } from '../../test/support/generate-catalog.js';
import type { SandboxCommand, SandboxReply, SeedRequest } from './sandbox-protocol.js';

const token = process.env.BENCH_SANDBOX_TOKEN ?? randomBytes(20).toString('hex');
const latencyMs = Number(process.env.BENCH_SANDBOX_LATENCY_MS ?? '0');
const sandbox = createSandbox({ token, faults: { latencyMs } });

function seed(request: SeedRequest): number {
  const { state } = sandbox;
  const { catalog } = request;
  const existing = state.findCatalog(catalog.name, catalog.version, catalog.type);
  const target = existing ?? state.addCatalog({ name: catalog.name, version: catalog.version, catalogType: catalog.type });
  const packages = generateDesiredPackages(request.packages, request.generator);
  for (const p of packages) {
    state.addPackage(target.uuid, { name: p.name, description: p.description, homepage: p.homepage, versions: p.versions });
  }
  return packages.length;
}

function catalogStats(name: string, version: string): { packages: number; distinctNames: number } {
  const catalog = sandbox.state.listCatalogs().find((c) => c.name === name && c.version === version);
  const packages = catalog ? sandbox.state.listPackages(catalog.uuid) : [];
  return { packages: packages.length, distinctNames: new Set(packages.map((p) => p.name)).size };
}

function handle(command: SandboxCommand): unknown {
  switch (command.type) {
    case 'stats': {
      const { total, byMethod, byRoute, writesApplied } = sandbox.stats;
      const cpu = process.cpuUsage();
      return { total, byMethod, byRoute, writesApplied, cpuMs: (cpu.user + cpu.system) / 1000 };
    }
    case 'reset':
      sandbox.state.clear();
      sandbox.stats.reset();
      return null;
    case 'reset-stats':
      sandbox.stats.reset();
      return null;
    case 'faults':
      sandbox.setFaults(command.faults as Partial<SandboxFaults>);
      return null;
    case 'seed':
      return seed(command.request);
    case 'catalog':
      return catalogStats(command.name, command.version);
  }
}

process.on('message', (message: { id: number; command: SandboxCommand }) => {
  let reply: SandboxReply;
  try {
    reply = { id: message.id, ok: true, result: handle(message.command) };
  } catch (err) {
    reply = { id: message.id, ok: false, error: (err as Error).message };
  }
  process.send?.(reply);
});
process.on('disconnect', () => {
  void sandbox.close().finally(() => process.exit(0));
});

const { url } = await sandbox.listen(0, '127.0.0.1');
process.send?.({ id: 0, ok: true, result: { url, token } } satisfies SandboxReply);
