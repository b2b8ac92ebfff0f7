// "read+plan 0.31 s, apply 7.52 s": consecutive phases between epoch-ms marks (log timestamps).

/** Each mark ends the phase named by it; a missing mark (null) folds its phase into the next. */
export function describePhases(startedAt: number, marks: ReadonlyArray<readonly [string, number | null]>): string {
  const parts: string[] = [];
  let from = startedAt;
  let pending: string[] = [];
  for (const [label, at] of marks) {
    pending.push(label);
    if (at === null) continue;
    parts.push(`${pending.join('+')} ${((at - from) / 1000).toFixed(2)} s`);
    from = at;
    pending = [];
  }
  return parts.join(', ');
}
