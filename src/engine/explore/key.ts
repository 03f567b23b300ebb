/**
 * A canonical key for a machine state, for the explorer's visited set: two states that can
 * only behave the same way get the same key. Heap objects are numbered in the order they are
 * reached from the goroutines and globals, so the order in which goroutines happened to
 * allocate does not matter; bookkeeping kept only for the UI (lock holders, per-key
 * versions, step counters) is left out.
 *
 * `StateHasher` is what the explorer uses: the same walk, fed into two independent 32-bit
 * hashes instead of a string (hash compaction, as SPIN's -DHC does), so a state costs a walk
 * over its live data and no allocation. Two different states collide with probability about
 * 2^-64 per pair: for ten million states, a chance of about 3 in a million that one state is
 * wrongly taken as already seen. Beyond `stateKey`, it sorts a map's entries when no
 * `range` can see their order, renames goroutines (see StateHasher), and under -race takes
 * in the detector's clocks and shadow memory, since two paths to one machine state can
 * differ there and only one of them may go on to report a race. `stateKey` is the readable
 * string form of the walk, for tests and debugging.
 */
import { typeString, type Type } from '../lang/types';
import { gIndexOf, type G, type Machine } from '../runtime/machine';
import type { Entries } from '../runtime/entries';
import { grown } from '../runtime/typed';
import { keyPointer } from '../runtime/keys';
import {
  FnVal,
  Iface,
  K,
  Keys,
  Ref,
  Slice,
  type MapKey,
  type SlotsObj,
  type Value,
} from '../runtime/values';

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
    if (typeof v === 'bigint') return `b${v}`;
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
  out.push(m.now, m.randState, JSON.stringify(m.stdout), JSON.stringify(m.stderr));
  out.push(`log${m.logger.flags}${JSON.stringify(m.logger.prefix)}p${m.procs}`);
  if (m.race) out.push(`race${m.race.count}`);
  for (const g of m.gs) {
    if (g.st === 'done') {
      out.push(`G${g.id}d`);
      continue;
    }
    out.push(
      `G${g.id}${g.st}${g.phase}${g.reason ?? ''}${g.wake}/${g.waitStart}${g.handoff ? 'h' : ''}${g.panic ? `p${g.panic.recovered}${g.panic.text}` : ''}r${g.ranges}`,
    );
    for (const fr of g.fr) {
      out.push(`F${fr.f.id}@${fr.pc}m${fr.mode}${fr.isDefer ? 'd' : ''}${fr.catches ? 'c' : ''}`);
      for (const v of fr.L) out.push(val(v));
      out.push('|');
      for (const v of fr.S) out.push(val(v));
      if (fr.D) for (const d of fr.D) out.push(`D${val(d.fn)}(${d.args.map(val).join(',')})`);
      if (fr.ret) out.push(`R${fr.ret.map(val).join(',')}`);
      if (fr.memo)
        out.push(`M${fr.memo.awaiting}:${fr.memo.done.map((r) => r.map(val).join(',')).join(';')}`);
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
        for (const [k, v] of o.m) {
          // (a key that holds a pointer is numbered as the object it points to is)
          const p = keyPointer(k);
          out.push(p ? `${JSON.stringify(p[0])}${val(p[1])}` : val(k), val(v));
        }
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
      case K.Cond:
        out.push(`N${o.wait}.${o.notify}.${o.q.join(',')}.${o.tq.join(',')}`);
        break;
      case K.Chan:
        out.push(
          `H${o.closed ? 'c' : ''}${o.cap}`,
          ...o.buf.map(val),
          `r${o.recvq.join(',')}s${o.sendq.join(',')}`,
          ...o.sendv.map(val),
          `d${o.dg.join(',')}`,
          ...o.dv.map(val),
          o.dok.join(','),
          o.dcase.join(','),
          m.race ? `x${o.sendx}.${o.recvx}` : '',
          o.timer ? `t${o.fireAt}p${o.period}` : '',
        );
        break;
      case K.Ctx:
        out.push(
          `C${o.kind}${val(o.err)}${val(o.cause)}${val(o.dcause)}${o.deadline}${o.kv ? o.kv.map(val).join(',') : ''}${o.done >= 0 ? `d${obj(o.done)}` : ''}`,
          ...o.children.map((c) => obj(c)),
        );
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

const G_STATE = { runnable: 1, blocked: 2, sleeping: 3, done: 4, crashed: 5 } as const;
const CTX_KIND = {
  background: 1,
  todo: 2,
  cancel: 3,
  timer: 4,
  value: 5,
  nocancel: 6,
  afterfunc: 7,
} as const;
/** the words that begin a value other than a small number or a reference (see val) */
const V_NULL = (0 << 3) | 1;
const V_FALSE = (1 << 3) | 1;
const V_TRUE = (2 << 3) | 1;
const V_NUMBER = (3 << 3) | 1;
const V_STRING = (4 << 3) | 1;
const V_FUNC = (5 << 3) | 1;
const V_IFACE = (6 << 3) | 1;
const V_KEYS = (7 << 3) | 1;
const V_OTHER = (8 << 3) | 1;
/** (a bound method's missing receiver: not a value's first word) */
const V_NONE = (9 << 3) | 1;
/** (a map's entries as a block: not a value's first word) */
const V_BLOCK = (10 << 3) | 1;
/** an integer past 2^53 (a bigint, see runtime/int64.ts): then its digits, as a string's */
const V_BIG = (11 << 3) | 1;
/** maps of at least this many entries may be hashed as a block (see StateHasher.block) */
const BLOCK_MIN = 8;
/** strings at least this long are hashed once and remembered (output, long messages) */
const CACHED_STRING = 48;
const STRING_CACHE_SIZE = 4096;
/** scalar-only heap objects with this many values or a string are hashed as a digest */
const DIGEST_MIN = 3;

const f64 = new Float64Array(1);
const f64words = new Int32Array(f64.buffer);

/**
 * The explorer's state hash: `hash(m)` walks the state as `stateKey` does and leaves two
 * 32-bit words in `a` and `b`. One hasher per search; it keeps scratch arrays between calls.
 *
 * It also factors out goroutine symmetry. A program cannot tell one goroutine from another
 * (Go gives them no identity it can see, and the explorer's outcomes are an exit code, a
 * first line and stdout), so two states that differ only in which goroutine is where behave
 * alike up to renaming. Goroutines other than main (whose return ends the program) are
 * walked in the order of a hash of their own state, and named by their place in that order
 * (their rank) wherever an id appears (wait queues); ties fall back to the id, which only
 * costs some sharing. `rank` and `byRank` give the renaming of the last state hashed.
 */
export class StateHasher {
  a = 0;
  b = 0;
  /** by goroutine index (gIndexOf): its rank in the last state hashed */
  rank = new Int32Array(32);
  /** by rank: the goroutine index */
  byRank = new Int32Array(32);

  private shapes = new Float64Array(32);
  /** heap objects numbered in the whole walk; their contents are walked after the goroutines */
  private readonly whole = new Numbering();
  /** heap objects numbered in one goroutine's own walk (see walkGoroutine), while inG */
  private readonly local = new Numbering();
  private inG = false;
  private final = false;
  /** the last entrySum's two words */
  private sumA = 0;
  private sumB = 0;
  private readonly strings = new Map<string, number>();
  private readonly types = new WeakMap<Type, number>();
  /** maps' entries in key order, as [key, value, key, value…], kept while they cannot change */
  private readonly sorted = new WeakMap<Entries, (MapKey | Value)[]>();
  /**
   * by heap id: the scalar-only object whose digest (two words) is kept, and the digest; the
   * object is compared by identity, since a copy-on-write copy gets the id
   */
  private readonly digested: (SlotsObj | undefined)[] = [];
  private digestA = new Int32Array(256);
  private digestB = new Int32Array(256);
  /** maps' entries (kept in key order) that make a block, and the block (see block) */
  private readonly made = new WeakMap<readonly (MapKey | Value)[], Block>();
  /**
   * the places in the whole walk's order that blocks numbered in this walk, as pairs [from,
   * to): always after the map being walked, so in ascending order (see block)
   */
  private blocked = new Int32Array(16);
  private nBlocked = 0;
  private blockSeen = new Int32Array(256);
  private blockStamp = 0;

  /**
   * @param insertionOrder whether the order in which a map's entries were added can matter:
   *   only a `range` over a map shows it (fmt prints maps sorted, as Go does). When it cannot,
   *   entries are hashed in key order, so two goroutines writing in either order make one
   *   state, not two.
   * @param blocks whether a map's struct values may be hashed as one block (see block): only
   *   tests turn it off, to compare
   */
  constructor(
    private readonly insertionOrder = true,
    private readonly symmetry = true,
    private readonly blocks = true,
  ) {}

  /**
   * @param final the caller will not step m again (only fork it), so what is worked out about
   *   its goroutines can be kept with them now; otherwise only with goroutines m can no longer
   *   write (copy-on-write: a copy whose epoch is not its machine's is never written again)
   */
  hash(m: Machine, final = false): void {
    this.final = final;
    this.rename(m);
    this.a = 0x2545f491;
    this.b = 0x61c88647;
    this.whole.reset();
    this.nBlocked = 0;
    this.num(m.now);
    this.add(m.randState | 0);
    this.str(m.stdout);
    this.str(m.stderr);
    this.str(m.logger.prefix);
    // (the program may set flags beyond 16 bits, and read them back)
    this.small16(m.logger.flags, m.procs);
    this.small(m.race ? 1 : 0, 1, m.gs.length);
    if (m.race)
      m.race.digest(
        (x) => this.add(x),
        (t) => this.str(t),
      );
    for (let r = 0; r < m.gs.length; r++) {
      // (walked in rank order, so its rank is its place here and need not be fed; nor need
      // the number of heap objects it reaches, which its two words are a hash of)
      const g = m.gs[this.byRank[r] as number] as G;
      let w = g.walk;
      if (!w) {
        w = this.walkGoroutine(g);
        if (this.final || g.ep !== m.ep) g.walk = w;
      }
      this.add(w[0] as number);
      this.add(w[1] as number);
      for (let i = 2; i < w.length; i++) this.add(this.obj(w[i] as number));
    }
    this.vals(m.globals);
    this.add(m.timers.length);
    for (const id of m.timers) this.add(this.obj(id));
    this.objects(m);
    const n = this.whole.size;
    this.a = fmix32(this.a ^ n);
    this.b = fmix32(this.b ^ Math.imul(n, 0x9e3779b1));
  }

  /**
   * A goroutine's own part of the state, as [hash a, hash b, heap ids...]: its walk hashed
   * with the heap objects it reaches numbered by first appearance in this walk alone, and
   * those objects' heap ids in that order. The state's walk then feeds the hash and each
   * object's number in the whole walk: the same states are told apart as by one walk with
   * whole-walk numbers (which `stateKey` spells out), and a goroutine that did not move is
   * not walked again.
   */
  private walkGoroutine(g: G): number[] {
    const a = this.a;
    const b = this.b;
    this.inG = true;
    this.local.reset();
    this.a = 0x3c6ef372;
    this.b = 0x510e527f;
    this.walkG(g);
    this.inG = false;
    const n = this.local.size;
    // exactly sized: it is kept with the goroutine
    const out = new Array<number>(n + 2);
    out[0] = fmix32(this.a ^ n);
    out[1] = fmix32(this.b ^ Math.imul(n, 0x9e3779b1));
    for (let i = 0; i < n; i++) out[i + 2] = this.local.order[i] as number;
    this.a = a;
    this.b = b;
    return out;
  }

  private walkG(g: G): void {
    if (g.st === 'done') {
      this.small(G_STATE.done, 7, 0);
      return;
    }
    // (its state, and which of the optional parts follow, in 7 bits)
    const panic = g.panic ? (g.panic.recovered ? 2 : 1) : 0;
    const parts = G_STATE[g.st] | (g.handoff ? 8 : 0) | (panic << 4) | (g.reason !== null ? 64 : 0);
    this.small(parts, 7, g.phase);
    this.small16(g.ranges, g.fr.length);
    if (g.reason !== null) this.str(g.reason);
    if (g.panic) this.str(g.panic.text);
    this.num(g.wake);
    this.num(g.waitStart);
    for (const fr of g.fr) {
      this.add(fr.f.id);
      // (which of the optional parts follow, the mode, whether it runs a deferred call and
      // whether it catches panics for fmt)
      const parts =
        (fr.D ? 1 : 0) |
        (fr.ret ? 2 : 0) |
        (fr.memo ? 4 : 0) |
        (fr.isDefer ? 8 : 0) |
        (fr.mode << 4) |
        (fr.catches ? 64 : 0);
      this.small(parts, 7, fr.pc);
      // (a function's locals are as many as it declares: their number need not be fed)
      const L = fr.L;
      for (let i = 0; i < L.length; i++) this.val(L[i] as Value);
      this.vals(fr.S);
      if (fr.D) {
        this.add(fr.D.length);
        for (const d of fr.D) {
          this.val(d.fn);
          this.vals(d.args);
        }
      }
      if (fr.ret) this.vals(fr.ret);
      if (fr.memo) {
        this.add(fr.memo.awaiting);
        this.add(fr.memo.done.length);
        for (const r of fr.memo.done) this.vals(r);
      }
    }
  }

  private objects(m: Machine): void {
    // (obj() may add to the queue, and grow it, while this loop runs)
    let skip = 0;
    for (let i = 0; i < this.whole.size; i++) {
      // (objects a map's entries hold, walked with the map: see block)
      if (skip < this.nBlocked && i === this.blocked[2 * skip]) {
        i = (this.blocked[2 * skip + 1] as number) - 1;
        skip++;
        continue;
      }
      const o = m.get(this.whole.order[i] as number);
      // (each begins with a word holding its kind in its 3 low bits)
      switch (o.k) {
        case K.Slots: {
          const s = o.s;
          const id = this.whole.order[i] as number;
          if (this.digested[id] === o || this.digestible(s)) {
            // (its length with a 1 bit for a digest, a 0 bit for its values one by one)
            this.small(o.k | (o.role << 3), 5, (s.length << 1) | 1);
            this.digest(id, o, this.final || o.ep !== m.ep);
          } else {
            this.small(o.k | (o.role << 3), 5, s.length << 1);
            for (let j = 0; j < s.length; j++) this.val(s[j] as Value);
          }
          break;
        }
        case K.Map:
          this.small(o.k | (o.writing ? 8 : 0), 4, o.m.size);
          if (this.insertionOrder || o.m.size < 2) this.entries(m, o.m);
          else if (o.sumOf === o.m) {
            this.add(o.sumA);
            this.add(o.sumB);
          } else {
            // entries are changed in place only by the machine that owns them, before a fork:
            // what is worked out from them may be kept if they no longer can be
            const fixed = this.final || o.own !== m.ep;
            if (!this.entrySum(o.m)) this.entries(m, o.m, fixed);
            else if (fixed) {
              o.sumOf = o.m;
              o.sumA = this.sumA;
              o.sumB = this.sumB;
            }
          }
          break;
        case K.Mutex: {
          const flags = (o.locked ? 1 : 0) | (o.woken ? 2 : 0) | (o.starving ? 4 : 0);
          this.small(o.k | (flags << 3), 6, o.q.length);
          this.ranks(o.q);
          break;
        }
        case K.RWMutex:
          this.small(o.k, 3, 0);
          this.add(this.obj(o.w));
          this.add(o.readerCount);
          this.add(o.readerWait);
          this.add(o.readerSem);
          this.add(o.writerSem);
          this.goroutines(o.readerQ);
          this.goroutines(o.writerQ);
          break;
        case K.WaitGroup:
          this.small(o.k, 3, o.q.length);
          this.add(o.n);
          this.ranks(o.q);
          break;
        case K.Cond:
          this.small(o.k, 3, o.tq.length);
          this.add(o.wait);
          this.add(o.notify);
          this.goroutines(o.q);
          for (const t of o.tq) this.add(t);
          break;
        case K.Chan:
          // (the buffer's slots matter only to the race detector)
          this.small(o.k | (o.closed ? 8 : 0), 4, o.cap);
          this.vals(o.buf);
          this.goroutines(o.recvq);
          this.goroutines(o.sendq);
          for (let j = 0; j < o.sendv.length; j++) this.val(o.sendv[j] as Value);
          this.goroutines(o.dg);
          for (let j = 0; j < o.dv.length; j++) {
            this.val(o.dv[j] as Value);
            this.add(o.dok[j] ? 1 : 0);
            this.add(o.dcase[j] as number);
          }
          if (m.race) {
            this.add(o.sendx);
            this.add(o.recvx);
          }
          if (o.timer) {
            this.num(o.fireAt);
            this.num(o.period);
          }
          break;
        case K.Ctx:
          this.small(o.k | (CTX_KIND[o.kind] << 3), 6, o.children.length);
          if (o.kv) this.vals(o.kv);
          else this.add(-1);
          this.val(o.err);
          this.val(o.cause);
          this.val(o.dcause);
          this.num(o.deadline);
          this.add(o.done >= 0 ? this.obj(o.done) : -1);
          for (const c of o.children) this.add(this.obj(c));
          break;
      }
    }
  }

  /**
   * Whether a heap object's values are all scalars, and enough of them (or a string) that two
   * words of a digest cost less than walking them: such an object's part of the walk
   * depends on nothing but its values, and is worked out once for as long as it is unchanged.
   */
  private digestible(s: readonly Value[]): boolean {
    let str = false;
    for (let j = 0; j < s.length; j++) {
      const v = s[j] as Value;
      if (v !== null && typeof v === 'object') return false;
      if (typeof v === 'string') str = true;
    }
    return str || s.length >= DIGEST_MIN;
  }

  /**
   * Feed the digest of heap object id (o, digestible): kept from an earlier walk if that was
   * of this very object, else worked out, and kept if `keep` (o cannot change in place).
   */
  private digest(id: number, o: SlotsObj, keep: boolean): void {
    if (this.digested[id] !== o) {
      const a = this.a;
      const b = this.b;
      this.a = 0x6a09e667;
      this.b = 0x3c6ef372;
      const s = o.s;
      for (let j = 0; j < s.length; j++) this.val(s[j] as Value);
      const da = fmix32(this.a ^ s.length);
      const db = fmix32(this.b ^ Math.imul(s.length, 0x9e3779b1));
      this.a = a;
      this.b = b;
      if (!keep) {
        this.add(da);
        this.add(db);
        return;
      }
      if (id >= this.digestA.length) {
        this.digestA = grown(this.digestA, id);
        this.digestB = grown(this.digestB, id);
      }
      this.digested[id] = o;
      this.digestA[id] = da;
      this.digestB[id] = db;
    }
    this.add(this.digestA[id] as number);
    this.add(this.digestB[id] as number);
  }

  /**
   * A map whose entries are all scalars, in any order: each entry is hashed on its own and the
   * hashes are added up (a multiset hash), which costs no sort. False (nothing fed) when some
   * value refers to an object, whose canonical number depends on the order of the walk.
   */
  private entrySum(m: Entries): boolean {
    let sa = 0;
    let sb = 0;
    let scalars = true;
    // (forEach: `for (const [k, v] of m)` makes an array per entry)
    m.forEach((v, k) => {
      if (!scalars) return;
      if ((v !== null && typeof v === 'object') || keyPointer(k)) {
        scalars = false;
        return;
      }
      const hk = this.scalar(k);
      const hv = this.scalar(v);
      sa = (sa + fmix32(hk ^ Math.imul(hv, 0x9e3779b1))) | 0;
      sb = (sb + fmix32(Math.imul(hk + 0x7f4a7c15, 0x85ebca6b) ^ (hv + 0x632be5ab))) | 0;
    });
    if (!scalars) return false;
    this.sumA = sa;
    this.sumB = sb;
    this.add(sa);
    this.add(sb);
    return true;
  }

  /**
   * A map's entries in order: insertion order when a `range` can see it, else key order.
   * @param keep m will not change in place (see the entry sums above): its entries in key order
   *   may be kept for the next state that shares them (most moves leave a map as it was)
   */
  private entries(machine: Machine, m: Entries, keep = false): void {
    // (one entry or none: no order to work out)
    if (this.insertionOrder || m.size < 2) {
      for (const k of m.keys()) this.entry(k, m.get(k) as Value);
      return;
    }
    let kv = this.sorted.get(m);
    if (!kv) {
      const ks = [...m.keys()].sort(compareKeys);
      kv = new Array<MapKey | Value>(2 * ks.length);
      for (let i = 0; i < ks.length; i++) {
        kv[2 * i] = ks[i] as MapKey;
        kv[2 * i + 1] = m.get(ks[i] as MapKey) as Value;
      }
      if (keep) this.sorted.set(m, kv);
    }
    if (this.blocks && keep && kv.length >= 2 * BLOCK_MIN && this.block(machine, kv)) return;
    for (let i = 0; i < kv.length; i += 2) this.entry(kv[i] as MapKey, kv[i + 1] as Value);
  }

  /**
   * A map's entries (kv, kept in key order) as one block, when each holds the only reference
   * to a scalar-only object (a map of structs, as `map[string]Job` is): the walk would feed
   * each key, then a reference to an object numbered next, and later that object's digest.
   * Instead the objects are numbered here, in order, and left out of the rest of the walk, and
   * the block feeds its first number and one digest of every key, reference and object
   * digest, worked out once for as long as the entries and the objects are the same. False
   * (nothing fed) when the entries are not such a block in this state: an object was reached
   * before, another entry holds it too, or it has changed and is no longer scalar-only.
   */
  private block(m: Machine, kv: readonly (MapKey | Value)[]): boolean {
    const whole = this.whole;
    let blk = this.made.get(kv);
    if (blk) {
      const { ids, objs } = blk;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        if (m.h.get(id) !== objs[i] || whole.has(id)) {
          blk = undefined;
          break;
        }
      }
    }
    if (!blk) {
      const made = this.makeBlock(m, kv);
      if (!made) return false;
      blk = made;
      this.made.set(kv, blk);
    }
    // (none has a number yet: they take the next ones, in order)
    const ids = blk.ids;
    const base = whole.size;
    for (let i = 0; i < ids.length; i++) whole.number(ids[i] as number);
    if (2 * this.nBlocked + 2 > this.blocked.length) this.blocked = grown(this.blocked);
    this.blocked[2 * this.nBlocked] = base;
    this.blocked[2 * this.nBlocked + 1] = whole.size;
    this.nBlocked++;
    this.add(V_BLOCK);
    this.add(base);
    this.add(blk.a);
    this.add(blk.b);
    return true;
  }

  /** The block of entries kv in state m, if they make one (see block), or null. */
  private makeBlock(m: Machine, kv: readonly (MapKey | Value)[]): Block | null {
    const n = kv.length >> 1;
    const ids = new Int32Array(n);
    const objs = new Array<SlotsObj>(n);
    // (distinct objects, none reached before: stamped in the digest scratch as they are met)
    const seen = ++this.blockStamp;
    if (this.blockSeen.length < m.h.length) this.blockSeen = grown(this.blockSeen, m.h.length);
    for (let i = 0; i < n; i++) {
      const k = kv[2 * i] as MapKey;
      const v = kv[2 * i + 1] as Value;
      if (!(v instanceof Ref) || keyPointer(k)) return null;
      const o = m.h.get(v.id);
      // (kept with the entries: the object must not change in place, as they cannot)
      if (o?.k !== K.Slots || (!this.final && o.ep === m.ep) || !this.digestible(o.s)) return null;
      if (this.whole.has(v.id) || this.blockSeen[v.id] === seen) return null;
      this.blockSeen[v.id] = seen;
      ids[i] = v.id;
      objs[i] = o;
    }
    const a = this.a;
    const b = this.b;
    this.a = 0x510e527f;
    this.b = 0x9b05688c;
    for (let i = 0; i < n; i++) {
      this.val(kv[2 * i] as MapKey);
      const o = objs[i] as SlotsObj;
      this.add(((kv[2 * i + 1] as Ref).f << 8) | o.role);
      this.digest(ids[i] as number, o, true);
    }
    const blk = {
      ids,
      objs,
      a: fmix32(this.a ^ n),
      b: fmix32(this.b ^ Math.imul(n, 0x9e3779b1)),
    };
    this.a = a;
    this.b = b;
    return blk;
  }

  private entry(k: MapKey, v: Value): void {
    // (a key that holds a pointer is numbered as the object it points to is, like any
    // reference: the rest of the key, then the pointer)
    const p = keyPointer(k);
    if (p) {
      this.val(p[0]);
      this.val(p[1]);
    } else this.val(k);
    this.val(v);
  }

  /** One 32-bit word for a scalar: null, a boolean, a number or a string. */
  private scalar(v: MapKey | null): number {
    if (typeof v === 'number') {
      if ((v | 0) === v) return fmix32(v ^ 0x5bd1e995);
      f64[0] = v;
      return fmix32((f64words[0] as number) ^ fmix32(f64words[1] as number));
    }
    if (typeof v === 'string') {
      let h = this.strings.get(v);
      if (h === undefined) {
        if (this.strings.size >= STRING_CACHE_SIZE) this.strings.clear();
        h = stringHash53(v);
        this.strings.set(v, h);
      }
      return fmix32((h % 0x100000000) ^ 0x27d4eb2f);
    }
    if (v === null) return 0x1b873593;
    if (typeof v === 'bigint')
      return fmix32((stringHash53(v.toString()) % 0x100000000) ^ 0x68e31da4);
    return v ? 0x2545f491 : 0x61c88647;
  }

  /**
   * A heap object reached from a value: inside a goroutine's own walk its number there (and
   * its heap id noted), else its number in the whole walk.
   */
  private ref(id: number): number {
    return this.inG ? this.local.number(id) : this.whole.number(id);
  }

  /** Canonical number of heap object id: its rank in the walk. */
  private obj(id: number): number {
    return this.whole.number(id);
  }

  private vals(vs: readonly Value[]): void {
    this.add(vs.length);
    for (let i = 0; i < vs.length; i++) this.val(vs[i] as Value);
  }

  /** A list of goroutine ids (a wait queue), by rank. */
  private goroutines(ids: readonly number[]): void {
    this.add(ids.length);
    this.ranks(ids);
  }

  /** The ranks of a list of goroutine ids whose length is known. */
  private ranks(ids: readonly number[]): void {
    for (let i = 0; i < ids.length; i++) this.add(this.rank[gIndexOf(ids[i] as number)] as number);
  }

  /**
   * Order the goroutines for the walk, and rank them: main first, the others by a hash of
   * their own state (no heap identities in it, so it does not depend on the order), then id.
   */
  /** Rank m's goroutines into `rank` and `byRank`, as `hash(m)` does first. */
  rename(m: Machine): void {
    const gs = m.gs;
    const n = gs.length;
    if (n > this.rank.length) {
      this.rank = new Int32Array(n * 2);
      this.byRank = new Int32Array(n * 2);
      this.shapes = new Float64Array(n * 2);
    }
    // goroutine indices in walk order, in byRank (typed scratch: nothing allocated per hash)
    const order = this.byRank;
    for (let i = 0; i < n; i++) order[i] = i;
    if (this.symmetry && n > 2) {
      // insertion sort of the others by shape (few goroutines; ids are already in order)
      const shapes = this.shapes;
      shapes[0] = 0;
      for (let i = 1; i < n; i++) {
        const g = gs[i] as G;
        if (g.shape >= 0) shapes[i] = g.shape;
        else {
          const h = this.shape(g);
          if (this.final || g.ep !== m.ep) g.shape = h;
          shapes[i] = h;
        }
      }
      for (let i = 2; i < n; i++) {
        const gi = order[i] as number;
        const s = shapes[i] as number;
        let j = i - 1;
        while (j >= 1 && (shapes[j] as number) > s) {
          order[j + 1] = order[j] as number;
          shapes[j + 1] = shapes[j] as number;
          j--;
        }
        order[j + 1] = gi;
        shapes[j + 1] = s;
      }
    }
    for (let r = 0; r < n; r++) this.rank[order[r] as number] = r;
  }

  /**
   * A goroutine's own state, roughly: where it is and its locals' scalar values, without its
   * id or the identity of heap objects. Goroutines with equal shapes are walked in id order,
   * which is always correct; a finer shape only lets more states be shared.
   */
  private shape(g: G): number {
    let h = mixIn(G_STATE[g.st], g.phase);
    if (g.st === 'done') return h >>> 0;
    h = mixIn(h, g.ranges);
    for (const fr of g.fr) {
      h = mixIn(mixIn(h, fr.f.id), fr.pc);
      const L = fr.L;
      for (let i = 0; i < L.length; i++) {
        const v = L[i] as Value;
        h = mixIn(h, typeof v === 'number' && (v | 0) === v ? v : shallow(v));
      }
    }
    return h >>> 0;
  }

  /**
   * A value, as words whose low three bits say what it is (so that what follows is known):
   * 0 a number that fits in 29 bits (the rest of the word), 1 another kind (which, in the
   * rest of the word; then its parts), 2 a reference whose object number and field fit (in
   * the rest of the word), 3 another reference (then its object and field), 4 a slice (its
   * object in the rest of the word; then offset, length and capacity), 5 a slice whose object
   * number is large (then that number, offset, length and capacity).
   */
  private val(v: Value): void {
    if (typeof v === 'number') {
      if ((v << 3) >> 3 === v) this.add(v << 3);
      else {
        this.add(V_NUMBER);
        this.num(v);
      }
    } else if (v === null) this.add(V_NULL);
    else if (typeof v === 'boolean') this.add(v ? V_TRUE : V_FALSE);
    else if (typeof v === 'bigint') {
      this.add(V_BIG);
      this.str(v.toString());
    } else if (typeof v === 'string') {
      this.add(V_STRING);
      this.str(v);
    } else if (v instanceof Ref) {
      const n = this.ref(v.id);
      if (n < 1 << 20 && v.f >= 0 && v.f < 256) this.add((n << 11) | (v.f << 3) | 2);
      else {
        this.add(3);
        this.add(n);
        this.add(v.f);
      }
    } else if (v instanceof Slice) {
      const n = this.ref(v.b);
      if (n < 1 << 28) this.add((n << 3) | 4);
      else {
        this.add(5);
        this.add(n);
      }
      this.add(v.off);
      this.add(v.len);
      this.add(v.cap);
    } else if (v instanceof FnVal) {
      this.add(V_FUNC);
      this.add(v.fn);
      if (v.env) this.vals(v.env);
      else this.add(-1);
      if (v.bound) this.val(v.recv);
      else this.add(V_NONE);
    } else if (v instanceof Iface) {
      this.add(V_IFACE);
      this.add(this.typeHash(v.t));
      this.val(v.v);
    } else if (v instanceof Keys) {
      this.add(V_KEYS);
      this.add(v.keys.length);
      for (const k of v.keys) this.val(k);
    } else this.add(V_OTHER);
  }

  /**
   * Two counts as one word when the second is small, the first known to fit in `bits` bits
   * (an even word); else as three (an odd word first).
   */
  private small(a: number, bits: number, b: number): void {
    if (b >= 0 && b < 1 << (30 - bits)) this.add(((b << bits) | a) << 1);
    else {
      this.add(1);
      this.add(a);
      this.add(b);
    }
  }

  /** `small(a, 16, b)` for an `a` that may not fit in 16 bits: then 0xffff, and `a` after. */
  private small16(a: number, b: number): void {
    const wide = a < 0 || a >= 0xffff;
    this.small(wide ? 0xffff : a, 16, b);
    if (wide) this.add(a);
  }

  private num(x: number): void {
    if ((x | 0) === x) this.add(x);
    else {
      f64[0] = x;
      this.add(0x7ff00001);
      this.add(f64words[0] as number);
      this.add(f64words[1] as number);
    }
  }

  private str(s: string): void {
    const len = s.length;
    this.add(len);
    if (len < CACHED_STRING) {
      for (let i = 0; i < len; i += 2)
        this.add(s.charCodeAt(i) | ((i + 1 < len ? s.charCodeAt(i + 1) : 0) << 16));
      return;
    }
    let h = this.strings.get(s);
    if (h === undefined) {
      if (this.strings.size >= STRING_CACHE_SIZE) this.strings.clear();
      h = stringHash53(s);
      this.strings.set(s, h);
    }
    this.add((h % 0x100000000) | 0);
    this.add(Math.floor(h / 0x100000000));
  }

  private typeHash(t: Type): number {
    let h = this.types.get(t);
    if (h === undefined) {
      h = (stringHash53(typeString(t, true)) % 0x100000000) | 0;
      this.types.set(t, h);
    }
    return h;
  }

  /** Feed one 32-bit word to both hashes: a murmur3 round and an xxhash32 round. */
  private add(x: number): void {
    let k = Math.imul(x, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    let a = this.a ^ Math.imul(k, 0x1b873593);
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    const b = (this.b + Math.imul(x, 0x85ebca77)) | 0;
    this.b = Math.imul((b << 13) | (b >>> 19), 0x9e3779b1);
  }
}

/** A map's entries hashed as one block (see StateHasher.block). */
interface Block {
  /** the heap ids of the objects the entries refer to, in key order, and those objects */
  readonly ids: Int32Array;
  readonly objs: readonly SlotsObj[];
  /** the digest of the keys, references and objects */
  readonly a: number;
  readonly b: number;
}

/**
 * Heap objects numbered in the order a walk first reaches them (0, 1, 2...), and that order.
 * A generation stamp per heap id makes `reset` cost nothing per object.
 */
class Numbering {
  /** heap ids in the order they were numbered */
  order = new Int32Array(256);
  size = 0;
  private stamp = new Int32Array(256);
  private canon = new Int32Array(256);
  private gen = 0;

  reset(): void {
    this.size = 0;
    if (++this.gen === 0x7fffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  /** Whether heap object id has a number in this walk. */
  has(id: number): boolean {
    return id < this.stamp.length && this.stamp[id] === this.gen;
  }

  /** The number of heap object id, given now if it has none yet. */
  number(id: number): number {
    if (id >= this.stamp.length) {
      this.stamp = grown(this.stamp, id);
      this.canon = grown(this.canon, id);
    }
    if (this.stamp[id] === this.gen) return this.canon[id] as number;
    this.stamp[id] = this.gen;
    this.canon[id] = this.size;
    if (this.size === this.order.length) this.order = grown(this.order);
    this.order[this.size] = id;
    return this.size++;
  }
}

function compareKeys(x: MapKey, y: MapKey): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A local's value for a goroutine's shape: its kind, and a short string's length. */
function shallow(v: Value): number {
  if (v === null) return 0x1000;
  if (typeof v === 'boolean') return v ? 0x2001 : 0x2000;
  if (typeof v === 'string') return 0x3000 + v.length;
  if (typeof v === 'number' || typeof v === 'bigint') return 0x4000;
  return v instanceof Ref ? 0x5000 + v.f : 0x6000;
}

/** One step of a small 32-bit hash (for goroutine shapes). */
function mixIn(h: number, x: number): number {
  return Math.imul((h << 5) - h + Math.imul(x | 0, 0x9e3779b1), 0x85ebca6b) ^ (h >>> 15);
}

/** murmur3's finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A 53-bit hash of a string (cyrb53), for strings hashed once and remembered. */
function stringHash53(s: string): number {
  let h1 = 0xdeadbeef ^ s.length;
  let h2 = 0x41c6ce57 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
