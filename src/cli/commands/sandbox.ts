import type { RegisterCommand } from '../context.js';

export const registerSandboxCommand: RegisterCommand = (program) => {
  program
    .command('sandbox')
    .description('(not yet available)')
    .action(() => {
      throw new Error('sandbox: not implemented yet');
    });
};
