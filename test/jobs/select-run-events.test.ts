import { describe, expect, it } from 'vitest';
import { selectRunEvents } from '../../src/jobs/select-run-events.js';
import type { RunHistoryEntry } from '../../src/jobs/types.js';

const entry = (fields: Partial<RunHistoryEntry> & { pending_approval?: unknown }): RunHistoryEntry => ({
  source: 's', run: 'r', status: 'succeeded', created: 0, updated: 0, deleted: 0, unchanged: 5, failed: 0, refused_deletes: 0,
  errors: [], duration_ms: 10, started_at: '2026-01-01T00:00:00.000Z', finished_at: '2026-01-01T00:00:01.000Z', job: 'j', reason: 'schedule',
  ...fields,
});

describe('selectRunEvents', () => {
  it.each([
    ['nothing changed', {}, []],
    ['a create', { created: 1 }, ['changed']],
    ['a delete only', { deleted: 2 }, ['changed']],
    ['refused deletes (a guard)', { status: 'refused', refused_deletes: 40 }, ['refused']],
    ['protected names only (status succeeded)', { refused_deletes: 3 }, []],
    ['a failed run', { status: 'failed', errors: ['upstream unreadable'] }, ['failed']],
    ['a partial run that wrote', { status: 'partial', created: 2, failed: 1 }, ['changed', 'failed']],
    ['a pending approval', { pending_approval: { plan_id: 'p' } }, ['pending_approval']],
    ['no pending approval', { pending_approval: null }, []],
  ] as const)('when a run has %s, then it emits %j', (_name, fields, expected) => {
    expect(selectRunEvents(entry(fields as Partial<RunHistoryEntry>))).toEqual(expected);
  });
});
