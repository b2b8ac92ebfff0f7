// Shell completion as a user gets it: the script printed by `catalog-sync completion bash` is
// loaded into a real bash, which is asked to complete command lines.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../daemon/daemon-harness.js';
import { findExecutable } from '../deploy/find-executable.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'completion-'));

/** The candidates bash offers for a command line whose last word is being completed. */
async function complete(script: string, line: string[]): Promise<string[]> {
  const driver = join(dir, 'drive.sh');
  writeFileSync(
    driver,
    [
      `source ${JSON.stringify(script)}`,
      'COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()',
      // The function `complete -F` registered for the program, as bash would call it.
      'fn=$(complete -p catalog-sync | sed -E "s/.* -F ([^ ]+) .*/\\1/")',
      '"$fn" catalog-sync "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n'),
  );
  const { stdout } = await run('bash', ['--norc', '--noprofile', driver, ...line], { cwd: dir });
  return stdout.split('\n').filter(Boolean).sort();
}

describe('catalog-sync completion', () => {
  let bashScript: string;
  let zshScript: string;
  beforeAll(async () => {
    const bash = await runCli(['completion', 'bash'], {});
    const zsh = await runCli(['completion', 'zsh'], {});
    expect(bash.code, bash.stderr).toBe(0);
    expect(zsh.code, zsh.stderr).toBe(0);
    bashScript = join(dir, 'catalog-sync.bash');
    zshScript = join(dir, '_catalog-sync');
    writeFileSync(bashScript, bash.stdout);
    writeFileSync(zshScript, zsh.stdout);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when bash completes the first word, then it offers every command, and a prefix narrows them', async () => {
    const all = await complete(bashScript, ['catalog-sync', '']);
    const st = await complete(bashScript, ['catalog-sync', 'st']);

    expect(all).toEqual(['apply', 'approve', 'completion', 'daemon', 'help', 'plan', 'reject', 'sandbox', 'status', 'sync', 'trigger', 'validate'].sort());
    expect(st).toEqual(['status']);
  });

  it("when bash completes a flag, then it offers that command's own flags", async () => {
    const sync = await complete(bashScript, ['catalog-sync', 'sync', '--']);
    const refused = await complete(bashScript, ['catalog-sync', 'sync', '--source', 'site', '--exit']);
    const daemon = await complete(bashScript, ['catalog-sync', 'daemon', '--w']);

    expect(sync).toEqual(['--config', '--exit-code-on-refused', '--force', '--help', '--json', '--lock-timeout', '--no-redis', '--source', '--verbose'].sort());
    expect(refused).toEqual(['--exit-code-on-refused']);
    expect(daemon).toEqual(['--watch-interval']);
  });

  it('when bash completes an argument or an option value with fixed words, then it offers those words', async () => {
    expect(await complete(bashScript, ['catalog-sync', 'completion', ''])).toEqual(['bash', 'zsh']);
    expect(await complete(bashScript, ['catalog-sync', 'sandbox', '--target-schema', ''])).toEqual(['new', 'old']);
    expect(await complete(bashScript, ['catalog-sync', 'help', 'tr'])).toEqual(['trigger']);
  });

  it('when bash completes the value of --config, then it offers files', async () => {
    writeFileSync(join(dir, 'site-config.yaml'), 'waldur: {}\n');

    expect(await complete(bashScript, ['catalog-sync', 'plan', '--config', 'site-'])).toEqual(['site-config.yaml']);
  });

  it('when the zsh script is read, then it is a completion function for every command (and zsh, where installed, loads it)', async () => {
    const text = readFileSync(zshScript, 'utf8');
    for (const command of ['plan', 'sync', 'validate', 'daemon', 'trigger', 'status', 'sandbox', 'completion', 'help']) {
      expect(text).toContain(`\n        ${command})\n`);
    }
    expect(text).toMatch(/^#compdef catalog-sync\n/);
    expect(text).toContain(`'*'{-s,--source}'[only this source`);
    // Where zsh is installed: the script parses, and compinit registers it for catalog-sync.
    const zsh = findExecutable('zsh');
    const registered = zsh
      ? (await run(zsh, ['-f', '-c', `zsh -n ${zshScript} && autoload -Uz compinit && compinit -u -D && source ${zshScript} && print -r -- $_comps[catalog-sync]`])).stdout.trim()
      : '_catalog-sync';
    expect(registered).toBe('_catalog-sync');
  });
});
