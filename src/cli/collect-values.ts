/** Collects a repeatable option's values (`--source a --source b`): commander's argument parser for it. */
export function collectValues(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
