// What shell completion needs to know of the CLI, read from the commander definitions, so the
// completion scripts always offer exactly the commands and flags the program has.
import type { Command } from 'commander';
import { collectValues } from './collect-values.js';

export interface CompletionOption {
  /** Every spelling: `-c`, `--config`. */
  flags: string[];
  description: string;
  /** null: a switch; `file`: a path; `value`: free text; an array: one of these words. */
  value: null | 'file' | 'value' | string[];
  /** What the value is called in the help (`<name>` -> `name`). */
  valueName: string;
  /** May be given more than once (`--source a --source b`). */
  repeatable: boolean;
}

export interface CompletionCommand {
  name: string;
  summary: string;
  options: CompletionOption[];
  /** Words the first argument may be (`completion bash|zsh`, `help <command>`); empty: any or none. */
  argument: string[];
  /** Takes a positional argument (a file, say) that is not one of fixed words. */
  freeArgument: boolean;
}

export interface CompletionSpec {
  program: string;
  /** The program's own options (--help, --version). */
  options: CompletionOption[];
  commands: CompletionCommand[];
}

// Words end up unquoted in shell code: only these characters may reach it.
const SAFE_WORD = /^[A-Za-z0-9][A-Za-z0-9._-]*$|^--?[A-Za-z0-9][A-Za-z0-9-]*$/;

function safe(word: string): string {
  if (!SAFE_WORD.test(word)) throw new Error(`completion: ${JSON.stringify(word)} is not a plain word`);
  return word;
}

const HELP: CompletionOption = { flags: ['-h', '--help'], description: 'display help for the command', value: null, valueName: '', repeatable: false };

function describeOptions(command: Command): CompletionOption[] {
  const options = command.options.map((option): CompletionOption => {
    const takesValue = option.required || option.optional;
    const choices = option.argChoices;
    return {
      flags: [option.short, option.long].filter((f): f is string => typeof f === 'string').map(safe),
      description: option.description,
      value: !takesValue ? null : choices ? choices.map(safe) : /<(file|path)>/.test(option.flags) ? 'file' : 'value',
      valueName: /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1] ?? 'value',
      repeatable: takesValue && (option.variadic || option.parseArg === collectValues),
    };
  });
  return [...options, HELP];
}

/** `program` with every command defined (not just help lines). */
export function describeCompletion(program: Command): CompletionSpec {
  const names = program.commands.map((c) => safe(c.name()));
  const commands = program.commands.map(
    (command): CompletionCommand => ({
      name: safe(command.name()),
      summary: command.summary() || command.description(),
      options: describeOptions(command),
      argument: (command.registeredArguments[0]?.argChoices ?? []).map(safe),
      freeArgument: command.registeredArguments.length > 0 && command.registeredArguments[0]!.argChoices === undefined,
    }),
  );
  commands.push({ name: 'help', summary: 'display help for a command', options: [], argument: names, freeArgument: false });
  return { program: safe(program.name()), options: describeOptions(program), commands };
}
