import type { RegisterCommand } from '../context.js';

export const registerValidateCommand: RegisterCommand = (program) => {
  program
    .command('validate')
    .description('(not yet available)')
    .action(() => {
      throw new Error('validate: not implemented yet');
    });
};
