import type { RegisterCommand } from '../context.js';

export const registerStatusCommand: RegisterCommand = (program) => {
  program
    .command('status')
    .description('(not yet available)')
    .action(() => {
      throw new Error('status: not implemented yet');
    });
};
