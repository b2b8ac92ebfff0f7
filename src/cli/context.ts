import type { Command } from 'commander';

/** What a command needs from the process; tests pass their own streams and env. */
export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** The command's exit code (0 unless set). */
  exitCode: number;
}

export type RegisterCommand = (program: Command, ctx: CliContext) => void;
