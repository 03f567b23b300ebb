/**
 * Which heap objects only one goroutine can reach. A step that touches nothing but objects
 * private to the goroutine taking it is invisible to every other goroutine, now and until the
 * goroutine publishes a reference (by writing it into something shared, or passing it to a
 * `go` statement: both visible steps), so the explorer merges it into the goroutine's move
 * like a step on local variables. A closure's captured variables are the common case: each
 * goroutine started in a loop gets its own, and reading them need not be interleaved.
 *
 * An object is shared when the globals reach it, a context timer does, or two goroutines do
 * (through their frames: locals, operand stack, deferred calls, results, and what they wait
 * on), directly or through other objects; private to g when only g reaches it; never
 * touched when nothing reaches it. Objects created after the map was made are private to the
 * goroutine that created them.
 */
import { under, type Type } from '../lang/types';
import type { Machine } from '../runtime/machine';
import { keyPointer } from '../runtime/keys';
import { FnVal, Iface, K, Ref, Slice, type Obj, type Value } from '../runtime/values';

const SCALAR_ELEMS = new WeakMap<Type, boolean>();

/** Can a map of type t hold references (else its values are numbers, strings or booleans)? */
function holdsReferences(t: Type): boolean {
  let r = SCALAR_ELEMS.get(t);
  if (r === undefined) {
    const u = under(t);
    r = !(u.k === 'map' && under(u.elem).k === 'basic');
    SCALAR_ELEMS.set(t, r);
  }
  return r;
}

/** Whether a map's keys may hold pointers: pointer keys, and interface keys. */
function pointerKeys(t: Type): boolean {
  const u = under(t);
  return u.k === 'map' && (under(u.key).k === 'ptr' || under(u.key).k === 'iface');
}

/** the mark of an object that more than one goroutine (or the globals) can reach */
export const SHARED = -1;

export class Owners {
  /** by heap id: 0 (nothing reaches it), SHARED, or the id of the one goroutine that does */
  mark = new Int32Array(256);
  /** objects numbered below this were marked; the others are newer */
  size = 0;
  private stack: number[] = [];
  private who: number[] = [];
  /** markCommonRoots' scratch, by heap id: the first goroutine to list it, when seenAt is stamp */
  private firstBy = new Int32Array(256);
  private seenAt = new Int32Array(256);
  private stamp = 0;

  /** the state whose objects are marked, as far as `phase` says */
  private m: Machine | null = null;
  /** 0: nothing marked yet; 1: what the globals and timers reach; 2: everything */
  private phase = 0;

  /**
   * What the globals and timers reached when last marked: the objects whose contents were
   * followed (as they were then: an object is copied before it is written, so the same object
   * means the same contents), and every object reached. Another state whose globals, timers
   * and followed objects are the same reaches the same objects; most steps change none of
   * them, so most states need no walk from the globals.
   */
  private reach: GlobalReach | null = null;
  /**
   * while marking from the globals or the common roots: where `drain` records what it follows
   * and reaches
   */
  private recording: Reach | null = null;
  /**
   * What the common roots (markCommonRoots) reached when last marked, as `reach` is for the
   * globals: another state with the same roots, the same marks from the globals and the same
   * followed objects gets the same marks (a store every goroutine holds is reached through
   * every one of its objects, which most moves leave as they were).
   */
  private common: CommonReach | null = null;
  /** markCommonRoots' scratch: the objects found shared, in the order found */
  private roots: number[] = [];
  private nRoots = 0;

  /**
   * Mark the objects of m when they are first asked about (`privateTo`): most steps touch
   * what the globals reach, which is quick to mark, and need no walk of every goroutine.
   */
  prepare(m: Machine): void {
    this.m = m;
    this.size = m.h.length;
    this.phase = 0;
  }

  /** Mark the objects of m now. */
  compute(m: Machine): void {
    this.prepare(m);
    this.markShared(m);
    this.markGoroutines(m);
  }

  private markShared(m: Machine): void {
    const n = this.size;
    if (this.mark.length < n) this.mark = new Int32Array(n * 2);
    this.mark.fill(0, 0, n);
    this.phase = 1;
    const r = this.reach;
    if (r && r.globals === m.globals && r.timers === m.timers && sameObjects(m, r)) {
      this.markAsBefore(r);
      return;
    }
    const next = {
      globals: m.globals,
      timers: m.timers,
      followed: [],
      followedIds: [],
      shared: [],
    };
    this.reach = next;
    this.recording = next;
    for (const v of m.globals) this.value(v, SHARED);
    for (const id of m.timers) this.object(id, SHARED);
    this.drain(m);
    this.recording = null;
  }

  /** Mark shared what a record says its walk reached (objects newer than this state aside). */
  private markAsBefore(r: Reach): void {
    const n = this.size;
    for (const id of r.shared) if (id < n) this.mark[id] = SHARED;
  }

  private markGoroutines(m: Machine): void {
    this.markCommonRoots(m);
    for (const g of m.gs) {
      if (g.st === 'done' || g.st === 'crashed') continue;
      if (g.waitObj >= 0) this.object(g.waitObj, g.id);
      const walk = g.walk;
      if (walk) {
        // the state hash has listed the objects its frames refer to (./key.ts)
        for (let i = 2; i < walk.length; i++) this.object(walk[i] as number, g.id);
        this.drain(m);
        continue;
      }
      for (const fr of g.fr) {
        this.values(fr.L, g.id);
        this.values(fr.S, g.id);
        if (fr.D)
          for (const d of fr.D) {
            this.value(d.fn, g.id);
            this.values(d.args, g.id);
          }
        if (fr.ret) this.values(fr.ret, g.id);
      }
      this.drain(m);
    }
    this.phase = 2;
  }

  /**
   * Mark shared, first, the objects that two goroutines refer to from their frames or wait on
   * (as the state hash listed them). The marks come out the same without this, but an object
   * first reached from one goroutine is marked as its, and everything it reaches with it, and
   * all of that again as shared when a second goroutine reaches it: a store that every
   * goroutine holds would be walked twice, whole, for each state.
   */
  private markCommonRoots(m: Machine): void {
    const n = this.size;
    if (this.firstBy.length < n) {
      this.firstBy = new Int32Array(n * 2);
      this.seenAt = new Int32Array(n * 2);
    }
    const stamp = ++this.stamp;
    this.nRoots = 0;
    for (const g of m.gs) {
      if (g.st === 'done' || g.st === 'crashed') continue;
      if (g.waitObj >= 0) this.noteRoot(g.waitObj, g.id, stamp);
      const walk = g.walk;
      if (walk) for (let i = 2; i < walk.length; i++) this.noteRoot(walk[i] as number, g.id, stamp);
    }
    const roots = this.roots;
    const nr = this.nRoots;
    // the same roots as last time, over the same objects: the same marks (see CommonReach)
    const c = this.common;
    if (c && c.globals === this.reach && sameRoots(c.roots, roots, nr) && sameObjects(m, c)) {
      this.markAsBefore(c);
      return;
    }
    const next: CommonReach = {
      globals: this.reach,
      roots: roots.slice(0, nr),
      followed: [],
      followedIds: [],
      shared: [],
    };
    this.common = next;
    this.recording = next;
    for (let i = 0; i < nr; i++) this.object(roots[i] as number, SHARED);
    this.drain(m);
    this.recording = null;
  }

  /**
   * Goroutine g refers to object id: a root of what is shared if another did before (see
   * markCommonRoots), listed once.
   */
  private noteRoot(id: number, g: number, stamp: number): void {
    if (id >= this.size) return;
    if (this.seenAt[id] !== stamp) {
      this.seenAt[id] = stamp;
      this.firstBy[id] = g;
    } else if (this.firstBy[id] !== g && this.firstBy[id] !== LISTED) {
      this.firstBy[id] = LISTED;
      this.roots[this.nRoots++] = id;
    }
  }

  /** Is heap object id private to goroutine g? */
  privateTo(id: number, g: number): boolean {
    if (id >= this.size) return true;
    if (this.phase < 2) {
      const m = this.m as Machine;
      if (this.phase === 0) this.markShared(m);
      if (this.mark[id] === SHARED || this.otherRefers(m, id, g)) return false;
      this.markGoroutines(m);
    }
    return this.mark[id] === g;
  }

  /**
   * Does a goroutine other than g refer to object id from its frames or wait on it (as the
   * state hash listed them)? Then id is not private to g, whatever else reaches it.
   */
  private otherRefers(m: Machine, id: number, g: number): boolean {
    for (const o of m.gs) {
      if (o.id === g || o.st === 'done' || o.st === 'crashed') continue;
      if (o.waitObj === id) return true;
      const walk = o.walk;
      if (walk) for (let i = 2; i < walk.length; i++) if (walk[i] === id) return true;
    }
    return false;
  }

  private values(vs: readonly Value[], who: number): void {
    for (let i = 0; i < vs.length; i++) this.value(vs[i] as Value, who);
  }

  private value(v: Value, who: number): void {
    if (v === null || typeof v !== 'object') return;
    if (v instanceof Ref) this.object(v.id, who);
    else if (v instanceof Slice) this.object(v.b, who);
    else if (v instanceof FnVal) {
      if (v.env) this.values(v.env, who);
      if (v.bound) this.value(v.recv, who);
    } else if (v instanceof Iface) this.value(v.v, who);
  }

  /** Note that `who` reaches object id (its contents are marked by `drain`). */
  private object(id: number, who: number): void {
    const cur = this.mark[id] as number;
    if (cur === SHARED || cur === who) return;
    this.mark[id] = cur === 0 ? who : SHARED;
    this.recording?.shared.push(id);
    this.stack.push(id);
    this.who.push(this.mark[id] as number);
  }

  /** Mark what the objects noted reach, as they are marked. */
  private drain(m: Machine): void {
    while (this.stack.length > 0) {
      const id = this.stack.pop() as number;
      const who = this.who.pop() as number;
      // a later mark (SHARED) supersedes this one, and was pushed too
      if (this.mark[id] !== who) continue;
      const o = m.h.get(id) ?? null;
      // (only what `follows` says: the record of what was followed must be all of it)
      if (!follows(o)) continue;
      if (this.recording) {
        this.recording.followed.push(o);
        this.recording.followedIds.push(id);
      }
      if (!o) continue;
      switch (o.k) {
        case K.Slots:
          this.values(o.s, who);
          break;
        case K.Map:
          if (holdsReferences(o.t)) for (const v of o.m.values()) this.value(v, who);
          // (a pointer key reaches what it points to)
          if (pointerKeys(o.t))
            for (const k of o.m.keys()) {
              const p = keyPointer(k);
              if (p) this.value(p[1], who);
            }
          break;
        case K.RWMutex:
          this.object(o.w, who);
          break;
        case K.Chan:
          // the values in its buffer, and those parked senders and woken receivers hold
          this.values(o.buf, who);
          this.values(o.sendv, who);
          this.values(o.dv, who);
          break;
        case K.Ctx:
          if (o.parent >= 0) this.object(o.parent, who);
          if (o.done >= 0) this.object(o.done, who);
          for (const c of o.children) this.object(c, who);
          this.value(o.err, who);
          this.value(o.cause, who);
          this.value(o.dcause, who);
          if (o.kv) this.values(o.kv, who);
          break;
        default:
          break;
      }
    }
  }
}

/** What a walk for the shared marks reached in one state. */
interface Reach {
  /** the objects whose contents were followed, as they were, and their heap ids */
  readonly followed: (Obj | null)[];
  readonly followedIds: number[];
  /** every object reached */
  readonly shared: number[];
}

/** What the globals and timers reached in one state (see Owners.reach). */
interface GlobalReach extends Reach {
  readonly globals: readonly Value[];
  readonly timers: readonly number[];
}

/** What the common roots reached in one state, after the globals' marks (see Owners.common). */
interface CommonReach extends Reach {
  /** the marks from the globals it was made after */
  readonly globals: GlobalReach | null;
  readonly roots: readonly number[];
}

/** a markCommonRoots' `firstBy` for an object already listed as a root (no goroutine is 0) */
const LISTED = 0;

function sameRoots(a: readonly number[], b: readonly number[], n: number): boolean {
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether `drain` looks inside o (its contents can refer to other objects); a missing object
 * counts, so that one appearing later is noticed.
 */
function follows(o: Obj | null): boolean {
  if (!o) return true;
  switch (o.k) {
    case K.Slots:
    case K.RWMutex:
    case K.Ctx:
    case K.Chan:
      return true;
    case K.Map:
      return holdsReferences(o.t) || pointerKeys(o.t);
    default:
      return false;
  }
}

/** m holds the objects a walk followed, unchanged. */
function sameObjects(m: Machine, r: Reach): boolean {
  const ids = r.followedIds;
  for (let i = 0; i < ids.length; i++) {
    const o = m.h.get(ids[i] as number) ?? null;
    const was = r.followed[i] ?? null;
    // (a map reaches what its entries hold: a copy made to flip its writing flag, with the
    // same entries, reaches the same objects; a map write flips it twice)
    if (o !== was && !(o?.k === K.Map && was?.k === K.Map && o.m === was.m)) return false;
  }
  return true;
}
