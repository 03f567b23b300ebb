/**
 * A chainable, headless driver for engine tests (after tldraw's `TestEditor`): compile a Go
 * program, step goroutines by hand, and assert on the situation the steps produced, so a
 * test reads as the interleaving it describes:
 *
 *   sim(src).steps(1, 1).runUntilBlocked(6).expectBlocked(6, 'sync.Mutex.Lock').expectHolder('mu', 1)
 *
 * Goroutine ids are Go's: main is 1, the first `go` statement creates 6, then 7...
 * Locks, maps and wait groups are found by the name the engine gives them (the variable or
 * field they were first reached through).
 */
import { expect } from 'vitest';
import { compileGo } from '../lang/compile';
import type { Program } from '../lang/code';
import type { EngineEvent, GState, WaitReason } from '../runtime/events';
import { Machine, type G, type Outcome } from '../runtime/machine';
import { Scheduler, type PolicyName } from '../runtime/sched';
import {
  K,
  type MapObj,
  type MutexObj,
  type Obj,
  type RWMutexObj,
  type WaitGroupObj,
} from '../runtime/values';

export interface SimOptions {
  readonly seed?: number;
  readonly race?: boolean;
}

/** Bound on every "until" loop, so a test that waits for the impossible fails instead of hanging. */
const MAX_STEPS = 10_000;

/** Compile a Go program (throwing on diagnostics) and wrap a fresh machine in a driver. */
export function sim(src: string, opts: SimOptions = {}): Sim {
  return new Sim(new Machine(compile(src), { ...opts, record: true }), src);
}

export function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => `${d.pos.line}: ${d.msg}`).join('\n'));
  return c.program;
}

/** The first thing the compiler refuses in src, as `line:col: message` ('' if it compiles). */
export function refusal(src: string): string {
  const c = compileGo(src);
  const d = c.ok ? null : c.diagnostics[0];
  return d ? `${d.pos.line}:${d.pos.col}: ${d.msg}` : '';
}

type Named = K.Mutex | K.RWMutex | K.Map | K.WaitGroup;
type ObjOf<k extends Named> = Extract<Obj, { k: k }>;

const KIND_NAMES: Record<Named, string> = {
  [K.Mutex]: 'Mutex',
  [K.RWMutex]: 'RWMutex',
  [K.Map]: 'map',
  [K.WaitGroup]: 'WaitGroup',
};

export class Sim {
  /** every event since the driver was made, in order */
  readonly log: EngineEvent[] = [];
  /** the events of the last step */
  last: readonly EngineEvent[] = [];

  constructor(
    readonly m: Machine,
    readonly src = '',
  ) {}

  // ---- moving ---------------------------------------------------------------------------

  /** Step goroutine g `times` times. Fails if it cannot run or the program has ended. */
  run(g: number, times = 1): this {
    for (let i = 0; i < times; i++) this.stepOnce(g);
    return this;
  }

  /** Step goroutines in the order given: `steps(6, 7, 6)`. */
  steps(...gs: number[]): this {
    for (const g of gs) this.stepOnce(g);
    return this;
  }

  /** Step g until it blocks, sleeps, ends, or the program ends. */
  runUntilBlocked(g: number): this {
    return this.runWhile(g, () => this.state(g) === 'runnable', 'it blocks');
  }

  /**
   * Step g until its next step is on a line and, if given, has a label matching `label`.
   * The line is a number or a piece of source text (see `line`).
   */
  runTo(g: number, where: number | string, label?: RegExp): this {
    const line = this.line(where, g);
    const at = () => {
      const n = this.m.nextStep(g);
      return n.pos.line === line && (!label || label.test(n.label));
    };
    return this.runWhile(g, () => !at(), `its next step is at line ${line}`);
  }

  /** Step g until the label of its next step matches (e.g. /set writing flag/). */
  runToNext(g: number, label: RegExp): this {
    return this.runWhile(g, () => !label.test(this.next(g)), `its next step matches ${label}`);
  }

  /** Step g through a line entirely: stop when its next step is on a different line. */
  runPast(g: number, where: number | string): this {
    const line = this.line(where, g);
    this.runTo(g, line);
    return this.runWhile(g, () => this.m.nextStep(g).pos.line === line, `it leaves line ${line}`);
  }

  /** Run the rest of the program under a deterministic policy (round-robin by default). */
  runToEnd(policy: PolicyName = 'roundrobin'): this {
    const s = new Scheduler(policy);
    for (let i = 0; !this.m.outcome; i++) {
      if (i >= MAX_STEPS) throw new Error(`program did not end within ${MAX_STEPS} steps`);
      this.stepOnce(s.pick(this.m));
    }
    return this;
  }

  private runWhile(g: number, cond: () => boolean, what: string): this {
    for (let i = 0; cond(); i++) {
      if (this.m.outcome) return this;
      if (i >= MAX_STEPS) throw new Error(`G${g}: not reached after ${MAX_STEPS} steps: ${what}`);
      this.stepOnce(g);
    }
    return this;
  }

  private stepOnce(g: number): void {
    if (this.m.outcome)
      throw new Error(`cannot step G${g}: the program ended (${describeOutcome(this.m.outcome)})`);
    const st = this.goroutine(g);
    if (st.st !== 'runnable')
      throw new Error(`cannot step G${g}: it is ${st.st}${st.reason ? ` [${st.reason}]` : ''}`);
    this.m.step(g);
    this.last = this.m.events.slice();
    this.log.push(...this.last);
  }

  /**
   * The line a piece of source text is on: the one line of the function g is running that
   * holds it, or else the one line of the whole source (so `mu.Unlock()` finds g's own).
   */
  line(where: number | string, g?: number): number {
    if (typeof where === 'number') return where;
    const fr = g === undefined ? undefined : this.goroutine(g).fr.at(-1);
    if (fr) {
      const mine = new Set(fr.f.code.map((ins) => ins.pos.line));
      const hits = linesOf(this.src, where).filter((l) => mine.has(l));
      if (hits.length === 1) return hits[0] as number;
    }
    return lineOf(this.src, where);
  }

  // ---- looking --------------------------------------------------------------------------

  goroutine(g: number): G {
    if (!this.m.gs.some((x) => x.id === g)) throw new Error(`G${g} does not exist (yet)`);
    return this.m.g(g);
  }

  state(g: number): GState {
    return this.goroutine(g).st;
  }

  /** The label of g's next step, e.g. 'mu.Lock: join the wait queue'. */
  next(g: number): string {
    return this.m.nextStep(g).label;
  }

  get now(): number {
    return this.m.now;
  }

  mutex(name: string): MutexObj {
    return this.find(K.Mutex, name);
  }

  rwmutex(name: string): RWMutexObj {
    return this.find(K.RWMutex, name);
  }

  map(name: string): MapObj {
    return this.find(K.Map, name);
  }

  waitGroup(name: string): WaitGroupObj {
    return this.find(K.WaitGroup, name);
  }

  /** Who holds the Mutex (or write-holds the RWMutex) called name; 0 for nobody. */
  holder(name: string): number {
    const o = this.lock(name);
    return o.k === K.Mutex ? o.holder : o.writer;
  }

  /**
   * The goroutines queued for the Mutex called name, head first. For an RWMutex: the writers
   * queued for its writer mutex w (its `readerQ` and `writerQ` are on `rwmutex(name)`).
   */
  queue(name: string): number[] {
    const o = this.lock(name);
    return (o.k === K.Mutex ? o : (this.m.get(o.w) as MutexObj)).q.slice();
  }

  private lock(name: string): MutexObj | RWMutexObj {
    const found = this.all(name).filter(
      (o): o is MutexObj | RWMutexObj => o.k === K.Mutex || o.k === K.RWMutex,
    );
    return one(found, `lock ${name}`);
  }

  private find<k extends Named>(kind: k, name: string): ObjOf<k> {
    return one(
      this.all(name).filter((o): o is ObjOf<k> => o.k === kind),
      `${KIND_NAMES[kind]} ${name}`,
    );
  }

  private all(name: string): Obj[] {
    return [...this.m.h].filter((o) => 'name' in o && o.name === name);
  }

  // ---- asserting ------------------------------------------------------------------------

  expectBlocked(g: number, reason?: WaitReason): this {
    const x = this.goroutine(g);
    expect({ g, st: x.st }).toEqual({ g, st: 'blocked' });
    if (reason) expect({ g, reason: x.reason }).toEqual({ g, reason });
    return this;
  }

  expectRunnable(...gs: number[]): this {
    for (const g of gs) expect({ g, st: this.state(g) }).toEqual({ g, st: 'runnable' });
    return this;
  }

  expectSleeping(g: number): this {
    expect({ g, st: this.state(g) }).toEqual({ g, st: 'sleeping' });
    return this;
  }

  expectDone(g: number): this {
    expect({ g, st: this.state(g) }).toEqual({ g, st: 'done' });
    return this;
  }

  /** g's next step label matches (e.g. /woken, try again/). */
  expectNext(g: number, label: RegExp): this {
    expect(this.next(g)).toMatch(label);
    return this;
  }

  expectHolder(name: string, g: number): this {
    expect({ name, holder: this.holder(name) }).toEqual({ name, holder: g });
    return this;
  }

  expectQueue(name: string, gs: readonly number[]): this {
    expect({ name, queue: this.queue(name) }).toEqual({ name, queue: gs });
    return this;
  }

  /** The program is still going. */
  expectAlive(): this {
    expect(this.m.outcome).toBeNull();
    return this;
  }

  /** The program ended with this exit code and (if given) this first line of the report. */
  expectOutcome(code: number, first?: string): this {
    const o = this.m.outcome;
    expect(o, 'the program has not ended').not.toBeNull();
    expect((o as Outcome).code).toBe(code);
    if (first !== undefined) expect((o as Outcome).first).toBe(first);
    return this;
  }

  expectStdout(text: string): this {
    expect(this.m.stdout).toBe(text);
    return this;
  }

  expectStderr(text: string | RegExp): this {
    if (typeof text === 'string') expect(this.m.stderr).toBe(text);
    else expect(this.m.stderr).toMatch(text);
    return this;
  }

  /** The last step emitted an event with these fields. */
  expectEvent(e: Partial<EngineEvent> & Pick<EngineEvent, 't'>): this {
    expect(this.last).toContainEqual(expect.objectContaining(e));
    return this;
  }

  /** Some step so far emitted an event with these fields. */
  expectLogged(e: Partial<EngineEvent> & Pick<EngineEvent, 't'>): this {
    expect(this.log).toContainEqual(expect.objectContaining(e));
    return this;
  }

  /** Run a free-form check against the driver without breaking the chain. */
  check(f: (s: this) => void): this {
    f(this);
    return this;
  }
}

/** The 1-based line of src holding `text`, which must occur on exactly one line. */
export function lineOf(src: string, text: string): number {
  const hits = linesOf(src, text);
  if (hits.length !== 1) throw new Error(`${hits.length} lines hold ${JSON.stringify(text)}`);
  return hits[0] as number;
}

function linesOf(src: string, text: string): number[] {
  return src.split('\n').flatMap((l, i) => (l.includes(text) ? [i + 1] : []));
}

function one<T>(xs: readonly T[], what: string): T {
  if (xs.length === 1) return xs[0] as T;
  throw new Error(
    xs.length === 0 ? `no ${what} on the heap` : `${xs.length} objects named ${what}`,
  );
}

function describeOutcome(o: Outcome): string {
  return `${o.kind}, exit ${o.code}${o.first ? `: ${o.first}` : ''}`;
}
