/**
 * A Go map's entries (Entries) answer as a JS Map would, in small maps (arrays) and large ones
 * (a Map inside), across growth, deletion and clearing, and a copy is independent of the
 * map it was copied from, whichever of the two changes afterwards (copy-on-write depends on it;
 * the two share their arrays until one of them changes).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Entries } from './entries';
import type { MapKey, Value } from './values';

type Op =
  | { readonly k: 'set'; readonly key: MapKey; readonly v: number }
  | { readonly k: 'delete'; readonly key: MapKey }
  | { readonly k: 'clear' }
  /** copy, then go on changing the copy (or the original, keeping the copy as it is) */
  | { readonly k: 'copy'; readonly changeOriginal: boolean };

// keys from a small pool, so that sets overwrite and deletes hit; NaN and ±0 as a Map has them
const key: fc.Arbitrary<MapKey> = fc.oneof(
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom(Number.NaN, 0, -0, 0.5),
  fc.constantFrom('a', 'b', '', 'long key'),
  fc.boolean(),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('set' as const), key, v: fc.integer() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('delete' as const), key }) },
  { weight: 1, arbitrary: fc.constant({ k: 'clear' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('copy' as const), changeOriginal: fc.boolean() }),
  },
);

/** Everything Entries tells about its contents, in a form to compare with a Map's. */
function view(m: Entries | Map<MapKey, Value>, probes: readonly MapKey[]): unknown {
  const each: [MapKey, Value][] = [];
  m.forEach((v, k) => each.push([k, v]));
  return {
    size: m.size,
    entries: [...m],
    keys: [...m.keys()],
    values: [...m.values()],
    each,
    got: probes.map((k) => [m.has(k), m.get(k)]),
  };
}

describe('a map’s entries', () => {
  it('answer as a Map does, through any sequence of changes and copies', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        let e = new Entries();
        let m = new Map<MapKey, Value>();
        // copies taken along the way, each with the Map it must still equal
        const kept: [Entries, Map<MapKey, Value>][] = [];
        const probes: MapKey[] = [1, 2, 39, Number.NaN, -0, 'a', '', true];
        for (const o of ops) {
          if (o.k === 'set') {
            expect(e.set(o.key, o.v)).toBe(e);
            m.set(o.key, o.v);
          } else if (o.k === 'delete') expect(e.delete(o.key)).toBe(m.delete(o.key));
          else if (o.k === 'clear') {
            e.clear();
            m.clear();
          } else {
            const copy = new Entries(e);
            const copied = new Map(m);
            if (o.changeOriginal) kept.push([copy, copied]);
            else {
              kept.push([e, m]);
              e = copy;
              m = copied;
            }
          }
          expect(view(e, probes)).toEqual(view(m, probes));
        }
        for (const [ke, km] of kept) expect(view(ke, probes)).toEqual(view(km, probes));
      }),
      { numRuns: 300 },
    );
  });

  it('keep their order when they grow past the small size and when one is deleted', () => {
    const e = new Entries();
    for (let i = 0; i < 40; i++) e.set(`k${i}`, i);
    e.delete('k3');
    e.set('k3', 3);
    e.set('k0', 100);
    const keys = [...e.keys()];
    expect(keys[0]).toBe('k0');
    expect(keys.at(-1)).toBe('k3');
    expect(keys).toHaveLength(40);
    expect(e.get('k0')).toBe(100);
  });
});
