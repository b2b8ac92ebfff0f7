import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { displayPath } from './display-path.js';
import { fromString } from './parse-scalars.js';
import { fail, type Parsed, type Parser } from './value-parser.js';

const REASONS: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

function readSmallFile(file: string, maxBytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (stat.size > maxBytes) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    const buffer = Buffer.alloc(maxBytes + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    if (length > maxBytes) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * A key naming a file whose content is the value (a secret, certificates), read when the config
 * is loaded; relative to the config file's folder. `check` sees the content and the file as
 * messages show it. Messages name the file, never its content.
 */
export function readFileValue<T>(
  baseDir: string,
  file: { what: string; maxBytes: number },
  check: (content: string, shown: string) => Parsed<T>,
): Parser<T> {
  return fromString((text) => {
    if (text.trim() === '') return fail('must not be empty');
    const path = resolve(baseDir, text.trim());
    let content: string;
    try {
      content = readSmallFile(path, file.maxBytes);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const reason = REASONS[code] ?? (code === 'EFBIG' ? `larger than ${file.maxBytes / 1024} KiB` : code || 'unreadable');
      return fail(`cannot read ${file.what} ${displayPath(path)}: ${reason}`);
    }
    return check(content, displayPath(path));
  });
}
