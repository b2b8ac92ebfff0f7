import { ValidationError } from '../errors.js';
import { parseJsonText } from './parse-json-text.js';
import { parseLmodDb } from './parse-lmod-db.js';
import { parseLmodPage } from './parse-lmod-page.js';
import type { RawDocument } from './types.js';

/** Lmod spider output, told apart by shape: the software page is an array, spider-json an object. */
export function parseLmod(text: string, file: string): RawDocument {
  const value = parseJsonText(text, file);
  if (Array.isArray(value)) return parseLmodPage(value, file);
  if (value !== null && typeof value === 'object') return parseLmodDb(value, file);
  throw new ValidationError(
    'expected Lmod spider output: a JSON array (spider -o jsonSoftwarePage) or object (spider -o spider-json)',
    {},
    { file },
  );
}
