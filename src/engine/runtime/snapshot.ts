/**
 * An immutable picture of a machine for the UI: goroutines with their state, wait reason and
 * line; every lock with its owner, queues and Go's counters; every map with its entries and
 * its writing flag. Built once per animation frame, never while a step runs.
 */
import type { Pos } from '../lang/source';
import type { FuncCode } from '../lang/code';
import type { WaitReason } from './events';
import { keyPointer } from './keys';
import { SYNC_MAP_TYPE, type Machine, type Outcome } from './machine';
import { FnVal, Iface, K, Keys, Ref, Role, Slice, type MapObj, type Value } from './values';
import { slotType, typeString, under, type Type } from '../lang/types';
import { condType, isAtomicType } from '../lang/stdlib';
import { formatValue, shownValue } from './fmt';
import { displayNames } from './names';

export type GoroutineState = 'running' | 'runnable' | 'blocked' | 'sleeping' | 'done' | 'crashed';

export interface GoroutineView {
  readonly id: number;
  /** the function it was started with, as Go names it (`main.main.func1`) */
  readonly fn: string;
  /** what it is running now: the innermost function of your program (`CreateJob`) */
  readonly current: string;
  readonly state: GoroutineState;
  readonly reason: WaitReason | null;
  /** the lock or wait group it waits on (heap id), or -1 */
  readonly waitingOn: number;
  /** when it wakes (virtual ns), for sleepers */
  readonly wakeAt: number;
  readonly pos: Pos;
  /** the next sub-step, named (`mu.Lock: try the fast path`) */
  readonly next: string;
  readonly frames: readonly { readonly fn: string; readonly line: number }[];
  readonly steps: number;
}

export interface LockView {
  readonly id: number;
  readonly name: string;
  readonly kind: 'mutex' | 'rwmutex';
  /** who holds it for writing (Go does not track this; Interleave does, to explain), or 0 */
  readonly owner: number;
  readonly locked: boolean;
  readonly starving: boolean;
  readonly woken: boolean;
  /** the waiter Unlock woke, still to retry (a goroutine arriving now may overtake it), or 0 */
  readonly wokenG: number;
  /** goroutines waiting for the (writer) mutex, head first */
  readonly queue: readonly number[];
  /** RWMutex: goroutines holding read locks */
  readonly readers: readonly number[];
  /** RWMutex: the writer that has announced itself and waits for readers to leave, or 0 */
  readonly pendingWriter: number;
  /** RWMutex: readers held back by a pending or active writer */
  readonly readerQueue: readonly number[];
  readonly readerCount: number;
  readonly readerWait: number;
}

export interface MapEntryView {
  readonly key: string;
  readonly value: string;
  /** the goroutine that wrote it last */
  readonly writer: number;
}

export interface MapView {
  readonly id: number;
  readonly name: string;
  readonly entries: readonly MapEntryView[];
  readonly writing: boolean;
  /** who set the writing flag, or 0 */
  readonly writer: number;
  /** a sync.Map (whose methods are steps of their own: no writing flag) */
  readonly sync: boolean;
}

export interface WaitGroupView {
  readonly id: number;
  readonly name: string;
  readonly counter: number;
  readonly waiters: readonly number[];
}

/** A sync.Cond: the lock its L is, and the goroutines asleep in Wait, in the order they went. */
export interface CondView {
  /** its notify list's heap id (what a waiting goroutine's waitingOn names) */
  readonly id: number;
  readonly name: string;
  /** the name of the lock L is ('' if L is not a Mutex or an RWMutex) */
  readonly locker: string;
  readonly waiters: readonly number[];
  /** tickets taken by Wait, and how many of them Signal and Broadcast have notified */
  readonly tickets: number;
  readonly notified: number;
}

/** A channel: its buffer, whether it is closed, and the goroutines parked on it, in order. */
export interface ChanView {
  readonly id: number;
  readonly name: string;
  /** its type as Go writes it: `chan main.Job`, `<-chan int` */
  readonly type: string;
  readonly cap: number;
  /** the values in its buffer, head first, as fmt prints them */
  readonly buffer: readonly string[];
  readonly closed: boolean;
  readonly senders: readonly number[];
  readonly receivers: readonly number[];
  /**
   * a timer's or a ticker's channel: when it next gets the time (virtual ns; null: stopped
   * or fired), its interval (a ticker's; else 0), and whether a time it got waits to be
   * received; null for other channels
   */
  readonly timer: {
    readonly next: number | null;
    readonly every: number;
    readonly kept: boolean;
  } | null;
}

export interface Snapshot {
  readonly step: number;
  readonly now: number;
  readonly outcome: Outcome | null;
  readonly goroutines: readonly GoroutineView[];
  readonly runnable: readonly number[];
  readonly locks: readonly LockView[];
  readonly maps: readonly MapView[];
  readonly waitGroups: readonly WaitGroupView[];
  readonly conds: readonly CondView[];
  readonly chans: readonly ChanView[];
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr as a terminal shows them: interleaved in the order they were written */
  readonly transcript: readonly OutputRun[];
  /** variables of a basic type that more than one goroutine can reach (see sharedVars) */
  readonly vars: readonly VarView[];
}

export interface VarView {
  /** unique among the views (a heap id, and a field for a struct's field) */
  readonly key: string;
  readonly name: string;
  /** its Go type: int64, string, atomic.Int64... */
  readonly type: string;
  /** its value as Go source would write it */
  readonly value: string;
}

/** More shared variables than a panel can show are left out (the first ones by heap order). */
const MAX_VARS = 12;

/**
 * The variables goroutines may update together, for the UI: package-level variables of a
 * basic type, local variables written from a goroutine's closure or through a pointer
 * (`count++` in a `go func`, `atomic.AddInt64(&n, 1)`; see Escapes.watched), sync/atomic
 * values, and the fields of the structs the goroutines share (see sharedFields). A lost
 * update to one of them leaves no other trace on screen.
 */
export function sharedVars(m: Machine, live: ReadonlySet<number> = reachable(m)): VarView[] {
  const ids = new Set<number>();
  for (const v of m.globals) if (v instanceof Ref && v.f === 0) ids.add(v.id);
  const watched = (f: FuncCode, L: readonly Value[]) => {
    for (const slot of f.watch) {
      const v = L[slot];
      if (v instanceof Ref) ids.add(v.id);
    }
  };
  for (const g of m.gs) for (const fr of g.fr) watched(fr.f, fr.L);
  // main's, after it returned (the final count is the point)
  const main = m.prog.funcs[m.prog.main];
  if (main) watched(main, m.finalLocals);
  for (const id of live) {
    const o = m.get(id);
    if (o.k === K.Slots && isAtomicType(o.t)) ids.add(id);
  }
  const covered = new Set<number>();
  const fields = sharedFields(m, covered);
  const out: VarView[] = [];
  const count = new Map<string, number>();
  for (const id of [...ids].sort((a, b) => a - b)) {
    const o = m.get(id);
    if (o.k !== K.Slots || !o.name || covered.has(id)) continue;
    if (!isAtomicType(o.t) && (o.role !== Role.Box || under(o.t).k !== 'basic')) continue;
    const n = (count.get(o.name) ?? 0) + 1;
    count.set(o.name, n);
    const v = o.s[0] as Value;
    out.push({
      key: String(id),
      name: n === 1 ? o.name : `${o.name} (${n})`,
      type: typeString(o.t),
      value: varValue(m, v, o.t),
    });
    if (out.length === MAX_VARS) break;
  }
  for (const f of fields) if (out.length < MAX_VARS) out.push(f);
  return out;
}

/** A variable's value as Go source writes it (an atomic's, its value's). */
function varValue(m: Machine, v: Value, t: Type): string {
  if (isAtomicType(t)) {
    if (t.name === 'Bool') return String(v === true || v === 1);
    // (as its one field's type prints it: an atomic.Pointer's *T is &{…}, as fmt prints one)
    return formatValue(m, v, slotType(t, 0) ?? null, 'v');
  }
  return shownValue(m, v, t);
}

/**
 * The fields of a basic type of the structs that two goroutines or more point to, the globals
 * do, or a `go` statement handed over (`c.n` of a `c := &Counter{}` each goroutine uses; still
 * shown after the goroutines finish), named by the variable that points to it first (main's,
 * usually).
 */
function sharedFields(m: Machine, covered: Set<number>): VarView[] {
  const SHARED = -1;
  const structs = new Map<number, { name: string; who: Set<number> }>();
  const note = (x: Value | undefined, name: string | null, who: number) => {
    // (through a variable's box: a captured pointer)
    const v = m.unbox(x ?? null);
    if (!(v instanceof Ref) || v.f !== -1 || !name) return;
    const o = m.get(v.id);
    if (o.k !== K.Slots || o.role !== Role.Struct || isAtomicType(o.t)) return;
    let e = structs.get(v.id);
    if (!e) structs.set(v.id, (e = { name, who: new Set() }));
    e.who.add(who);
  };
  m.globals.forEach((v, i) => note(v, m.prog.globals[i]?.name ?? null, SHARED));
  const main = m.prog.funcs[m.prog.main];
  for (const g of m.gs)
    for (const fr of g.fr) fr.L.forEach((v, i) => note(v, fr.f.localNames[i] ?? null, g.id));
  if (main) m.finalLocals.forEach((v, i) => note(v, main.localNames[i] ?? null, 1));
  const out: VarView[] = [];
  for (const [id, e] of structs) {
    if (e.who.size < 2 && !e.who.has(SHARED) && !m.handedOff.has(id)) continue;
    const o = m.get(id);
    if (o.k !== K.Slots) continue;
    const u = under(o.t);
    if (u.k !== 'struct') continue;
    u.fields.forEach((field, f) => {
      const v = o.s[f] as Value;
      const ft = field.type;
      const inner = isAtomicType(ft) && v instanceof Ref ? m.get(v.id) : null;
      if (field.name === '_' || !(inner?.k === K.Slots || under(ft).k === 'basic')) return;
      // a library struct's plain fields are its workings (a Cond's checker), not the program's
      if (o.t.k === 'named' && o.t.pkg !== 'main' && !inner) return;
      // an atomic field is listed here under its struct's name, not again on its own
      if (inner && v instanceof Ref) covered.add(v.id);
      out.push({
        key: inner && v instanceof Ref ? String(v.id) : `${id}.${f}`,
        name: `${e.name}.${field.name}`,
        type: typeString(ft),
        value: varValue(m, inner?.k === K.Slots ? (inner.s[0] as Value) : v, ft),
      });
    });
  }
  return out;
}

export interface OutputRun {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** The machine's output as runs of one stream each, in the order they were written. */
export function transcript(m: Machine): OutputRun[] {
  const out: OutputRun[] = [];
  let o = 0;
  let e = 0;
  for (const n of m.outputOrder) {
    if (n > 0) out.push({ stream: 'stdout', text: m.stdout.slice(o, (o += n)) });
    else out.push({ stream: 'stderr', text: m.stderr.slice(e, (e -= n)) });
  }
  return out;
}

/** `main.(*Store).CreateJob` -> `CreateJob`; closures keep Go's name: `main.main.func1` -> `main.func1`. */
function shortName(fn: string): string {
  const closure = /\.(func\d+(?:\.\d+)*)$/.exec(fn);
  const base = fn.replace(/\.func\d+(\.\d+)*$/, '');
  const name = /\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(base)?.[1] ?? base;
  return closure ? `${name}.${closure[1]}` : name;
}

/** Heap objects reachable from the program's roots (so copies that died are not drawn). */
function reachable(m: Machine): Set<number> {
  const seen = new Set<number>();
  const stack: number[] = [];
  const visit = (v: Value) => {
    if (v instanceof Ref) stack.push(v.id);
    else if (v instanceof Slice) stack.push(v.b);
    else if (v instanceof Iface) visit(v.v);
    else if (v instanceof FnVal) {
      v.env?.forEach(visit);
      if (v.bound) visit(v.recv);
    } else if (v instanceof Keys) return;
  };
  m.globals.forEach(visit);
  m.finalLocals.forEach(visit);
  for (const g of m.gs)
    for (const fr of g.fr) {
      fr.L.forEach(visit);
      fr.S.forEach(visit);
      fr.D?.forEach((d) => {
        visit(d.fn);
        d.args.forEach(visit);
      });
    }
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    const o = m.get(id);
    if (o.k === K.Slots) o.s.forEach(visit);
    else if (o.k === K.Map)
      for (const [k, v] of o.m) {
        visit(v);
        // (a pointer key reaches what it points to)
        const p = keyPointer(k);
        if (p) visit(p[1]);
      }
    else if (o.k === K.RWMutex) stack.push(o.w);
    else if (o.k === K.Chan) {
      o.buf.forEach(visit);
      o.sendv.forEach(visit);
      o.dv.forEach(visit);
    } else if (o.k === K.Ctx) {
      if (o.parent >= 0) stack.push(o.parent);
      if (o.done >= 0) stack.push(o.done);
      visit(o.err);
      visit(o.dcause);
      o.kv?.forEach(visit);
    }
  }
  return seen;
}

export function snapshot(m: Machine): Snapshot {
  const goroutines: GoroutineView[] = m.gs.map((g) => {
    const frames = m.traceback(g).map((f) => ({ fn: f.fn, line: f.pos.line }));
    const next = g.fr.length > 0 ? m.nextStep(g.id) : null;
    let state: GoroutineState = g.st;
    if (g.st === 'runnable' && g.id === m.lastG && !m.outcome) state = 'running';
    return {
      id: g.id,
      fn: g.fn,
      current: shortName(frames[0]?.fn ?? g.fn),
      state,
      reason: g.reason,
      waitingOn: g.waitObj,
      wakeAt: g.st === 'sleeping' ? g.wake : 0,
      pos: next?.pos ?? { line: 0, col: 0 },
      next: next?.label ?? (g.st === 'done' ? 'finished' : ''),
      frames,
      steps: g.steps,
    };
  });
  const live = reachable(m);
  const names = displayNames(m);
  const inner = new Set<number>();
  for (const id of live) {
    const o = m.get(id);
    if (o.k === K.RWMutex) inner.add(o.w);
  }
  const locks: LockView[] = [];
  const maps: MapView[] = [];
  const waitGroups: WaitGroupView[] = [];
  const conds: CondView[] = [];
  const chans: ChanView[] = [];
  // a Cond's L, by its notify list: what the Cond struct holds beside it
  const lockers = new Map<number, number>();
  for (const id of live) {
    const o = m.get(id);
    if (o.k !== K.Slots || o.t !== condType) continue;
    const [, l, n] = o.s;
    if (n instanceof Ref && l instanceof Iface && l.v instanceof Ref) lockers.set(n.id, l.v.id);
  }
  for (const id of [...live].sort((a, b) => a - b)) {
    const o = m.get(id);
    if (o.k === K.Mutex && !inner.has(id)) {
      locks.push({
        id,
        name: names.get(id) ?? 'mutex',
        kind: 'mutex',
        owner: o.locked ? o.holder : 0,
        locked: o.locked,
        starving: o.starving,
        woken: o.woken,
        wokenG: o.woken ? (o.wokenG ?? 0) : 0,
        queue: o.q.slice(),
        readers: [],
        pendingWriter: 0,
        readerQueue: [],
        readerCount: 0,
        readerWait: 0,
      });
    } else if (o.k === K.RWMutex) {
      const w = m.get(o.w);
      const wq = w.k === K.Mutex ? w.q.slice() : [];
      // a writer that announced itself (readerCount < 0) and waits for the readers to leave
      const pending =
        o.writer === 0 && o.readerCount < 0
          ? (o.writerQ[0] ?? (w.k === K.Mutex ? w.holder : 0))
          : 0;
      locks.push({
        id,
        name: names.get(id) ?? 'rw',
        kind: 'rwmutex',
        owner: o.writer,
        locked: o.writer !== 0 || o.readers.length > 0,
        starving: w.k === K.Mutex && w.starving,
        woken: w.k === K.Mutex && w.woken,
        wokenG: w.k === K.Mutex && w.woken ? (w.wokenG ?? 0) : 0,
        queue: wq,
        readers: o.readers.slice(),
        pendingWriter: pending,
        readerQueue: o.readerQ.slice(),
        readerCount: o.readerCount,
        readerWait: o.readerWait,
      });
    } else if (o.k === K.Map) {
      maps.push(mapView(m, id, o));
    } else if (o.k === K.WaitGroup) {
      waitGroups.push({ id, name: names.get(id) ?? 'wg', counter: o.n, waiters: o.q.slice() });
    } else if (o.k === K.Chan) {
      const elem = under(o.t);
      chans.push({
        id,
        name: names.get(id) ?? (o.name || 'ch'),
        type: typeString(o.t, true),
        cap: o.cap,
        buffer: o.buf.map((v) => shownValue(m, v, elem.k === 'chan' ? elem.elem : null)),
        closed: o.closed,
        senders: o.sendq.slice(),
        receivers: o.recvq.slice(),
        timer: o.timer
          ? { next: o.fireAt < Infinity ? o.fireAt : null, every: o.period, kept: o.buf.length > 0 }
          : null,
      });
    } else if (o.k === K.Cond) {
      const l = lockers.get(id);
      conds.push({
        id,
        name: names.get(id) ?? 'cond',
        locker: l === undefined ? '' : (names.get(l) ?? ''),
        waiters: o.q.slice(),
        tickets: o.wait,
        notified: o.notify,
      });
    }
  }
  return {
    step: m.steps,
    now: m.now,
    outcome: m.outcome,
    goroutines,
    runnable: m.outcome ? [] : m.runnable(),
    locks,
    maps,
    waitGroups,
    conds,
    chans,
    stdout: m.stdout,
    stderr: m.stderr,
    transcript: transcript(m),
    vars: sharedVars(m, live),
  };
}

function mapView(m: Machine, id: number, o: MapObj): MapView {
  const entries: MapEntryView[] = [...o.m].map(([k, v]) => ({
    key: m.showKey(k, o.t),
    value: m.show(v),
    writer: (o.ver.get(k) ?? 0) % 65536,
  }));
  return {
    id,
    name: o.name || 'map',
    entries,
    writing: o.writing,
    writer: o.writing ? o.writer : 0,
    sync: o.t === SYNC_MAP_TYPE,
  };
}

/** The names the picture gives its locks, maps, wait groups and Conds, by heap id. */
export function pictureNames(s: Snapshot): Map<number, string> {
  const out = new Map<number, string>();
  for (const list of [s.locks, s.maps, s.waitGroups, s.conds, s.chans])
    for (const o of list) out.set(o.id, o.name);
  return out;
}
