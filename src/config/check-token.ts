import { fromString } from './parse-scalars.js';
import { fail, ok } from './value-parser.js';

/** The token goes into an HTTP header: it must be one printable word. Never echoed. */
export const checkToken = fromString((token) => {
  if (token === '') return fail('must not be empty');
  if (/\s/.test(token)) return fail('must not contain whitespace');
  return ok(token);
});
