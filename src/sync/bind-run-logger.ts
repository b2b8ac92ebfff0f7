import type { Logger } from '../log/create-logger.js';

/**
 * Every line of a run carries `source` and `run`. The daemon may hand in a logger that is already
 * bound; binding again would print the keys twice on each line.
 */
export function bindRunLogger(logger: Logger, source: string, run: string): Logger {
  const bound = logger.bindings();
  if (bound.source === source && bound.run === run) return logger;
  return logger.child({ source, run });
}
