import type { RegisterCommand } from '../context.js';

export const registerSyncCommand: RegisterCommand = (program) => {
  program
    .command('sync')
    .description('(not yet available)')
    .action(() => {
      throw new Error('sync: not implemented yet');
    });
};
