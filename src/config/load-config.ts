// Entry point of the config layer: find the file, read it safely, parse and validate it.
import { resolve } from 'node:path';
import { parseConfig } from './parse-config.js';
import { readConfigFile } from './read-config-file.js';
import type { Config } from './types.js';

export { parseConfig, MAX_CONFIG_BYTES } from './parse-config.js';

export const DEFAULT_CONFIG_PATH = 'config/catalog-sync.yaml';

/**
 * Loads `options.file`, else $CATALOG_SYNC_CONFIG, else config/catalog-sync.yaml (relative to
 * the working directory). Throws ConfigError listing every problem.
 */
export async function loadConfig(
  options: { file?: string; env?: NodeJS.ProcessEnv; needsToken?: boolean } = {},
): Promise<Config> {
  const env = options.env ?? process.env;
  const file = resolve(options.file ?? (env.CATALOG_SYNC_CONFIG || DEFAULT_CONFIG_PATH));
  const text = await readConfigFile(file);
  return parseConfig(text, { file, env, needsToken: options.needsToken });
}
