import { readFileValue } from './read-file-value.js';
import { fail, ok, type Parser } from './value-parser.js';

/** A PEM file (certificates or a private key) named by the config; its content is the value. */
export function readPemFile(baseDir: string): Parser<string> {
  return readFileValue(baseDir, { what: 'PEM file', maxBytes: 1024 * 1024 }, (content, shown) =>
    content.includes('-----BEGIN ') ? ok(content) : fail(`${shown} is not a PEM file (no "-----BEGIN" line)`),
  );
}
