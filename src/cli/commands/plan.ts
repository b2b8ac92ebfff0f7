import type { RegisterCommand } from '../context.js';

export const registerPlanCommand: RegisterCommand = (program) => {
  program
    .command('plan')
    .description('(not yet available)')
    .action(() => {
      throw new Error('plan: not implemented yet');
    });
};
