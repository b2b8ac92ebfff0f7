import { resolve } from 'node:path';

const SECRET_FILE_KEYS = [
  ['waldur', 'token_file'],
  ['server', 'api_token_file'],
] as const;

/**
 * Absolute paths of the files a config reads secrets from (`waldur.token_file`,
 * `server.api_token_file`), from the config as written (env expanded, already validated): the
 * daemon watches them and reloads when one changes.
 */
export function listSecretFiles(raw: unknown, baseDir: string): string[] {
  const files: string[] = [];
  for (const [section, key] of SECRET_FILE_KEYS) {
    const value = (raw as Record<string, Record<string, unknown> | undefined> | null)?.[section]?.[key];
    if (typeof value === 'string' && value.trim() !== '') files.push(resolve(baseDir, value.trim()));
  }
  return files;
}
