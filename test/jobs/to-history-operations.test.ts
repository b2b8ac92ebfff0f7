import { describe, expect, it } from 'vitest';
import type { OperationRecord } from '../../src/model/operation-record.js';
import { MAX_HISTORY_OPERATIONS, toHistoryOperations } from '../../src/jobs/to-history-operations.js';

describe('toHistoryOperations', () => {
  it('when a run has more operations than the history keeps, then the first ones are kept and the rest counted', () => {
    const records: OperationRecord[] = Array.from({ length: MAX_HISTORY_OPERATIONS + 5 }, (_, i) => ({ kind: 'create', name: `p${i}`, uuid: `u${i}`, outcome: 'applied' }));

    const kept = toHistoryOperations(records);

    expect(kept.operations).toHaveLength(1_000);
    expect(kept.operations![999]).toEqual({ kind: 'create', name: 'p999', uuid: 'u999', outcome: 'applied' });
    expect(kept.operations_truncated).toBe(5);
  });

  it('when an update failed, then its error and its changes keyed by field are kept, and no count of dropped ones appears', () => {
    const records: OperationRecord[] = [
      { kind: 'update', name: 'GROMACS', uuid: 'a'.repeat(32), outcome: 'failed', error: 'HTTP 400', changes: [{ field: 'homepage', old: null, new: 'https://x.org' }] },
    ];

    expect(toHistoryOperations(records)).toEqual({
      operations: [{ kind: 'update', name: 'GROMACS', uuid: 'a'.repeat(32), outcome: 'failed', error: 'HTTP 400', changes: { homepage: { old: null, new: 'https://x.org' } } }],
    });
  });
});
