import { parseDuration } from '../config/parse-duration.js';
import { ValidationError } from '../errors.js';

/** A duration flag's value (`--timeout 90s`) in ms; a bad one is an error naming the flag. */
export function parseDurationOption(option: string, text: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new ValidationError(`${option} ${parsed.message}`, { [option]: [parsed.message] });
  return parsed.value;
}
