import { describe, expect, it } from 'vitest';
import { createRunId } from '../../src/sync/create-run-id.js';

describe('createRunId', () => {
  it('when an id is made, then it starts with the source and the UTC time and has no colon', () => {
    const id = createRunId('eessi-2023.06', new Date(Date.UTC(2026, 0, 15, 3, 17, 0, 123)));

    expect(id).toMatch(/^eessi-2023\.06-20260115T031700123Z-[0-9a-f]{6}$/);
    expect(id).not.toContain(':');
  });

  it('when two ids are made at the same instant, then they differ', () => {
    const now = new Date();

    const ids = new Set(Array.from({ length: 50 }, () => createRunId('site', now)));

    expect(ids.size).toBe(50);
  });
});
