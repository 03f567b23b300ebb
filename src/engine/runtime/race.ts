/**
 * A happens-before data race detector with vector clocks, over the accesses that really ran,
 * reporting in `go run -race`'s format. Edges: goroutine start, Unlock -> later Lock, a
 * writer's Unlock -> later Lock/RLock, RUnlock -> the next Lock, WaitGroup Done -> Wait.
 * Readers do not order each other. Unlike the real detector it keeps the whole history,
 * so it misses nothing in the run it watched; it reports each pair of code locations once.
 */
import type { Instr } from '../lang/code';
import type { G, Machine, TraceFrame } from './machine';
import { gIndexOf } from './machine';
import { creatorFile } from './messages';

interface Access {
  readonly g: number;
  readonly c: number;
  readonly write: boolean;
  /** a sync/atomic operation: never a race with another one */
  readonly atomic: boolean;
  readonly stack: readonly TraceFrame[];
}

interface Shadow {
  write: Access | null;
  reads: Access[];
}

function join(a: number[], b: readonly number[]): number[] {
  for (let i = 0; i < b.length; i++) if ((b[i] ?? 0) > (a[i] ?? 0)) a[i] = b[i] as number;
  return a;
}

/** One side of a reported race, for the explanation beside the report. */
export interface RaceSide {
  readonly g: number;
  readonly line: number;
  readonly write: boolean;
  readonly atomic: boolean;
}

/** The first race reported: the access that found it, and the earlier one. */
export interface FirstRace {
  readonly cur: RaceSide;
  readonly prev: RaceSide;
  /** the heap object and field raced on */
  readonly id: number;
  readonly f: number;
}

export class RaceDetector {
  private vc = new Map<number, number[]>();
  private sync = new Map<string, number[]>();
  private mem = new Map<number, Shadow>();
  private reported = new Set<string>();
  count = 0;
  first: FirstRace | null = null;

  clone(): RaceDetector {
    const r = new RaceDetector();
    for (const [k, v] of this.vc) r.vc.set(k, v.slice());
    for (const [k, v] of this.sync) r.sync.set(k, v.slice());
    for (const [k, v] of this.mem) r.mem.set(k, { write: v.write, reads: v.reads.slice() });
    r.reported = new Set(this.reported);
    r.count = this.count;
    r.first = this.first;
    return r;
  }

  /**
   * Feed everything that decides future reports to `add`, in a canonical order (for the
   * explorer's state hash: two runs that reach the same state by different paths may differ
   * here, and then only one of them may go on to report a race).
   */
  digest(add: (x: number) => void, str: (s: string) => void): void {
    const clocks = (m: ReadonlyMap<number | string, number[]>) => {
      const keys = [...m.keys()].sort();
      add(keys.length);
      for (const k of keys) {
        if (typeof k === 'number') add(k);
        else str(k);
        const c = m.get(k) as number[];
        add(c.length);
        for (const x of c) add(x ?? 0);
      }
    };
    clocks(this.vc);
    clocks(this.sync);
    const locs = [...this.mem.keys()].sort((a, b) => a - b);
    add(locs.length);
    for (const loc of locs) {
      const sh = this.mem.get(loc) as Shadow;
      add(loc);
      add(sh.write ? sh.write.g : -1);
      add(sh.write ? sh.write.c : -1);
      add(sh.write?.atomic ? 1 : 0);
      // one read per goroutine, in the order they happened to come: by goroutine instead
      const reads = sh.reads.slice().sort((a, b) => a.g - b.g);
      add(reads.length);
      for (const r of reads) {
        add(r.g);
        add(r.c);
        add(r.atomic ? 1 : 0);
      }
    }
    for (const k of [...this.reported].sort()) str(k);
    add(this.count);
  }

  private clock(g: number): number[] {
    let c = this.vc.get(g);
    if (!c) {
      c = [];
      c[gIndexOf(g)] = 1;
      this.vc.set(g, c);
    }
    return c;
  }

  private tick(g: number): void {
    const c = this.clock(g);
    const i = gIndexOf(g);
    c[i] = (c[i] ?? 0) + 1;
  }

  spawn(parent: number, child: number): void {
    const c = this.clock(parent).slice();
    c[gIndexOf(child)] = 1;
    this.vc.set(child, c);
    this.tick(parent);
  }

  acquire(g: number, key: string): void {
    const s = this.sync.get(key);
    if (s) join(this.clock(g), s);
  }

  release(g: number, key: string): void {
    this.sync.set(key, join((this.sync.get(key) ?? []).slice(), this.clock(g)));
    this.tick(g);
  }

  private hb(a: Access, g: number): boolean {
    return a.g === g || (this.clock(g)[gIndexOf(a.g)] ?? 0) >= a.c;
  }

  /**
   * An access to field f of heap object id. Atomic accesses (sync/atomic) are checked only
   * against plain ones; what they order is given by `acquire` and `release` around them.
   */
  access(
    m: Machine,
    g: G,
    id: number,
    f: number,
    write: boolean,
    ins: Instr,
    atomic = false,
  ): void {
    const loc = id * 4096 + (f + 1);
    let sh = this.mem.get(loc);
    if (!sh) {
      sh = { write: null, reads: [] };
      this.mem.set(loc, sh);
    }
    const me: Access = {
      g: g.id,
      c: this.clock(g.id)[gIndexOf(g.id)] ?? 0,
      write,
      atomic,
      stack: m.traceback(g, ins.pos),
    };
    const races = (x: Access) => !(atomic && x.atomic) && !this.hb(x, g.id);
    if (sh.write && races(sh.write)) this.report(m, me, sh.write, id, f);
    if (write) for (const r of sh.reads) if (races(r)) this.report(m, me, r, id, f);
    if (write) this.mem.set(loc, { write: me, reads: [] });
    else
      this.mem.set(loc, { write: sh.write, reads: [...sh.reads.filter((r) => r.g !== g.id), me] });
  }

  private report(m: Machine, cur: Access, prev: Access, id: number, f: number): void {
    const a = cur.stack[0]?.pos;
    const b = prev.stack[0]?.pos;
    const key = [`${a?.line}:${a?.col}`, `${b?.line}:${b?.col}`].sort().join('|');
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.count++;
    const side = (x: Access): RaceSide => ({
      g: x.g,
      line: x.stack[0]?.pos.line ?? 0,
      write: x.write,
      atomic: x.atomic,
    });
    this.first ??= { cur: side(cur), prev: side(prev), id, f };
    const addr = `0x00c${(0x10000 + id * 0x20 + Math.max(0, f) * 8).toString(16).padStart(9, '0')}`;
    const kind = (x: Access, first: boolean) =>
      first ? (x.write ? 'Write' : 'Read') : x.write ? 'Previous write' : 'Previous read';
    const gs = [cur.g, prev.g];
    let text = '==================\nWARNING: DATA RACE\n';
    const frames = (st: readonly TraceFrame[]) =>
      st.map((fr) => `  ${fr.fn}()\n      ${m.fileName}:${fr.pos.line}\n`).join('');
    text += `${kind(cur, true)} at ${addr} by goroutine ${cur.g}:\n${frames(cur.stack)}\n`;
    text += `${kind(prev, false)} at ${addr} by goroutine ${prev.g}:\n${frames(prev.stack)}`;
    for (const gid of gs) {
      if (gid === 1) continue;
      const g = m.g(gid);
      const status = g.st === 'done' ? 'finished' : 'running';
      const file = creatorFile(g.createdIn) ?? m.fileName;
      text += `\nGoroutine ${gid} (${status}) created at:\n  ${g.createdIn ?? 'main.main'}()\n      ${file}:${g.createdAt?.line ?? 0}\n`;
    }
    text += '==================\n';
    m.appendStderr(text);
    m.emit({ t: 'race', g: cur.g, report: text });
  }
}
