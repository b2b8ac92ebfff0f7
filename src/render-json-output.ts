/**
 * The shape version of every `--json` output: raised only when a key is removed or changes its
 * meaning; new keys may appear in any release without it.
 */
export const JSON_FORMAT_VERSION = 1;

/** A command's `--json` output: one object, `format_version` first, then the command's keys. */
export function renderJsonOutput(body: Record<string, unknown>): string {
  return `${JSON.stringify({ format_version: JSON_FORMAT_VERSION, ...body }, null, 2)}\n`;
}
