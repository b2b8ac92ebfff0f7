import { validate, validateDetailed } from 'node-cron';
import { fromString } from './parse-scalars.js';
import { fail, ok, type Parser } from './value-parser.js';

/**
 * A cron expression as node-cron runs it (5 fields, or 6 with seconds first). The message
 * names the bad field but not its text, which may have come from the environment.
 */
export const parseSchedule: Parser<string> = fromString((text) => {
  const expression = text.trim().replace(/\s+/g, ' ');
  if (validate(expression)) return ok(expression);
  const first = validateDetailed(expression).errors[0];
  const detail =
    first === undefined || first.field === 'expression' || expression === ''
      ? 'expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first'
      : `the ${first.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} field is not valid`;
  return fail(`is not a valid cron expression: ${detail}`);
});
