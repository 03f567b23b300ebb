/**
 * Go's sort algorithms as ./gosort.ts ports them (from Go 1.23's sort/zsortinterface.go; not
 * checked against a Go run here, which has no Go): whatever the input, pdqsort sorts and only
 * permutes, the stable sort keeps equal elements in order, and on up to 12 elements pdqsort is
 * the plain insertion sort (the same swaps, so the same order of equal elements).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pdqsortAll, stable, type SortData } from './gosort';

/** A sort over pairs [key, original index], comparing keys only; the swaps it made. */
function run(keys: readonly number[], sort: (d: SortData, n: number) => void) {
  const xs = keys.map((k, i) => [k, i] as const);
  const swaps: [number, number][] = [];
  const data: SortData = {
    less: (i, j) =>
      (xs[i] as readonly [number, number])[0] < (xs[j] as readonly [number, number])[0],
    swap: (i, j) => {
      swaps.push([i, j]);
      [xs[i], xs[j]] = [xs[j] as readonly [number, number], xs[i] as readonly [number, number]];
    },
  };
  sort(data, xs.length);
  return { xs, swaps };
}

const sortedKeys = (xs: readonly (readonly [number, number])[]) =>
  xs.every((x, i) => i === 0 || (xs[i - 1] as readonly [number, number])[0] <= x[0]);

// few distinct keys, so equal elements abound; lengths past every threshold (12, 50, 8 * …)
const arrays = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 400 });

describe('Go’s pdqsort, ported', () => {
  it('sorts every input and only permutes it', () => {
    fc.assert(
      fc.property(arrays, (keys) => {
        const { xs } = run(keys, pdqsortAll);
        expect(sortedKeys(xs)).toBe(true);
        expect(xs.map(([, i]) => i).sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts the inputs that defeat plain quicksort: descending, organ pipes, sawteeth', () => {
    for (const n of [13, 49, 50, 51, 64, 200, 1000]) {
      const shapes = [
        Array.from({ length: n }, (_, i) => n - i),
        Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
        Array.from({ length: n }, (_, i) => i % 7),
        Array.from({ length: n }, () => 5),
      ];
      for (const keys of shapes) expect(sortedKeys(run(keys, pdqsortAll).xs)).toBe(true);
    }
  });

  it('is the insertion sort on 12 elements or fewer: the same swaps in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 12 }), (keys) => {
        const insertion = (d: SortData, n: number) => {
          for (let i = 1; i < n; i++)
            for (let j = i; j > 0 && d.less(j, j - 1); j--) d.swap(j, j - 1);
        };
        expect(run(keys, pdqsortAll).swaps).toEqual(run(keys, insertion).swaps);
      }),
    );
  });
});

describe('Go’s stable sort (insertion-sorted blocks of 20, merged by SymMerge), ported', () => {
  it('sorts every input and keeps equal elements in their first order', () => {
    fc.assert(
      fc.property(arrays, (keys) => {
        const { xs } = run(keys, stable);
        expect(sortedKeys(xs)).toBe(true);
        for (let i = 1; i < xs.length; i++) {
          const [k0, i0] = xs[i - 1] as readonly [number, number];
          const [k1, i1] = xs[i] as readonly [number, number];
          if (k0 === k1) expect(i0).toBeLessThan(i1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
