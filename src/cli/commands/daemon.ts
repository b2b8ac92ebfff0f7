import type { RegisterCommand } from '../context.js';

export const registerDaemonCommand: RegisterCommand = (program) => {
  program
    .command('daemon')
    .description('(not yet available)')
    .action(() => {
      throw new Error('daemon: not implemented yet');
    });
};
