/**
 * Names for locks and wait groups as the learner sees them: the field or variable they were
 * first reached by (`mu`), made unique when several share one (`mu`, `mu (2)`), in the
 * order they were created.
 */
import type { Machine } from './machine';
import { K } from './values';

const FALLBACK: Partial<Record<K, string>> = {
  [K.Mutex]: 'mutex',
  [K.RWMutex]: 'rw',
  [K.WaitGroup]: 'wg',
  [K.Cond]: 'cond',
};

export function displayNames(m: Machine): Map<number, string> {
  const out = new Map<number, string>();
  const count = new Map<string, number>();
  const inner = new Set<number>();
  for (const o of m.h) if (o && o.k === K.RWMutex) inner.add(o.w);
  m.h.forEach((o, id) => {
    if (!o || inner.has(id)) return;
    if (o.k !== K.Mutex && o.k !== K.RWMutex && o.k !== K.WaitGroup && o.k !== K.Cond) return;
    const base = o.name || FALLBACK[o.k] || 'lock';
    const n = (count.get(base) ?? 0) + 1;
    count.set(base, n);
    out.set(id, n === 1 ? base : `${base} (${n})`);
  });
  return out;
}
