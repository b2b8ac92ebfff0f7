import type { RegisterCommand } from '../context.js';

export const registerTriggerCommand: RegisterCommand = (program) => {
  program
    .command('trigger')
    .description('(not yet available)')
    .action(() => {
      throw new Error('trigger: not implemented yet');
    });
};
