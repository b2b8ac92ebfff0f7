// Runs the CLI in-process against a test sandbox with a config written to a temp folder
// (used by test/cli/plan.test.ts and test/cli/sync.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { startTestSandbox, type TestSandbox } from '../support/start-sandbox.js';

export { fixture as syncFixture } from './sync-harness.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export interface CliHarness {
  test: TestSandbox;
  dir: string;
  /** Writes a config with the given sources (YAML text of the `sources:` list items). */
  writeConfig(sourcesYaml: string, extra?: string): string;
  run(args: string[], env?: NodeJS.ProcessEnv): Promise<CliRun>;
  writes(): number;
  close(): Promise<void>;
}

export async function startCliHarness(): Promise<CliHarness> {
  const test = await startTestSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
  return {
    test,
    dir,
    writeConfig(sourcesYaml, extra = '') {
      const file = join(dir, 'catalog-sync.yaml');
      writeFileSync(
        file,
        [
          'waldur:',
          '  url: ${WALDUR_URL}',
          '  token: ${WALDUR_TOKEN}',
          '  concurrency: 4',
          'log:',
          '  level: debug',
          extra,
          'sources:',
          sourcesYaml,
        ].join('\n'),
      );
      return file;
    },
    async run(args, env = {}) {
      const out = collector();
      const err = collector();
      const code = await main(['node', 'catalog-sync', ...args], {
        stdout: out.stream,
        stderr: err.stream,
        env: { WALDUR_URL: test.url, WALDUR_TOKEN: test.token, LOG_FORMAT: 'json', ...env },
      });
      return { code, stdout: out.text(), stderr: err.text() };
    },
    writes() {
      return ['POST', 'PUT', 'PATCH', 'DELETE'].reduce((n, m) => n + test.sandbox.stats.count(m), 0);
    },
    async close() {
      await test.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One manifest source item of the config's `sources:` list. */
export function manifestSourceYaml(name: string, location: string, options: { catalog?: string; more?: string } = {}): string {
  return [
    `  - name: ${name}`,
    '    kind: manifest',
    `    location: ${JSON.stringify(location)}`,
    `    catalog: { name: ${JSON.stringify(options.catalog ?? 'Site modules')}, version: "2026.1", create: true }`,
    '    prune: { enabled: true, max_delete: 10 }',
    options.more ?? '',
  ].join('\n');
}
