import { checkToken } from './check-token.js';
import { readFileValue } from './read-file-value.js';
import { fail, ok, type Parser } from './value-parser.js';

/**
 * waldur.token_file: a secret file (Docker/Kubernetes secrets) holding the token. Messages name
 * the file, never its content.
 */
export function readTokenFile(baseDir: string): Parser<string> {
  return readFileValue(baseDir, { what: 'token file', maxBytes: 64 * 1024 }, (content, shown) => {
    const token = checkToken(content.trim());
    return token.ok ? ok(token.value) : fail(`token file ${shown}: ${token.message}`);
  });
}
