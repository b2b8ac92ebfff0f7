import { ValidationError } from '../errors.js';
import { lineAndColumn, locateJsonError } from './locate-json-error.js';

/** JSON.parse, with an error that names the file, line and column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const found = locateJsonError(text);
    // The scanner and V8 agree on what JSON is; if they ever do not, V8's words still help.
    const position = found?.offset ?? Number(/at position (\d+)/.exec(String(err))?.[1] ?? 0);
    const { line, column } = lineAndColumn(text, position);
    const reason = found?.message ?? (err as Error).message;
    throw new ValidationError(`invalid JSON: ${reason}`, {}, { file, line, column, cause: err });
  }
}
