import { open } from 'node:fs/promises';
import { displayPath } from './display-path.js';
import { createConfigError } from './create-config-error.js';
import { MAX_CONFIG_BYTES } from './parse-config.js';

const REASONS: Record<string, string> = {
  ENOENT: 'file not found (give --config or set CATALOG_SYNC_CONFIG)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a file',
};

/**
 * Reads a config file as UTF-8 text. The size is checked before reading, and at most
 * MAX_CONFIG_BYTES + 1 bytes are ever read (a file may grow, or not be a regular file).
 */
export async function readConfigFile(file: string): Promise<string> {
  const refuse = (message: string) => createConfigError(displayPath(file), [{ path: '', message }]);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw refuse(`cannot read the config: ${REASONS[code] ?? code}`);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw refuse(`cannot read the config: ${REASONS.EISDIR}`);
    if (stat.size > MAX_CONFIG_BYTES) {
      throw refuse(`is ${stat.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit for a config file: not read`);
    }
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_CONFIG_BYTES) throw refuse(`is over the ${MAX_CONFIG_BYTES}-byte limit for a config file: not read`);
    return decodeUtf8(buffer.subarray(0, bytesRead), refuse);
  } finally {
    await handle.close();
  }
}

function decodeUtf8(bytes: Buffer, refuse: (message: string) => Error): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const before = text.slice(0, text.indexOf('\uFFFD'));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw refuse(`is not valid UTF-8 (first bad byte at line ${line}, column ${column})`);
  }
}
