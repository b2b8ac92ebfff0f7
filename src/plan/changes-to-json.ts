import { shortenValue } from './shorten-value.js';
import type { FieldChange, ManagedFieldName } from './types.js';

/** The public form of an update's changes: `{"description": {"old": ..., "new": ...}}`. */
export type ChangesJson = Partial<Record<ManagedFieldName, { old: string | null; new: string | null }>>;

/** How long a value may be in the audit trail (log lines and run history) before it is shortened. */
export const AUDIT_VALUE_CHARS = 200;

/** Field changes keyed by field, as plans, logs and the history show them; values cut at `maxChars` when given. */
export function changesToJson(changes: readonly FieldChange[], maxChars?: number): ChangesJson {
  const cut = (value: string | null) => (maxChars === undefined ? value : shortenValue(value, maxChars));
  return Object.fromEntries(changes.map((c) => [c.field, { old: cut(c.old), new: cut(c.new) }]));
}
