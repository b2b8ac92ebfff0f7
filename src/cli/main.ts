import { Command, CommanderError } from 'commander';
import { describeError, ValidationError } from '../errors.js';
import type { CliContext } from './context.js';
import { registerSandboxCommand } from './commands/sandbox.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerSyncCommand } from './commands/sync.js';
import { registerDaemonCommand } from './commands/daemon.js';
import { registerTriggerCommand } from './commands/trigger.js';
import { registerStatusCommand } from './commands/status.js';

const VERSION = '0.1.0';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('catalog-sync')
    .description(
      'Keeps Waldur marketplace software catalogs in sync with upstream catalogs ' +
        '(EESSI, Spack, site YAML manifests).',
    )
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
    });
  for (const register of [
    registerPlanCommand,
    registerSyncCommand,
    registerValidateCommand,
    registerDaemonCommand,
    registerTriggerCommand,
    registerStatusCommand,
    registerSandboxCommand,
  ]) {
    register(program, ctx);
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
  const program = buildProgram(ctx);
  try {
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
