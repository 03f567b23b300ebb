import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Heap } from './heap';
import { K, Role, type Obj } from './values';
import { T } from '../lang/types';

const obj = (n: number): Obj => ({ k: K.Slots, ep: 0, role: Role.Box, t: T.int, s: [n], name: '' });
const contents = (h: Heap) => [...h].map((o) => (o.k === K.Slots ? o.s[0] : null));

describe('the heap', () => {
  it('is shared by forks until one writes a slot, and then only that chunk is copied', () => {
    const a = new Heap();
    for (let i = 0; i < 100; i++) a.push(obj(i), 1);
    const b = new Heap(a);
    // (a fork: the machine and its copy both take new epochs)
    b.set(40, obj(-40), 3);
    a.set(41, obj(-41), 2);
    expect(contents(a).slice(39, 43)).toEqual([39, 40, -41, 42]);
    expect(contents(b).slice(39, 43)).toEqual([39, -40, 41, 42]);
    // each holds its list of 4 chunks and the one chunk it copied, nothing more
    expect(b.ownBytes(3)).toBe(16 * 4 + 8 * 32);
    expect(a.get(100)).toBeUndefined();
  });

  it('behaves like an array per machine, whatever the forks, writes and additions', () => {
    // ops on a family of heaps: fork one, write a slot, or add an object; each heap checked
    // against a plain array
    const op = fc.oneof(
      fc.record({ t: fc.constant('fork' as const), from: fc.nat() }),
      fc.record({ t: fc.constant('set' as const), at: fc.nat(), slot: fc.nat() }),
      fc.record({
        t: fc.constant('push' as const),
        at: fc.nat(),
        n: fc.integer({ min: 1, max: 40 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let epoch = 1;
        const heaps: { h: Heap; ep: number; model: number[] }[] = [
          { h: new Heap(), ep: epoch, model: [] },
        ];
        let next = 1;
        for (const o of ops) {
          const x = heaps[(o.t === 'fork' ? o.from : o.at) % heaps.length] as (typeof heaps)[0];
          if (o.t === 'fork') {
            // as Machine.fork does: both take new epochs
            x.ep = ++epoch;
            heaps.push({ h: new Heap(x.h), ep: ++epoch, model: x.model.slice() });
          } else if (o.t === 'set') {
            if (x.model.length === 0) continue;
            const id = o.slot % x.model.length;
            x.h.set(id, obj(next), x.ep);
            x.model[id] = next++;
          } else
            for (let i = 0; i < o.n; i++) {
              expect(x.h.push(obj(next), x.ep)).toBe(x.model.length);
              x.model.push(next++);
            }
        }
        for (const x of heaps) {
          expect(x.h.length).toBe(x.model.length);
          expect(contents(x.h)).toEqual(x.model);
        }
      }),
      { numRuns: 300 },
    );
  });
});
