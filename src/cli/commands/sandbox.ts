// `catalog-sync sandbox`: the in-memory Waldur stand-in as a process, for demos, tests and trying
// the tool without a Waldur. Prints one JSON line ({"url", "token"}) and serves until SIGINT/SIGTERM.
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, Option } from 'commander';
import { createSandbox } from '../../sandbox/create-sandbox.js';
import { loadSeedFile } from '../../sandbox/load-seed-file.js';
import type { SandboxFaults, TargetSchema } from '../../sandbox/types.js';
import type { RegisterCommand } from '../context.js';

export const DEFAULT_SANDBOX_PORT = 8000;

interface SandboxFlags {
  port: number;
  host: string;
  token?: string;
  readonlyToken?: string;
  seed?: string;
  targetSchema: TargetSchema;
  latencyMs: number;
  errorRate: number;
  rateLimitRate: number;
  retryAfter: number;
  lostWriteRate: number;
}

const integer = (min: number, max: number) => (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
  return n;
};
const share = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
};

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const registerSandboxCommand: RegisterCommand = (program, ctx) => {
  program
    .command('sandbox')
    .summary('Run an in-memory Waldur-compatible software-catalog API, for trying the tool without a Waldur')
    .description(
      'Runs an in-memory stand-in for Waldur\'s software-catalog API (packages and catalogs, with ' +
        'pagination, filters, DRF-shaped errors and staff-only writes) for demos and tests.\n' +
        'On start it prints one JSON line to stdout: {"url": "http://HOST:PORT/api/", "token": "..."} ' +
        '(and "readonly_token" when set), then serves until SIGINT or SIGTERM. State is lost on exit.',
    )
    .addOption(new Option('--port <port>', 'port to listen on; 0 picks a free port').default(DEFAULT_SANDBOX_PORT).argParser(integer(0, 65535)))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--token <token>', 'staff API token (reads and writes); default: a random one, printed'))
    .addOption(new Option('--readonly-token <token>', 'non-staff API token: may read, writes get 403'))
    .addOption(new Option('--seed <file>', 'JSON or YAML file of catalogs and packages to start with (see config/examples/sandbox-seed.yaml)'))
    .addOption(new Option('--target-schema <schema>', 'field names of nested versions and targets: new (module_version, target_name...) or old (module only, cpu_family...)').choices(['old', 'new']).default('new'))
    .addOption(new Option('--latency-ms <ms>', 'fault: delay added to every request').default(0).argParser(integer(0, 600_000)))
    .addOption(new Option('--error-rate <share>', 'fault: share of requests answered 500 (0..1)').default(0).argParser(share))
    .addOption(new Option('--rate-limit-rate <share>', 'fault: share of requests answered 429 (0..1)').default(0).argParser(share))
    .addOption(new Option('--retry-after <seconds>', 'fault: Retry-After of those 429s').default(1).argParser(integer(0, 3600)))
    .addOption(new Option('--lost-write-rate <share>', 'fault: share of writes applied but answered by a dropped connection (0..1)').default(0).argParser(share))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  catalog-sync sandbox --port 0\n' +
        '  catalog-sync sandbox --seed config/examples/sandbox-seed.yaml --token dev-token\n' +
        '  catalog-sync sandbox --latency-ms 50 --error-rate 0.05 --lost-write-rate 0.02\n',
    )
    .action(async (flags: SandboxFlags) => {
      const token = flags.token ?? randomBytes(20).toString('hex');
      const seed = flags.seed ? await loadSeedFile(flags.seed) : undefined;
      const faults: Partial<SandboxFaults> = {
        latencyMs: flags.latencyMs,
        errorRate: flags.errorRate,
        rateLimitRate: flags.rateLimitRate,
        retryAfterSeconds: flags.retryAfter,
        lostWriteRate: flags.lostWriteRate,
      };
      const sandbox = createSandbox({
        token,
        targetSchema: flags.targetSchema,
        faults,
        ...(flags.readonlyToken ? { readOnlyToken: flags.readonlyToken } : {}),
        ...(seed ? { seed } : {}),
      });
      const stopped = waitForStopSignal();
      const { url } = await sandbox.listen(flags.port, flags.host);
      ctx.stdout.write(`${JSON.stringify({ url, token, ...(flags.readonlyToken ? { readonly_token: flags.readonlyToken } : {}) })}\n`);
      await stopped;
      await sandbox.close();
    });
};
