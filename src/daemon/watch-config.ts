// Config reloads of a running daemon: on SIGHUP (the caller wires it to reload()) and when a
// token file changes, the config is read again; what can change at run time (tokens, webhook
// secret) is applied, and the log names every changed key that needs a restart.
import { createHash } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { Config } from '../config/types.js';
import { listSecrets } from '../config/list-secrets.js';
import type { Logger } from '../log/create-logger.js';
import type { SecretScrubber } from '../log/create-secret-scrubber.js';
import type { Daemon } from './start-daemon.js';

export const DEFAULT_WATCH_INTERVAL_MS = 5_000;

export interface ConfigWatch {
  /** Reads the config again and applies it; reloads never overlap (one more runs after the current). */
  reload(reason: string): Promise<void>;
  close(): void;
}

const digest = (file: string): string | null => {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
};

export function watchConfig(input: {
  config: Config;
  load: () => Promise<Config>;
  daemon: Pick<Daemon, 'reload'>;
  scrubber: SecretScrubber;
  logger: Logger;
  /** How often token files are checked (stat polling: follows Kubernetes' symlink swaps). */
  intervalMs?: number;
}): ConfigWatch {
  const { logger, scrubber } = input;
  const intervalMs = input.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
  // Per watched file: its content digest (null: unreadable) and the polling listener.
  const watched = new Map<string, { digest: string | null; listener: () => void }>();
  let closed = false;

  const unwatch = (file: string): void => {
    const entry = watched.get(file);
    if (entry) unwatchFile(file, entry.listener);
    watched.delete(file);
  };

  const watch = (files: readonly string[]): void => {
    for (const file of [...watched.keys()]) if (!files.includes(file)) unwatch(file);
    for (const file of files) {
      if (watched.has(file)) continue;
      const entry = {
        digest: digest(file),
        listener: () => {
          const now = digest(file);
          if (now === entry.digest) return;
          entry.digest = now;
          void reload('token file changed');
        },
      };
      watched.set(file, entry);
      // Polling sees a file replaced by a rename or a symlink swap, which inotify on the old file would not.
      watchFile(file, { interval: intervalMs, persistent: false }, entry.listener);
    }
  };

  const apply = async (reason: string): Promise<void> => {
    let next: Config;
    try {
      next = await input.load();
    } catch (err) {
      logger.error({ reason, error: err instanceof Error ? err.message : String(err) }, 'config reload failed; the daemon keeps its running config');
      return;
    }
    // New secrets are scrubbed before any line could carry them.
    scrubber.add(listSecrets(next));
    const { reloaded, restart } = input.daemon.reload(next);
    watch(next.secretFiles ?? []);
    if (restart.length > 0) {
      logger.warn({ reason, reloaded, restart_required: restart }, 'config reloaded; some changes need a restart of the daemon');
    } else {
      logger.info({ reason, reloaded }, reloaded.length > 0 ? 'config reloaded' : 'config reloaded; nothing changed');
    }
  };

  let running: Promise<void> | null = null;
  let pending: string | null = null;
  const reload = (reason: string): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      pending = reason;
      return running;
    }
    running = (async () => {
      let next: string | null = reason;
      while (next !== null && !closed) {
        pending = null;
        await apply(next);
        next = pending;
      }
      running = null;
    })();
    return running;
  };

  watch(input.config.secretFiles ?? []);
  return {
    reload,
    close: () => {
      closed = true;
      for (const file of [...watched.keys()]) unwatch(file);
    },
  };
}
