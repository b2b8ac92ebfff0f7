// DRF field semantics, message for message, so the client meets the same 400s as on a real Waldur.
import { pyStrip } from '../normalize.js';
import { isAcceptedUrl } from '../python/is-accepted-url.js';

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const fail = (...errors: string[]): { ok: false; errors: string[] } => ({ ok: false, errors });

export interface CharFieldRules {
  maxLength?: number;
  allowBlank?: boolean;
  allowNull?: boolean;
  url?: boolean;
}

/** CharField (and URLField with `url`): trims with Python strip, rejects NUL, counts code points. */
export function checkCharField(raw: unknown, rules: CharFieldRules): FieldCheck<string | null> {
  if (raw === null) return rules.allowNull ? { ok: true, value: null } : fail('This field may not be null.');
  if (typeof raw === 'boolean' || (typeof raw !== 'string' && typeof raw !== 'number')) {
    return fail('Not a valid string.');
  }
  const value = pyStrip(String(raw));
  if (value === '') return rules.allowBlank ? { ok: true, value: '' } : fail('This field may not be blank.');
  const errors: string[] = [];
  if (rules.maxLength !== undefined && [...value].length > rules.maxLength) {
    errors.push(`Ensure this field has no more than ${rules.maxLength} characters.`);
  }
  if (value.includes('\0')) errors.push('Null characters are not allowed.');
  if (rules.url && !isAcceptedUrl(value)) errors.push('Enter a valid URL.');
  return errors.length ? fail(...errors) : { ok: true, value };
}

const TRUE_VALUES = new Set(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1', 1, true]);
const FALSE_VALUES = new Set(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0', 0, false]);

export function checkBooleanField(raw: unknown): FieldCheck<boolean> {
  if (raw === null) return fail('This field may not be null.');
  if (TRUE_VALUES.has(raw as string)) return { ok: true, value: true };
  if (FALSE_VALUES.has(raw as string)) return { ok: true, value: false };
  return fail('Must be a valid boolean.');
}

export function checkChoiceField<T extends string>(raw: unknown, choices: readonly T[]): FieldCheck<T> {
  if (raw === null) return fail('This field may not be null.');
  if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return { ok: true, value: raw as T };
  return fail(`"${String(raw)}" is not a valid choice.`);
}

/**
 * Runs the checks of one serializer: `fields` maps a field name to its check; a missing field is
 * an error only when `required` (and the request is not partial). Returns values or DRF errors.
 */
export function checkFields(
  body: Record<string, unknown>,
  fields: Record<string, { required: boolean; check: (raw: unknown) => FieldCheck<unknown> }>,
  partial: boolean,
): { ok: true; values: Record<string, unknown> } | { ok: false; errors: Record<string, string[]> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string[]> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (!Object.hasOwn(body, name)) {
      if (field.required && !partial) errors[name] = ['This field is required.'];
      continue;
    }
    const result = field.check(body[name]);
    if (result.ok) values[name] = result.value;
    else errors[name] = result.errors;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}
