import { describe, expect, it } from 'vitest';
import { isPySpace, PY_SPACE } from '../../src/python/whitespace.js';

describe('isPySpace', () => {
  it('when every UTF-16 code unit is tried, then it agrees with the PY_SPACE class', () => {
    const pattern = new RegExp(`[${PY_SPACE}]`);
    const disagreeing: number[] = [];

    for (let code = 0; code <= 0xffff; code += 1) {
      if (isPySpace(code) !== pattern.test(String.fromCharCode(code))) disagreeing.push(code);
    }

    expect(disagreeing).toEqual([]);
  });

  it('when given Python whitespace that JS \\s lacks and JS whitespace that Python lacks, then it follows Python', () => {
    expect([0x1c, 0x1f, 0x85].map(isPySpace)).toEqual([true, true, true]);
    expect(isPySpace(0xfeff)).toBe(false);
  });
});
