/**
 * A canonical key for a machine state, for the explorer's visited set: two states that can
 * only behave the same way get the same key. Heap objects are numbered in the order they are
 * reached from the goroutines and globals, so the order in which goroutines happened to
 * allocate does not matter; bookkeeping kept only for the UI (lock holders, per-key
 * versions, step counters) is left out.
 */
import { typeString } from '../lang/types';
import type { Machine } from '../runtime/machine';
import { FnVal, Iface, K, Keys, Ref, Slice, type Value } from '../runtime/values';

export function stateKey(m: Machine): string {
  const ids = new Map<number, number>();
  const queue: number[] = [];
  const out: (string | number)[] = [];
  const obj = (id: number): number => {
    let n = ids.get(id);
    if (n === undefined) {
      n = ids.size;
      ids.set(id, n);
      queue.push(id);
    }
    return n;
  };
  const val = (v: Value): string | number => {
    if (v === null) return 'n';
    if (typeof v === 'number') return v;
    if (typeof v === 'string') return `s${JSON.stringify(v)}`;
    if (typeof v === 'boolean') return v ? 'T' : 'F';
    if (v instanceof Ref) return `r${obj(v.id)}.${v.f}`;
    if (v instanceof Slice) return `l${obj(v.b)}.${v.off}.${v.len}.${v.cap}`;
    if (v instanceof FnVal)
      return `f${v.fn}(${v.env ? v.env.map(val).join(',') : ''})${v.bound ? val(v.recv) : ''}`;
    if (v instanceof Iface) return `i${typeString(v.t, true)}:${val(v.v)}`;
    if (v instanceof Keys) return `k${v.keys.map((k) => String(k)).join(',')}`;
    return '?';
  };
  out.push(m.now, m.mapRng, JSON.stringify(m.stdout), JSON.stringify(m.stderr));
  for (const g of m.gs) {
    if (g.st === 'done') {
      out.push(`G${g.id}d`);
      continue;
    }
    out.push(
      `G${g.id}${g.st}${g.phase}${g.reason ?? ''}${g.wake}/${g.waitStart}${g.handoff ? 'h' : ''}${g.panic ? `p${g.panic.recovered}${g.panic.text}` : ''}`,
    );
    for (const fr of g.fr) {
      out.push(`F${fr.f.id}@${fr.pc}m${fr.mode}${fr.isDefer ? 'd' : ''}`);
      for (const v of fr.L) out.push(val(v));
      out.push('|');
      for (const v of fr.S) out.push(val(v));
      if (fr.D) for (const d of fr.D) out.push(`D${val(d.fn)}(${d.args.map(val).join(',')})`);
      if (fr.ret) out.push(`R${fr.ret.map(val).join(',')}`);
    }
  }
  for (const v of m.globals) out.push(val(v));
  for (const id of m.timers) out.push(`t${obj(id)}`);
  for (let i = 0; i < queue.length; i++) {
    const o = m.get(queue[i] as number);
    switch (o.k) {
      case K.Slots:
        out.push(`S${o.role}`, ...o.s.map(val));
        break;
      case K.Map: {
        out.push(`M${o.writing ? 'w' : ''}`);
        for (const [k, v] of o.m) out.push(val(k), val(v));
        break;
      }
      case K.Mutex:
        out.push(
          `X${o.locked ? 'l' : ''}${o.woken ? 'w' : ''}${o.starving ? 's' : ''}${o.q.join(',')}`,
        );
        break;
      case K.RWMutex:
        out.push(
          `W${obj(o.w)}.${o.readerCount}.${o.readerWait}.${o.readerSem}.${o.writerSem}.${o.readerQ.join(',')}.${o.writerQ.join(',')}`,
        );
        break;
      case K.WaitGroup:
        out.push(`Q${o.n}.${o.q.join(',')}`);
        break;
      case K.Ctx:
        out.push(`C${o.kind}${val(o.err)}${o.deadline}`, ...o.children.map((c) => obj(c)));
        break;
    }
  }
  return out.join(' ');
}

/** FNV-1a over a string: output is part of the state, but only its identity matters. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return (h ^ s.length) >>> 0;
}
