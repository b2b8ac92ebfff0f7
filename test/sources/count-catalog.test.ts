import { describe, expect, it } from 'vitest';
import { countCatalog } from '../../src/sources/count-catalog.js';

describe('countCatalog', () => {
  it('when packages have versions with targets, then versions and version x target rows are counted', () => {
    const t = { cpuFamily: 'x86_64', cpuMicroarchitecture: 'generic', path: '' };
    const packages = [
      { name: 'a', description: '', homepage: null, versions: [{ version: '1', targets: [t, t] }, { version: '2', targets: [] }] },
      { name: 'b', description: '', homepage: null, versions: [{ version: '1', targets: [t] }] },
    ];

    expect(countCatalog({ packages })).toEqual({ packages: 2, versions: 3, targets: 3 });
  });
});
