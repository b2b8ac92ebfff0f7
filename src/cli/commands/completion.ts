import { Argument } from 'commander';
import type { RegisterCommand } from '../context.js';
import { describeCompletion } from '../describe-completion.js';
import { buildProgram } from '../main.js';
import { renderBashCompletion } from '../render-bash-completion.js';
import { renderZshCompletion } from '../render-zsh-completion.js';

const RENDERERS = { bash: renderBashCompletion, zsh: renderZshCompletion } as const;

export const registerCompletionCommand: RegisterCommand = (program, ctx) => {
  program
    .command('completion')
    .description('Print a shell completion script for bash or zsh (commands, flags, option values)')
    .addArgument(new Argument('<shell>', 'the shell').choices(Object.keys(RENDERERS)))
    .addHelpText(
      'after',
      '\nbash:  source <(catalog-sync completion bash)          (add it to ~/.bashrc to keep it)' +
        '\n       catalog-sync completion bash > /etc/bash_completion.d/catalog-sync' +
        '\nzsh:   catalog-sync completion zsh > "${fpath[1]}/_catalog-sync"   (then start a new shell)' +
        '\n       source <(catalog-sync completion zsh)           (after compinit, e.g. in ~/.zshrc)',
    )
    .action(async (shell: keyof typeof RENDERERS) => {
      // Every command, fully defined: the script offers exactly their flags.
      const full = await buildProgram(ctx, [], { allCommands: true });
      ctx.stdout.write(RENDERERS[shell](describeCompletion(full)));
    });
};
