import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromString } from './parse-scalars.js';
import { checkToken } from './check-token.js';
import { displayPath } from './display-path.js';
import { fail, ok, type Parser } from './value-parser.js';

const MAX_TOKEN_FILE_BYTES = 64 * 1024;

const REASONS: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

/**
 * waldur.token_file: a secret file (Docker/Kubernetes secrets) holding the token. Messages name
 * the file, never its content.
 */
export function readTokenFile(baseDir: string): Parser<string> {
  return fromString((text) => {
    if (text.trim() === '') return fail('must not be empty');
    const file = resolve(baseDir, text.trim());
    let content: string;
    try {
      content = readSmallFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const reason = REASONS[code] ?? (code === 'EFBIG' ? 'larger than 64 KiB' : code || 'unreadable');
      return fail(`cannot read token file ${displayPath(file)}: ${reason}`);
    }
    const token = checkToken(content.trim());
    return token.ok ? ok(token.value) : fail(`token file ${displayPath(file)}: ${token.message}`);
  });
}

function readSmallFile(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (stat.size > MAX_TOKEN_FILE_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    const buffer = Buffer.alloc(MAX_TOKEN_FILE_BYTES + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    if (length > MAX_TOKEN_FILE_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
