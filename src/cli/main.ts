import { Command, CommanderError } from 'commander';
import { describeError, ValidationError } from '../errors.js';
import { readPackageVersion } from '../read-package-version.js';
import type { CliContext, RegisterCommand } from './context.js';

interface CommandEntry {
  name: string;
  /** The line the top-level help shows; the command's own help has its full description. */
  summary: string;
  load(): Promise<RegisterCommand>;
}

// A command's module, and everything it imports (BullMQ and Redis, the Waldur client, the
// readers, prom-client), loads only when that command runs: `--help` and `--version` load none.
const COMMANDS: CommandEntry[] = [
  { name: 'plan', summary: 'show what `sync` would change, without writing anything', load: async () => (await import('./commands/plan.js')).registerPlanCommand },
  { name: 'sync', summary: 'plan and apply every change in-process (Redis only for the run lock, when configured)', load: async () => (await import('./commands/sync.js')).registerSyncCommand },
  { name: 'apply', summary: 'apply a plan saved by `plan --out` exactly as reviewed, or nothing if the catalog changed', load: async () => (await import('./commands/apply.js')).registerApplyCommand },
  { name: 'validate', summary: 'read each source and show what it yields, without contacting Waldur', load: async () => (await import('./commands/validate.js')).registerValidateCommand },
  { name: 'daemon', summary: 'run the sync daemon: queue workers, schedules and the HTTP server', load: async () => (await import('./commands/daemon.js')).registerDaemonCommand },
  { name: 'trigger', summary: 'request a resync through the queue (a running daemon does the work)', load: async () => (await import('./commands/trigger.js')).registerTriggerCommand },
  { name: 'approve', summary: "apply a source's plan that waits for approval, through the queue", load: async () => (await import('./commands/approve.js')).registerApproveCommand },
  { name: 'reject', summary: "drop a source's plan that waits for approval", load: async () => (await import('./commands/reject.js')).registerRejectCommand },
  { name: 'status', summary: 'show the live replicas and, per source, the last runs and the next one', load: async () => (await import('./commands/status.js')).registerStatusCommand },
  { name: 'sandbox', summary: 'run an in-memory Waldur-compatible API to try the tool without a Waldur', load: async () => (await import('./commands/sandbox.js')).registerSandboxCommand },
  { name: 'completion', summary: 'print a bash or zsh completion script', load: async () => (await import('./commands/completion.js')).registerCompletionCommand },
];

/** The command the arguments ask for (`help NAME` asks for NAME's help), or null. */
function requestedCommand(args: readonly string[]): string | null {
  const words = args.filter((a) => !a.startsWith('-'));
  return (words[0] === 'help' ? words[1] : words[0]) ?? null;
}

/**
 * The program with the requested command fully defined and every other one as a help line
 * (`allCommands`: every one fully defined, for the completion scripts).
 */
export async function buildProgram(ctx: CliContext, args: readonly string[] = [], options: { allCommands?: boolean } = {}): Promise<Command> {
  const program = new Command('catalog-sync')
    .description(
      'Keeps Waldur marketplace software catalogs in sync with upstream catalogs ' +
        '(EESSI, Spack, Lmod, EasyBuild, site YAML manifests).',
    )
    .version(readPackageVersion())
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
    });
  const wanted = requestedCommand(args);
  for (const entry of COMMANDS) {
    if (options.allCommands || entry.name === wanted) {
      (await entry.load())(program, ctx);
      program.commands.at(-1)!.summary(entry.summary);
    } else {
      program.command(entry.name).summary(entry.summary);
    }
  }
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[], io: Partial<Omit<CliContext, 'exitCode'>> = {}): Promise<number> {
  const ctx: CliContext = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    exitCode: 0,
  };
  try {
    const program = await buildProgram(ctx, argv.slice(2));
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const where =
      err instanceof ValidationError && err.file
        ? `${err.file}${err.line ? `:${err.line}${err.column ? `:${err.column}` : ''}` : ''}: `
        : '';
    ctx.stderr.write(`catalog-sync: ${where}${describeError(err)}\n`);
    return 1;
  }
}
