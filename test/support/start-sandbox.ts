// A real HTTP sandbox on a free loopback port, for any test that talks to "Waldur".
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createSandbox, NO_FAULTS } from '../../src/sandbox/create-sandbox.js';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/types.js';

export interface TestSandbox {
  /** API root, e.g. http://127.0.0.1:41234/api/ */
  url: string;
  /** Staff token (reads and writes). */
  token: string;
  /** Non-staff token (reads only; writes get 403). */
  readOnlyToken: string;
  sandbox: Sandbox;
  /** Empties the store, removes every fault and zeroes the stats (for a sandbox shared by a file). */
  reset(): void;
  close(): Promise<void>;
}

export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const token = options.token ?? `staff-${randomBytes(12).toString('hex')}`;
  const readOnlyToken = options.readOnlyToken ?? `reader-${randomBytes(12).toString('hex')}`;
  const sandbox = createSandbox({ ...options, token, readOnlyToken });
  const { url } = await sandbox.listen(0, '127.0.0.1');
  const reset = (): void => {
    sandbox.state.clear();
    sandbox.setFaults({ ...NO_FAULTS, random: Math.random });
    sandbox.stats.reset();
  };
  return { url, token, readOnlyToken, sandbox, reset, close: () => sandbox.close() };
}

/**
 * One sandbox for a whole test file, emptied before each test: call at the top level of the file,
 * read `.current` inside tests and hooks.
 */
export function useTestSandbox(options: Partial<SandboxOptions> = {}): { readonly current: TestSandbox } {
  let sandbox: TestSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startTestSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => sandbox?.reset());
  return {
    get current(): TestSandbox {
      if (!sandbox) throw new Error('useTestSandbox: the sandbox starts in beforeAll');
      return sandbox;
    },
  };
}
