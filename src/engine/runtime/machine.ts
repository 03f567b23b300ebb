/**
 * The Go machine: goroutines, the heap, virtual time and the program's output, advanced one
 * step at a time. `step()` mutates in place for speed; `fork()` makes an independent copy in
 * a pointer copy per goroutine and per 32 heap objects (objects, and the heap's chunks of 32
 * slots, are copied on write: ./heap.ts), which is what rewinding, replaying, the explorer and
 * the pure `transition()` in ../index.ts are built on.
 *
 * Nothing here reads a clock or ambient randomness: virtual time and both random streams are
 * fields of the machine, so a machine plus a schedule replays byte for byte.
 */
import { BinOp, Op, UnOp, type FuncCode, type Instr, type Program } from '../lang/code';
import type { Pos } from '../lang/source';
import { runeText } from '../lang/quote';
import {
  T,
  comparable,
  identical,
  isComposite,
  isInterface,
  isStructLike,
  leafTypes,
  partTypes,
  emptyInterface,
  slotType,
  typeString,
  under,
  type FuncType,
  type MethodRef,
  type NamedType,
  type Special,
  type Type,
} from '../lang/types';
import {
  SIMULATED_CPUS,
  RUNTIME_ERRORS,
  condType,
  errorStringPtr,
  libraryErrors,
  onceType,
  timerType,
} from '../lang/stdlib';
import type { EngineEvent, GState, WaitReason } from './events';
import { grown } from './typed';
import { Heap } from './heap';
import {
  DEFAULT_LIMITS,
  GO,
  TIMER_GOFUNC,
  TIMER_GOFUNC_AT,
  indexOutOfRange,
  limitMessage,
  sliceOutOfRange,
  type LimitName,
  type Limits,
} from './messages';
import {
  FnVal,
  Iface,
  K,
  Keys,
  Ref,
  Role,
  Slice,
  cloneObj,
  sliceValues,
  type MapKey,
  type MapObj,
  type Obj,
  type SlotsObj,
  type Value,
} from './values';
import { callNative, type NativeResult } from './natives';
import { fireTimerChan, setTimerChan } from './chan';
import { intOp, negInt, wrapInt, type IntOp } from './int64';
import {
  decodeIface,
  decodeLeaves,
  decodePointer,
  encodeIface,
  encodeLeaves,
  encodePointer,
  isCompositeKey,
  isIfaceKey,
  isPointerKey,
  showComposite,
} from './keys';
import { addressOf, formatValue, panicText } from './fmt';
import { RaceDetector } from './race';
import { copyMap, Entries } from './entries';
import { fatalReport, panicReport } from './report';

export const enum Mode {
  Normal,
  Returning,
  Panicking,
}

export interface DeferRec {
  readonly fn: FnVal;
  readonly args: readonly Value[];
  readonly pos: Pos;
}

export interface Frame {
  /**
   * the epoch of the machine that may write it: a goroutine's copy copies only its top frame,
   * and a frame below is copied when a return makes it the top (Machine.uncover)
   */
  ep: number;
  readonly f: FuncCode;
  pc: number;
  L: Value[];
  S: Value[];
  /** deferred calls, in the order deferred (the last runs first); replaced, never changed in place */
  D: readonly DeferRec[] | null;
  mode: Mode;
  ret: Value[] | null;
  /** this frame runs a deferred call (so recover() may stop a panic) */
  readonly isDefer: boolean;
  /**
   * fmt called this frame's String or Error method to print a value: a panic that reaches it
   * stops here, as fmt's catchPanic recovers it (see callSync)
   */
  readonly catches: boolean;
  /** for a deferred call: where the defer statement is */
  readonly deferAt: Pos | null;
  /**
   * the library call at pc called Go code that blocked (fmt calling a String method that
   * waits for a lock): what its earlier calls returned, and how many results the blocked one
   * will leave on S; the call runs again when that one returns (see callSync). Else null.
   */
  memo: SyncMemo | null;
  /**
   * the frames a panic has unwound above this one (innermost first) while this one runs its
   * deferred calls: Go's stack still holds them then, and its tracebacks show them between
   * the deferred call and this frame. Display only (the state hash leaves it out).
   */
  unwound: readonly TraceFrame[] | null;
}

export interface SyncMemo {
  /** the results of the calls made so far, in order; never changed once made */
  readonly done: readonly (readonly Value[])[];
  readonly awaiting: number;
}

/** Thrown by callSync when Go code it runs blocks: the library call is suspended, not failed. */
const SUSPEND = new Error('suspended');

export interface PanicState {
  readonly value: Value;
  readonly text: string;
  recovered: boolean;
  /** the stack where panic was called: what Go prints if nothing recovers */
  readonly trace: readonly TraceFrame[];
  readonly prev: PanicState | null;
  readonly runtimeError: boolean;
}

export interface TraceFrame {
  readonly fn: string;
  readonly pos: Pos;
  readonly hasArgs: boolean;
}

export interface G {
  readonly id: number;
  ep: number;
  st: GState;
  fr: Frame[];
  /** sub-step of a multi-step library call (Lock: try / wait / acquire) */
  phase: number;
  reason: WaitReason | null;
  /** the object it waits on (heap id), or -1 */
  waitObj: number;
  /** sleeping until (virtual ns) */
  wake: number;
  /** when it started waiting for a mutex (for starvation mode), or -1 */
  waitStart: number;
  /** a starving mutex was handed to it directly */
  handoff: boolean;
  /** the function it was started with (goroutine 1: main.init, then main.main) */
  fn: string;
  readonly createdBy: number;
  readonly createdAt: Pos | null;
  readonly createdIn: string | null;
  panic: PanicState | null;
  /** map keys it last read, by `mapId:key`, with the version read (lost-update detection) */
  reads: Map<string, number> | null;
  /** steps taken, for figures */
  steps: number;
  /** locks it holds, with the line it took each at (Go does not track owners; we explain) */
  held: readonly HeldLock[];
  /** how many ranges over a map it has started (each starts at its own place: rangeMapInit) */
  ranges: number;
  /**
   * for the explorer's state hash: a hash of where it is, kept once this copy can no longer
   * change (its epoch is not its machine's), else -1
   */
  shape: number;
  /** for the explorer's state hash: its own part of the state, kept under the same rule */
  walk: readonly number[] | null;
}

export interface HeldLock {
  readonly obj: number;
  readonly line: number;
  readonly mode: 'lock' | 'rlock';
}

export type OutcomeKind =
  | 'exit'
  | 'panic'
  | 'fatal'
  | 'deadlock'
  | 'race'
  | 'limit'
  | 'hang'
  /** a bug in Interleave itself: the run stops with a message instead of taking the page down */
  | 'internal';

export interface Outcome {
  readonly kind: OutcomeKind;
  /** the exit code `go run` reports (0, 2, 66); 124 when Interleave stops a run Go would not end */
  readonly code: number;
  /** first line of the runtime's report ('' for a clean exit) */
  readonly first: string;
  readonly g: number | null;
  readonly pos: Pos | null;
  readonly limit: LimitName | null;
  /** the map or lock the failure happened on (heap id), when there is one */
  readonly obj?: number;
}

export interface MachineOptions {
  readonly race?: boolean;
  readonly seed?: number;
  readonly limits?: Partial<Limits>;
  /** the path printed in tracebacks (`go run` prints the absolute path) */
  readonly fileName?: string;
  /** collect events for each step (the UI does; the explorer does not) */
  readonly record?: boolean;
}

/**
 * What a step touches, for the explorer (see Machine.footprint): a list of numbers kept in a
 * typed array and reused from move to move (an array emptied with `length = 0` gives up its
 * storage, so every move would allocate it again).
 */
export class Footprint {
  a = new Int32Array(64);
  n = 0;

  push(x: number): void {
    if (this.n === this.a.length) this.a = grown(this.a);
    this.a[this.n++] = x;
  }
}

/** Where g's list of held locks has obj, taken in this mode; -1 if it has not. */
function heldIndex(g: G, obj: number, mode: 'lock' | 'rlock'): number {
  const held = g.held;
  for (let i = 0; i < held.length; i++) {
    const h = held[i] as HeldLock;
    if (h.obj === obj && h.mode === mode) return i;
  }
  return -1;
}

/** What a sync.Map's entries are, for fmt and the UI: map[any]any. */
export const SYNC_MAP_TYPE: Type = { k: 'map', key: emptyInterface, elem: emptyInterface };

/** Footprint entries for shared things that are not heap objects (see Machine.footprint). */
export const FP_GLOBAL = -1;
/** goroutine ids and the goroutine list: `go` statements */
export const FP_SPAWN = 1 << 28;
/** stdout and stderr */
export const FP_OUTPUT = FP_SPAWN + 1;
/** math/rand's global source */
export const FP_RAND = FP_SPAWN + 3;

const MAIN_GOROUTINE = 1;
/** Go's runtime starts goroutines 2-5 (GC workers, finaliser) before main's first `go`. */
const FIRST_USER_GOROUTINE = 6;

export type StepEnd = 'ok' | 'blocked' | 'ended' | 'exited';

export interface StepInfo {
  readonly g: number;
  readonly pos: Pos;
  readonly label: string;
  readonly fn: string;
}

/** The events of a machine that does not record: nothing is ever added to it. */
/** log.LstdFlags (Ldate | Ltime), no prefix */
const DEFAULT_LOGGER = { flags: 3, prefix: '' } as const;
const NO_IDS: ReadonlySet<number> = new Set();
const NO_EVENTS: EngineEvent[] = [];
const NO_CHANGES: number[] = [];
/** a goroutine that holds no lock (never changed: a list of held locks is only replaced) */
const NO_HELD: readonly HeldLock[] = [];

/** what a map event says happened */
type MapEventOp = Extract<EngineEvent, { t: 'map' }>['op'];

class Exit {
  constructor(readonly outcome: Outcome) {}
}

/**
 * What a machine and every machine forked from it share: the program and its settings, the
 * epoch counter, and the scratch space of the step under way (only one machine steps at a
 * time). Kept out of each machine, so that a fork, which the explorer makes for every move,
 * copies less.
 */
class Family {
  /** the last epoch given out (see Machine.ep) */
  epoch = 1;
  /** context errors, allocated once so `err == context.Canceled` holds */
  ctxErrs: [Value, Value] = [null, null];
  /** see Machine.footprint, privacy, lockAttempt and lockCall */
  footprint: Footprint | null = null;
  privacy: Privacy | null = null;
  lockAttempt = -1;
  lockCall = -1;
  /** see Machine.choose and Machine.took */
  force = 0;
  took: SelectChoice | null = null;
  /**
   * the library call running now, for callSync: its frame, how many Go calls it has made,
   * their results (made when first needed), and how many results the one that blocked will
   * leave
   */
  syncFr: Frame | null = null;
  syncCalls = 0;
  syncDone: (readonly Value[])[] | null = null;
  syncAwaiting = -1;
  /** instructions run in the step under way */
  stepInstrs = 0;
  /** while set, fmt does not run the program's own String/Error methods */
  pureFormat = false;
  /** panics stopped by a frame that catches them (Frame.catches), for callSync to take */
  caught: Value[] | null = null;
  /**
   * lists of one held lock, by lock, line and mode (see heldAlone): made once per family and
   * shared, since a held lock and a goroutine's list of them are never changed, only replaced
   */
  private readonly held = new Map<number, readonly HeldLock[]>();

  /** The list holding only lock obj, taken at this line in this mode. */
  heldAlone(obj: number, line: number, mode: 'lock' | 'rlock'): readonly HeldLock[] {
    // (a number key, exact for heap ids below 2^32 and lines below 2^20)
    if (line >= 2 ** 20) return [{ obj, line, mode }];
    const key = obj * 2 ** 21 + line * 2 + (mode === 'rlock' ? 1 : 0);
    let list = this.held.get(key);
    if (!list) {
      list = [{ obj, line, mode }];
      this.held.set(key, list);
    }
    return list;
  }

  constructor(
    readonly prog: Program,
    readonly limits: Limits,
    readonly fileName: string,
    /** the random scheduler's seed: its choice at step n is a function of (seed, n) alone */
    readonly schedSeed: number,
    /** where map ranges start: a number from the seed (see rangeMapInit) */
    readonly mapSeed: number,
  ) {}
}

/**
 * A machine's fields that few steps change (see Machine.cold): shared with the machines it
 * is forked into until one of them changes a field, which first copies them (so a fork, which
 * the explorer makes for every move it tries, copies one reference instead of eight).
 */
class Cold {
  constructor(
    /** the epoch of the machine that may change these in place */
    public ep: number,
    public stderr: string,
    public outputOrder: readonly number[],
    public runtimeReport: string,
    public handedOff: ReadonlySet<number>,
    public logger: Logger,
    public procs: number,
    public finalLocals: readonly Value[],
    public mainStarted: boolean,
  ) {}

  /** A copy that the machine of epoch ep may change in place. */
  copyFor(ep: number): Cold {
    return new Cold(
      ep,
      this.stderr,
      this.outputOrder,
      this.runtimeReport,
      this.handedOff,
      this.logger,
      this.procs,
      this.finalLocals,
      this.mainStarted,
    );
  }
}

interface Logger {
  readonly flags: number;
  readonly prefix: string;
}

/** A select's choice among its ready cases (see Machine.took). */
export interface SelectChoice {
  /** the goroutine, and the select's line */
  readonly g: number;
  readonly line: number;
  /** the case taken, and the cases that were ready (numbers from 1, in source order) */
  readonly c: number;
  readonly ready: readonly number[];
  /** a case `choose` asked for that was not ready (the case the poll order came to was taken), or 0 */
  readonly refused: number;
}

/** Which heap objects only the stepping goroutine can reach (see Machine.privacy). */
type Privacy = { privateTo(id: number, g: number): boolean };

export class Machine {
  private readonly fam: Family;
  get prog(): Program {
    return this.fam.prog;
  }
  get limits(): Limits {
    return this.fam.limits;
  }
  get fileName(): string {
    return this.fam.fileName;
  }
  h: Heap;
  /** goroutines in creation order: G1 (main), then G6, G7, ... so index = gIndexOf(id) */
  gs: G[];
  ep: number;
  now = 0;
  /** math/rand's global source: seeded from the run's seed, so a run replays exactly */
  randState: number;
  stdout = '';
  /** the fields below that few steps change (read and written through the accessors) */
  private cold: Cold;
  /** cold, safe to change in this machine */
  private coldW(): Cold {
    if (this.cold.ep !== this.ep) this.cold = this.cold.copyFor(this.ep);
    return this.cold;
  }
  get stderr(): string {
    return this.cold.stderr;
  }
  set stderr(v: string) {
    this.coldW().stderr = v;
  }
  /**
   * the order in which stdout and stderr were written, for a transcript like a terminal's:
   * runs of characters, positive for stdout and negative for stderr (for the UI; replaced,
   * never changed, and left out of the explorer's state)
   */
  get outputOrder(): readonly number[] {
    return this.cold.outputOrder;
  }
  set outputOrder(v: readonly number[]) {
    this.coldW().outputOrder = v;
  }
  /** what the runtime wrote to stderr (reports, fatal errors), without the program's own text */
  get runtimeReport(): string {
    return this.cold.runtimeReport;
  }
  set runtimeReport(v: string) {
    this.coldW().runtimeReport = v;
  }
  /**
   * structs a `go` statement handed to a goroutine, for the UI's shared variables (kept only
   * when recording; replaced, never changed; left out of the explorer's state)
   */
  get handedOff(): ReadonlySet<number> {
    return this.cold.handedOff;
  }
  set handedOff(v: ReadonlySet<number>) {
    this.coldW().handedOff = v;
  }
  /** the standard logger's flags and prefix (log.SetFlags, log.SetPrefix); replaced, never changed */
  get logger(): Logger {
    return this.cold.logger;
  }
  set logger(v: Logger) {
    this.coldW().logger = v;
  }
  /** runtime.GOMAXPROCS's setting (it changes nothing else: see SIMULATED_CPUS) */
  get procs(): number {
    return this.cold.procs;
  }
  set procs(v: number) {
    this.coldW().procs = v;
  }
  outcome: Outcome | null = null;
  steps = 0;
  nextGid = FIRST_USER_GOROUTINE;
  /**
   * the runnable goroutines' ids in increasing order (the scheduler draws from them and settle
   * asks at every step: scanning every goroutine for them was most of a step's time with
   * hundreds of goroutines); shared with forks until one changes it (rqEp: its owner's epoch)
   */
  private rq: number[] = [];
  private rqEp = 0;
  globals: Value[];
  race: RaceDetector | null;
  record: boolean;
  /** this step's events while recording; else one shared empty list that stays empty */
  events: EngineEvent[];
  /**
   * while recording, the goroutines this step started or moved to another state (ids, some
   * perhaps twice): what the simulator's timeline updates, instead of asking every goroutine
   * at every step; else one shared empty list that stays empty
   */
  changed: number[];
  /** the goroutine that took the last step */
  lastG = 0;
  /**
   * For the explorer, while not null: what the current step touches that another goroutine
   * could see, as id*2 + (write ? 1 : 0). Heap objects by heap id, a few shared things that
   * are not objects by the FP_* ids below, and FP_GLOBAL for anything else (it conflicts with
   * every other step).
   */
  get footprint(): Footprint | null {
    return this.fam.footprint;
  }
  set footprint(f: Footprint | null) {
    this.fam.footprint = f;
  }
  /**
   * For the explorer, while not null: which heap objects only the stepping goroutine can
   * reach. Touching them is left out of the footprint (no other goroutine can see it).
   */
  get privacy(): Privacy | null {
    return this.fam.privacy;
  }
  set privacy(p: Privacy | null) {
    this.fam.privacy = p;
  }
  /**
   * For the explorer: the mutex (heap id) a Lock in this step tried and found locked, so the
   * goroutine waits for it; -1 otherwise. The caller resets it before each step.
   */
  get lockAttempt(): number {
    return this.fam.lockAttempt;
  }
  set lockAttempt(id: number) {
    this.fam.lockAttempt = id;
  }
  /**
   * For the explorer: the mutex (heap id) a sync.Mutex.Lock called in this step (from its
   * first phase, not from inside another library call) was called on; -1 otherwise. The
   * caller resets it before each step.
   */
  get lockCall(): number {
    return this.fam.lockCall;
  }
  set lockCall(id: number) {
    this.fam.lockCall = id;
  }
  /**
   * The case the next select with two or more ready cases takes (a number from 1, the cases
   * counted in source order), or 0 for the one its random poll order comes to first: a
   * schedule's choice, or the explorer's. Set before each step: it holds for that step only.
   */
  choose(c: number): void {
    this.fam.force = c;
    this.fam.took = null;
  }
  /**
   * After a step that ran a select with two or more ready cases: which it took and which were
   * ready, and whether the case `choose` asked for was one of them; null after any other step
   * (since the last `choose`).
   */
  get took(): SelectChoice | null {
    return this.fam.took;
  }
  /** A select with these ready cases (numbers from 1) chose: the case to take (see choose). */
  selectChoice(g: G, ready: readonly number[], drawn: number, line: number): number {
    const force = this.fam.force;
    const ok = force === 0 || ready.includes(force);
    const c = force !== 0 && ok ? force : drawn;
    this.fam.took = { g: g.id, c, ready, line, refused: ok ? 0 : force };
    return c;
  }
  /** context errors, allocated once so `err == context.Canceled` holds */
  get ctxErrs(): [Value, Value] {
    return this.fam.ctxErrs;
  }
  liveObjects = 0;
  /** main's variables when it returned: what the program's final picture still shows */
  get finalLocals(): readonly Value[] {
    return this.cold.finalLocals;
  }
  set finalLocals(v: readonly Value[]) {
    this.coldW().finalLocals = v;
  }
  /** package initialisation is done and main.main has started */
  private get mainStarted(): boolean {
    return this.cold.mainStarted;
  }
  private set mainStarted(v: boolean) {
    this.coldW().mainStarted = v;
  }

  /** @param from internal: the machine `fork()` copies (leave it out) */
  constructor(prog: Program, options?: MachineOptions, from?: Machine) {
    if (from) {
      this.fam = from.fam;
      // a fork: built by the constructor so it has the same shape (hidden class) as any
      // machine; Object.assign over 29 fields left forks in slow dictionary mode
      this.h = new Heap(from.h);
      this.gs = from.gs.slice();
      this.ep = from.ep;
      this.now = from.now;
      this.randState = from.randState;
      this.stdout = from.stdout;
      this.cold = from.cold;
      this.outcome = from.outcome;
      this.steps = from.steps;
      this.nextGid = from.nextGid;
      this.globals = from.globals;
      this.race = from.race ? from.race.clone() : null;
      this.record = from.record;
      this.events = from.record ? [] : NO_EVENTS;
      this.changed = from.record ? [] : NO_CHANGES;
      this.lastG = from.lastG;
      this.liveObjects = from.liveObjects;
      this.timers = from.timers;
      this.rq = from.rq;
      this.rqEp = from.rqEp;
      return;
    }
    // (no default parameter: a fork would make an empty object for it)
    const opts = options ?? {};
    linkProgram(prog);
    const seed = (opts.seed ?? 1) >>> 0;
    this.fam = new Family(
      prog,
      { ...DEFAULT_LIMITS, ...opts.limits },
      opts.fileName ?? 'main.go',
      mix32(seed ^ 0x9e3779b9),
      mix32(seed ^ 0x85ebca6b),
    );
    this.h = new Heap();
    this.gs = [];
    this.globals = [];
    this.timers = [];
    this.ep = 1;
    this.cold = new Cold(this.ep, '', [], '', NO_IDS, DEFAULT_LOGGER, SIMULATED_CPUS, [], false);
    this.randState = mix32(seed ^ 0x27d4eb2f);
    this.race = opts.race ? new RaceDetector() : null;
    this.record = opts.record ?? false;
    this.events = this.record ? [] : NO_EVENTS;
    this.changed = this.record ? [] : NO_CHANGES;
    this.fam.ctxErrs = [this.newError(GO.contextCanceled), this.newError(GO.deadlineExceeded)];
    for (const gv of prog.globals) {
      const z = this.zero(gv.type);
      if (isStructLike(gv.type)) {
        this.nameObj(z, gv.name);
        this.globals.push(z);
      } else {
        const id = this.alloc({
          k: K.Slots,
          ep: this.ep,
          role: Role.Box,
          t: gv.type,
          s: [z],
          name: gv.name,
        });
        this.globals.push(new Ref(id, 0));
      }
    }
    const initFn = prog.funcs[prog.init] as FuncCode;
    const hasInit = initFn.code.length > 1;
    this.newG(hasInit ? prog.init : prog.main, [], null, MAIN_GOROUTINE, 0, null, null);
    this.mainStarted = !hasInit;
  }

  // ---- forking -------------------------------------------------------------------------

  /** An independent copy of this machine. Both sides copy objects before writing them. */
  fork(): Machine {
    const m = new Machine(this.prog, undefined, this);
    this.ep = ++this.fam.epoch;
    m.ep = ++this.fam.epoch;
    return m;
  }

  // ---- heap ----------------------------------------------------------------------------

  alloc(o: Obj): number {
    if (++this.liveObjects > this.limits.heapObjects) this.limit('heapObjects');
    return this.h.push(o, this.ep);
  }

  get(id: number): Obj {
    return this.h.get(id) as Obj;
  }

  /** The object, safe to write in this machine. */
  wr<T extends Obj>(id: number): T {
    const o = this.h.get(id) as Obj;
    if (o.ep === this.ep) return o as T;
    const c = cloneObj(o, this.ep);
    this.h.set(id, c, this.ep);
    return c as T;
  }

  slots(id: number): SlotsObj {
    return this.h.get(id) as SlotsObj;
  }

  private nameObj(v: Value, name: string): void {
    if (v instanceof Ref && v.f === -1) {
      const o = this.h.get(v.id);
      if (o && 'name' in o && o.name === '') (this.wr(v.id) as { name: string }).name = name;
      // the mutex inside a sync.Once is shown as the Once's: "once.m"
      if (o?.k === K.Slots && o.t === onceType) this.nameObj(o.s[1] as Value, `${name}.m`);
    }
  }

  /** An error with this text, of errors.New's type or another of `libraryErrors`. */
  newError(msg: string, t: Type = errorStringPtr): Value {
    // (a pointer's object is what it points to; a value type's is the value)
    return new Iface(t, this.newStruct(t.k === 'ptr' ? t.elem : t, [msg]));
  }

  /** A new struct of type t (a library's, as a strings.Replacer) holding s: a pointer to it. */
  newStruct(t: Type, s: Value[]): Ref {
    return new Ref(this.alloc({ k: K.Slots, ep: this.ep, role: Role.Struct, t, s, name: '' }), -1);
  }

  /** The zero value of t (a new object for struct-like types). */
  zero(t: Type): Value {
    if (t.k === 'named' && t.special) return new Ref(this.newSpecial(t.special), -1);
    const u = under(t);
    switch (u.k) {
      case 'basic':
        if (u.name === 'string' || u.name === 'untyped string') return '';
        if (u.name === 'bool' || u.name === 'untyped bool') return false;
        return 0;
      case 'struct': {
        const s = u.fields.map((f) => this.zero(f.type));
        const id = this.alloc({ k: K.Slots, ep: this.ep, role: Role.Struct, t, s, name: '' });
        // (a sync.Once's parts are named after the Once itself, see nameObj)
        if (t !== onceType && t !== condType)
          u.fields.forEach((f, i) => this.nameObj(s[i] as Value, f.name));
        return new Ref(id, -1);
      }
      case 'array': {
        // a struct-like value whose slots are its elements (indexed through a slice view)
        const s = Array.from({ length: u.len }, () => this.zero(u.elem));
        return new Ref(
          this.alloc({ k: K.Slots, ep: this.ep, role: Role.Struct, t, s, name: '' }),
          -1,
        );
      }
      default:
        return null;
    }
  }

  private newSpecial(kind: Special): number {
    switch (kind) {
      case 'cond':
        return this.alloc({ k: K.Cond, ep: this.ep, wait: 0, notify: 0, q: [], tq: [], name: '' });
      case 'mutex':
        return this.alloc({
          k: K.Mutex,
          ep: this.ep,
          locked: false,
          woken: false,
          starving: false,
          q: [],
          holder: 0,
          wokenG: 0,
          name: '',
        });
      case 'rwmutex': {
        const w = this.newSpecial('mutex');
        return this.alloc({
          k: K.RWMutex,
          ep: this.ep,
          w,
          readerCount: 0,
          readerWait: 0,
          readerSem: 0,
          readerQ: [],
          writerSem: 0,
          writerQ: [],
          readers: [],
          writer: 0,
          name: '',
        });
      }
      case 'waitgroup':
      case 'once':
        return this.alloc({ k: K.WaitGroup, ep: this.ep, n: 0, q: [], name: '' });
      case 'syncmap':
        return this.makeMap(SYNC_MAP_TYPE).id;
    }
  }

  /** A deep copy of a struct-like value: `b := a` copies every field, mutexes included. */
  copyValue(r: Value, pos: Pos): Value {
    if (r === null) this.runtimePanic(GO.nilDeref, pos, true);
    if (!(r instanceof Ref)) return r;
    return new Ref(this.copyObj(r.id), -1);
  }

  /**
   * A value of type t as a map object keeps it as a key (a sync.Map's keys too): a pointer's
   * target, an interface's dynamic type and value, a struct's or array's leaves, read as a
   * copy reads them.
   */
  encodeKey(v: Value, t: Type, pos: Pos): MapKey {
    if (under(t).k === 'ptr') return encodePointer(v);
    if (under(t).k === 'iface') {
      // the dynamic type, then the value as a key of that type would be
      if (!(v instanceof Iface)) return encodeIface(this.prog, emptyInterface, '', true);
      const dt = v.t;
      if (!comparable(dt))
        this.runtimePanic(
          `runtime error: hash of unhashable type ${typeString(dt, true)}`,
          pos,
          true,
        );
      const du = under(dt);
      if (du.k === 'basic') return encodeIface(this.prog, dt, v.v as MapKey, true);
      if (du.k === 'ptr' || du.k === 'struct' || du.k === 'array') {
        if (du.k !== 'ptr' && !leafTypes(dt))
          this.runtimePanic(
            `interleave: a map key of dynamic type ${typeString(dt, true)} (a struct or array with a pointer or interface inside) is not simulated`,
            pos,
            true,
          );
        return encodeIface(this.prog, dt, this.encodeKey(v.v, dt, pos), false);
      }
      // (a channel or an unsafe pointer: nothing here makes one)
      return encodeIface(this.prog, dt, String(v.v), true);
    }
    const leaves: MapKey[] = [];
    const walk = (v: Value, t: Type) => {
      const u = under(t);
      if (u.k === 'basic') {
        leaves.push(v as MapKey);
        return;
      }
      if (!(v instanceof Ref)) this.runtimePanic(GO.nilDeref, pos, true);
      const r = v as Ref;
      this.fp(r.id, false);
      const o = this.h.get(r.id) as SlotsObj;
      partTypes(t).forEach((pt, i) => walk(o.s[i] as Value, pt));
    };
    walk(v, t);
    return encodeLeaves(leaves);
  }

  /**
   * The value a map key of type t stands for (what a range gets: a new struct or array, the
   * pointer, the interface value).
   */
  decodeKey(k: MapKey, t: Type): Value {
    if (isPointerKey(k)) return decodePointer(k);
    if (isIfaceKey(k)) {
      const [dt, inner] = decodeIface(this.prog, k);
      if (dt === emptyInterface) return null;
      return new Iface(dt, isComposite(dt) ? this.decodeKey(inner, dt) : inner);
    }
    // a sync.Map keeps a string, int or bool key as itself
    if (!isCompositeKey(k))
      return under(t).k === 'iface'
        ? new Iface(typeof k === 'string' ? T.string : typeof k === 'boolean' ? T.bool : T.int, k)
        : k;
    const leaves = decodeLeaves(k);
    let i = 0;
    const v = this.zero(t);
    const fill = (r: Ref, t: Type) => {
      const o = this.h.get(r.id) as SlotsObj;
      partTypes(t).forEach((pt, j) => {
        if (under(pt).k === 'basic') o.s[j] = leaves[i++] as MapKey;
        else fill(o.s[j] as Ref, pt);
      });
    };
    fill(v as Ref, t);
    return v;
  }

  private copyObj(id: number): number {
    this.fp(id, false);
    const o = this.h.get(id) as Obj;
    switch (o.k) {
      case K.Slots: {
        const s = o.s.map((v, i) => {
          const ft = o.role === Role.Struct ? slotType(o.t, i) : undefined;
          return ft && isStructLike(ft) && v instanceof Ref ? new Ref(this.copyObj(v.id), -1) : v;
        });
        return this.alloc({ k: K.Slots, ep: this.ep, role: o.role, t: o.t, s, name: o.name });
      }
      case K.Mutex:
        // the state word is copied (a locked mutex copies as locked); its waiters are not
        return this.alloc({
          k: K.Mutex,
          ep: this.ep,
          locked: o.locked,
          woken: false,
          starving: o.starving,
          q: [],
          holder: o.holder,
          wokenG: 0,
          name: copyName(o.name),
        });
      case K.RWMutex: {
        const w = this.copyObj(o.w);
        return this.alloc({
          ...o,
          ep: this.ep,
          w,
          readerSem: 0,
          readerQ: [],
          writerSem: 0,
          writerQ: [],
          readers: o.readers.slice(),
          name: copyName(o.name),
        });
      }
      case K.WaitGroup:
        return this.alloc({ k: K.WaitGroup, ep: this.ep, n: o.n, q: [], name: copyName(o.name) });
      case K.Cond:
        // (Go copies the list's words; its checker panics if the copy is used: see condParts)
        return this.alloc({
          k: K.Cond,
          ep: this.ep,
          wait: o.wait,
          notify: o.notify,
          q: [],
          tq: [],
          name: copyName(o.name),
        });
      default:
        return id;
    }
  }

  /** `*dst = *src` for struct-like values, keeping dst's identity (pointers to it stay valid). */
  copyInto(dst: number, src: number): void {
    this.fp(src, false);
    this.fp(dst, true);
    const s = this.h.get(src) as Obj;
    const d = this.wr<Obj>(dst);
    if (s.k === K.Slots && d.k === K.Slots) {
      s.s.forEach((v, i) => {
        const ft = d.role === Role.Struct ? slotType(d.t, i) : undefined;
        const cur = d.s[i];
        if (ft && isStructLike(ft) && v instanceof Ref && cur instanceof Ref)
          this.copyInto(cur.id, v.id);
        else d.s[i] = v;
      });
      return;
    }
    if (s.k === K.Mutex && d.k === K.Mutex) {
      d.locked = s.locked;
      d.starving = s.starving;
      d.holder = s.holder;
      return;
    }
    if (s.k === K.RWMutex && d.k === K.RWMutex) {
      this.copyInto(d.w, s.w);
      d.readerCount = s.readerCount;
      d.readerWait = s.readerWait;
      d.readers = s.readers.slice();
      d.writer = s.writer;
      return;
    }
    if (s.k === K.WaitGroup && d.k === K.WaitGroup) d.n = s.n;
    if (s.k === K.Cond && d.k === K.Cond) {
      d.wait = s.wait;
      d.notify = s.notify;
    }
  }

  // ---- goroutines ----------------------------------------------------------------------

  g(id: number): G {
    return this.gs[gIndexOf(id)] as G;
  }

  /** The goroutine, safe to write in this machine. */
  wg(id: number): G {
    const i = gIndexOf(id);
    const g = this.gs[i] as G;
    if (g.ep === this.ep) return g;
    // only the top frame can be written until a return pops it: the others stay shared
    const fr = g.fr.slice();
    const top = fr.length - 1;
    if (top >= 0) fr[top] = this.copyFrame(fr[top] as Frame);
    // every field spelled out (not spread): this runs once per goroutine per fork
    const c: G = {
      id: g.id,
      ep: this.ep,
      st: g.st,
      fr,
      phase: g.phase,
      reason: g.reason,
      waitObj: g.waitObj,
      wake: g.wake,
      waitStart: g.waitStart,
      handoff: g.handoff,
      fn: g.fn,
      createdBy: g.createdBy,
      createdAt: g.createdAt,
      createdIn: g.createdIn,
      // recover() marks the panic record: each fork needs its own
      panic: g.panic ? { ...g.panic } : null,
      reads: g.reads ? copyMap(g.reads) : null,
      steps: g.steps,
      held: g.held,
      ranges: g.ranges,
      shape: -1,
      walk: null,
    };
    this.gs[i] = c;
    return c;
  }

  private copyFrame(f: Frame): Frame {
    return {
      ep: this.ep,
      f: f.f,
      pc: f.pc,
      L: f.L.slice(),
      S: f.S.slice(),
      // (never changed in place, only replaced: shared until then)
      D: f.D,
      mode: f.mode,
      ret: f.ret ? f.ret.slice() : null,
      isDefer: f.isDefer,
      catches: f.catches,
      deferAt: f.deferAt,
      memo: f.memo,
      unwound: f.unwound,
    };
  }

  /** Pop g's top frame; the frame below, now the top, is made safe to write. */
  private popFrame(g: G): Frame | undefined {
    g.fr.pop();
    const i = g.fr.length - 1;
    const f = g.fr[i];
    if (!f || f.ep === this.ep) return f;
    const c = this.copyFrame(f);
    g.fr[i] = c;
    return c;
  }

  private newG(
    fnId: number,
    args: Value[],
    fv: FnVal | null,
    id: number,
    by: number,
    at: Pos | null,
    inFn: string | null,
  ): G {
    const f = this.prog.funcs[fnId] as FuncCode;
    const g: G = {
      id,
      ep: this.ep,
      st: 'runnable',
      fr: [],
      phase: 0,
      reason: null,
      waitObj: -1,
      wake: 0,
      waitStart: -1,
      handoff: false,
      fn: f.name,
      createdBy: by,
      createdAt: at,
      createdIn: inFn,
      panic: null,
      reads: null,
      steps: 0,
      held: NO_HELD,
      ranges: 0,
      shape: -1,
      walk: null,
    };
    this.gs.push(g);
    this.rqInsert(id);
    if (this.record) this.changed.push(id);
    this.pushFrame(g, fnId, fv, args, false);
    return g;
  }

  private pushFrame(
    g: G,
    fnId: number,
    fv: FnVal | null,
    args: readonly Value[],
    isDefer: boolean,
    deferAt: Pos | null = null,
    catches = false,
  ): void {
    const f = this.prog.funcs[fnId] as FuncCode;
    if (g.fr.length >= this.limits.frames) this.stackOverflow(g);
    const L: Value[] = new Array<Value>(f.nlocals).fill(null);
    let i = 0;
    if (fv && fv.bound) L[i++] = fv.recv;
    for (const a of args) L[i++] = a;
    if (fv && fv.env) {
      const slots = f.captureSlots;
      for (let j = 0; j < slots.length; j++) L[slots[j] as number] = fv.env[j] ?? null;
    }
    g.fr.push({
      ep: this.ep,
      f,
      pc: 0,
      L,
      S: [],
      D: null,
      mode: Mode.Normal,
      ret: null,
      isDefer,
      catches,
      deferAt,
      memo: null,
      unwound: null,
    });
  }

  /** Goroutines that can take a step now, by id. */
  runnable(): number[] {
    return this.rq.slice();
  }

  /** How many goroutines can take a step now (kept as goroutines change state: see setSt). */
  get runnableCount(): number {
    return this.rq.length;
  }

  /** The id of the k-th runnable goroutine (from 0, in the order of `runnable()`). */
  nthRunnable(k: number): number {
    const id = this.rq[k];
    if (id === undefined) throw new Error(`internal: no runnable goroutine number ${k}`);
    return id;
  }

  /** Whether goroutine id exists and can take a step now. */
  isRunnable(id: number): boolean {
    const g = this.gs[gIndexOf(id)];
    return g !== undefined && g.id === id && g.st === 'runnable';
  }

  /**
   * Goroutine g (writable in this machine) enters state st: the runnable list follows, and the
   * list of goroutines changed by this step while recording.
   */
  private setSt(g: G, st: GState): void {
    if (this.record) this.changed.push(g.id);
    if (g.st === 'runnable' && st !== 'runnable') {
      const rq = this.ownRq();
      rq.splice(rq.indexOf(g.id), 1);
    } else if (st === 'runnable' && g.st !== 'runnable') this.rqInsert(g.id);
    g.st = st;
  }

  private rqInsert(id: number): void {
    const rq = this.ownRq();
    let i = rq.length;
    rq.push(id);
    for (; i > 0 && (rq[i - 1] as number) > id; i--) rq[i] = rq[i - 1] as number;
    rq[i] = id;
  }

  /** The runnable list, this machine's own to change. */
  private ownRq(): number[] {
    if (this.rqEp !== this.ep) {
      this.rq = this.rq.slice();
      this.rqEp = this.ep;
    }
    return this.rq;
  }

  get done(): boolean {
    return this.outcome !== null;
  }

  /** Where goroutine id stands: the function, line and step label of its next step. */
  nextStep(id: number): StepInfo {
    const g = this.g(id);
    const fr = g.fr[g.fr.length - 1];
    if (!fr) return { g: id, pos: { line: 0, col: 0 }, label: g.st, fn: g.fn };
    const ins = fr.f.code[fr.pc] as Instr;
    // inside a library wrapper (a deferred mu.Unlock, a cancel func, a Cond's L.Lock): show
    // the library call it makes, at the line of the program's that deferred or called it
    if (fr.f.native && g.fr.length > 1) {
      const call = fr.f.code.slice(fr.pc).find((i) => i.op === Op.Native) ?? ins;
      let pos: Pos | null = null;
      let i = g.fr.length - 1;
      for (; i > 0 && !pos; i--) {
        const f = g.fr[i] as Frame;
        const below = g.fr[i - 1] as Frame;
        if (f.deferAt) pos = f.deferAt;
        else if (!below.f.native) pos = below.f.code[below.pc - 1]?.pos ?? null;
      }
      const caller = g.fr[i] as Frame;
      return { g: id, pos: pos ?? ins.pos, label: this.labelOf(call, g), fn: caller.f.name };
    }
    return { g: id, pos: ins.pos, label: this.labelOf(ins, g), fn: fr.f.name };
  }

  labelOf(ins: Instr, g: G): string {
    if (ins.op === Op.Native) return nativeLabel(ins, g.phase);
    return ins.lab ?? 'statement';
  }

  // ---- stepping ------------------------------------------------------------------------

  /**
   * Run goroutine `id` for one step: until its next step begins, or it blocks, ends, or the
   * program stops. Then let virtual time pass if nobody can run, and detect the end.
   */
  step(id: number): StepEnd {
    if (this.outcome) return 'exited';
    const g = this.wg(id);
    if (g.st !== 'runnable') throw new Error(`G${id} is not runnable (${g.st})`);
    if (this.record) {
      this.events.length = 0;
      this.changed.length = 0;
    }
    this.lastG = id;
    this.steps++;
    g.steps++;
    let end: StepEnd;
    try {
      end = this.run(g);
      if (this.steps >= this.limits.steps && !this.outcome) this.limit('steps');
      this.settle();
    } catch (e) {
      if (e instanceof Exit) {
        this.outcome = e.outcome;
        return 'exited';
      }
      const text = `interleave: internal error: ${e instanceof Error ? e.message : String(e)} (this is a bug in Interleave, not in your program)`;
      this.appendStderr(`${text}\n`);
      this.outcome = { kind: 'internal', code: 70, first: text, g: id, pos: null, limit: null };
      return 'exited';
    }
    return this.outcome ? 'exited' : end;
  }

  private run(g: G): StepEnd {
    this.fam.stepInstrs = 0;
    for (;;) {
      try {
        return this.runInstrs(g);
      } catch (e) {
        // a panic was set up mid-instruction: carry on with the deferred calls it runs
        if (!(e instanceof PanicJump)) throw e;
      }
    }
  }

  private runInstrs(g: G): StepEnd {
    const cap = this.limits.instructionsPerStep;
    for (;;) {
      const fr = g.fr[g.fr.length - 1];
      if (!fr) return 'ended';
      const ins = fr.f.code[fr.pc] as Instr;
      if (this.fam.stepInstrs > 0 && ins.st && g.phase === 0) return 'ok';
      if (++this.fam.stepInstrs > cap) this.limit('instructionsPerStep');
      const r = this.exec(g, fr, ins);
      if (r !== 0) return r === 1 ? 'ok' : r === 2 ? 'blocked' : 'ended';
    }
  }

  // ---- the interpreter -----------------------------------------------------------------

  /** Execute one instruction. 0: continue the step; 1: the step ends; 2: blocked; 3: goroutine ended. */
  private exec(g: G, fr: Frame, ins: Instr): number {
    const S = fr.S;
    switch (ins.op) {
      case Op.Push:
        S.push(ins.c as Value);
        break;
      case Op.Pop:
        S.pop();
        break;
      case Op.Dup: {
        const n = ins.a;
        const base = S.length - n;
        for (let i = 0; i < n; i++) S.push(S[base + i] as Value);
        break;
      }
      case Op.Swap: {
        const a = S.pop() as Value;
        const b = S.pop() as Value;
        S.push(a, b);
        break;
      }
      case Op.Load:
        S.push(fr.L[ins.a] as Value);
        break;
      case Op.Store:
        fr.L[ins.a] = S.pop() as Value;
        break;
      case Op.Global:
        S.push(this.globals[ins.a] as Value);
        break;
      case Op.Box: {
        const v = S.pop() as Value;
        S.push(
          new Ref(
            this.alloc({
              k: K.Slots,
              ep: this.ep,
              role: Role.Box,
              t: errorStringPtr,
              s: [v],
              name: '',
            }),
            0,
          ),
        );
        break;
      }
      case Op.LoadP: {
        const p = this.ptr(S.pop() as Value, ins.pos);
        this.touch(g, p.id, p.f, false, ins);
        S.push(this.slots(p.id).s[p.f] as Value);
        break;
      }
      case Op.StoreP: {
        const v = S.pop() as Value;
        const p = this.ptr(S.pop() as Value, ins.pos);
        this.touch(g, p.id, p.f, true, ins);
        this.wr<SlotsObj>(p.id).s[p.f] = v;
        break;
      }
      case Op.FieldP: {
        const s = this.ptr(S.pop() as Value, ins.pos);
        S.push(new Ref(s.id, ins.a));
        break;
      }
      case Op.FieldS: {
        const s = this.ptr(S.pop() as Value, ins.pos);
        S.push(this.slots(s.id).s[ins.a] as Value);
        break;
      }
      case Op.LoadF: {
        const s = this.ptr(S.pop() as Value, ins.pos);
        if (ins.b === 0) this.touch(g, s.id, ins.a, false, ins);
        S.push(this.slots(s.id).s[ins.a] as Value);
        break;
      }
      case Op.StoreF: {
        const v = S.pop() as Value;
        const s = this.ptr(S.pop() as Value, ins.pos);
        if (ins.b === 0) this.touch(g, s.id, ins.a, true, ins);
        this.wr<SlotsObj>(s.id).s[ins.a] = v;
        break;
      }
      case Op.MapKey: {
        const src = S.pop() as Value;
        if (src instanceof Ref) this.touch(g, src.id, -1, false, ins);
        S.push(this.encodeKey(src, ins.c as Type, ins.pos));
        break;
      }
      case Op.Copy: {
        const src = S.pop() as Value;
        if (src instanceof Ref) this.touch(g, src.id, -1, false, ins);
        S.push(this.copyValue(src, ins.pos));
        break;
      }
      case Op.CopyInto: {
        const src = this.ptr(S.pop() as Value, ins.pos);
        const dst = this.ptr(S.pop() as Value, ins.pos);
        this.touch(g, src.id, -1, false, ins);
        this.touch(g, dst.id, -1, true, ins);
        if (src.id !== dst.id) this.copyInto(dst.id, src.id);
        break;
      }
      case Op.Zero:
        S.push(this.zero(ins.c as Type));
        break;
      case Op.New: {
        const t = ins.c as Type;
        const z = this.zero(t);
        S.push(
          isStructLike(t)
            ? z
            : new Ref(
                this.alloc({ k: K.Slots, ep: this.ep, role: Role.Box, t, s: [z], name: '' }),
                0,
              ),
        );
        break;
      }
      case Op.StructLit: {
        const t = ins.c as Type;
        const s = S.splice(S.length - ins.a);
        const id = this.alloc({ k: K.Slots, ep: this.ep, role: Role.Struct, t, s, name: '' });
        const u = under(t);
        if (u.k === 'struct') u.fields.forEach((f, i) => this.nameObj(s[i] as Value, f.name));
        S.push(new Ref(id, -1));
        break;
      }
      case Op.Place: {
        const { at, len, zero } = ins.c as { at: number[]; len: number; zero: Type };
        const out = new Array<Value | undefined>(len);
        S.splice(S.length - ins.a).forEach((v, i) => (out[at[i] as number] = v));
        for (let i = 0; i < len; i++) S.push(out[i] ?? this.zero(zero));
        break;
      }
      case Op.SliceLit: {
        const vals = ins.a > 0 ? S.splice(S.length - ins.a) : [];
        const id = this.alloc({
          k: K.Slots,
          ep: this.ep,
          role: Role.Backing,
          t: ins.c as Type,
          s: vals,
          name: '',
        });
        S.push(new Slice(id, 0, vals.length, vals.length));
        break;
      }
      case Op.MapLit: {
        const kv = S.splice(S.length - 2 * ins.a);
        const ref = this.makeMap(ins.c as Type);
        const m = this.wr<MapObj>(ref.id);
        for (let i = 0; i < kv.length; i += 2) m.m.set(kv[i] as MapKey, kv[i + 1] as Value);
        S.push(ref);
        break;
      }
      case Op.MakeMap:
        S.push(this.makeMap(ins.c as Type));
        break;
      case Op.Bin: {
        const y = S.pop() as Value;
        const x = S.pop() as Value;
        const k = ins.c as NumKind;
        const op = ins.a as BinOp;
        let r: Value;
        // a 64-bit integer past 2^53 is a bigint (see int64.ts): worked out exactly
        if ((typeof x === 'bigint' || typeof y === 'bigint') && op < BinOp.Eq)
          r = this.intBin(op, x as number | bigint, y as number | bigint, k, ins.pos);
        else {
          r = this.binop(op, x, y, k, ins.pos);
          // (a result past 2^53, where a double may not be the integer: worked out again)
          if (
            k.bits === 64 &&
            typeof r === 'number' &&
            Math.abs(r) > MAX_SAFE &&
            (k.kind === 'int' || k.kind === 'uint')
          )
            r = this.intBin(op, x as number, y as number, k, ins.pos);
        }
        S.push(r);
        break;
      }
      case Op.Un: {
        const x = S.pop() as Value;
        const k = ins.c as NumKind | null;
        if (ins.a === UnOp.Not) S.push(!x);
        else if (k?.bits === 64 && (k.kind === 'int' || k.kind === 'uint')) {
          // (JavaScript's ~ works on 32 bits: ^x of a 64-bit x is -x - 1, two's complement)
          S.push(negInt(x as number | bigint, ins.a === UnOp.BitNot, k.kind === 'uint'));
        } else if (ins.a === UnOp.Neg) S.push(k ? wrap(-(x as number), k) : -(x as number));
        else S.push(k ? wrap(~(x as number), k) : ~(x as number));
        break;
      }
      case Op.Conv:
        S.push(convert(S.pop() as Value, ins.c as { from: Type; to: Type }));
        break;
      case Op.ToIface:
        S.push(new Iface(ins.c as Type, S.pop() as Value));
        break;
      case Op.Assert:
        this.assert(S, ins);
        break;
      case Op.IsNil:
        S.push(S.pop() === null);
        break;
      case Op.ArrayView: {
        const a = this.ptr(S.pop() as Value, ins.pos);
        S.push(new Slice(a.id, 0, ins.a, ins.a));
        break;
      }
      case Op.Jmp:
        fr.pc = ins.a;
        return 0;
      case Op.JmpF:
        if (S.pop() === false) {
          fr.pc = ins.a;
          return 0;
        }
        break;
      case Op.JmpT:
        if (S.pop() === true) {
          fr.pc = ins.a;
          return 0;
        }
        break;
      case Op.Call: {
        const args = ins.b > 0 ? S.splice(S.length - ins.b) : [];
        fr.pc++;
        this.pushFrame(g, ins.a, null, args, false);
        return 0;
      }
      case Op.CallV: {
        const args = ins.b > 0 ? S.splice(S.length - ins.b) : [];
        const fv = S.pop() as Value;
        if (!(fv instanceof FnVal)) this.runtimePanic(GO.nilDeref, ins.pos, true);
        fr.pc++;
        this.pushFrame(g, fv.fn, fv, args, false);
        return 0;
      }
      case Op.CallI:
        return this.callIface(g, fr, ins);
      case Op.Ret:
        return this.ret(g, fr, ins);
      case Op.Go:
        this.goStmt(g, fr, ins);
        break;
      case Op.Defer: {
        const args = ins.b > 0 ? S.splice(S.length - ins.b) : [];
        const c = ins.c as { fn: number } | null;
        const fv = c ? new FnVal(c.fn, null, null, false) : (S.pop() as Value);
        // defer of a nil func panics when the deferred call runs, not here (as in Go)
        // (a new list: a frame's copies share it, see copyFrame)
        const rec: DeferRec = {
          fn: fv instanceof FnVal ? fv : new FnVal(-1, null, null, false),
          args,
          pos: ins.pos,
        };
        fr.D = fr.D ? [...fr.D, rec] : [rec];
        break;
      }
      case Op.Closure: {
        const env = ins.b > 0 ? S.splice(S.length - ins.b) : [];
        S.push(new FnVal(ins.a, env, null, false));
        break;
      }
      case Op.MethodVal:
        S.push(new FnVal(ins.a, null, S.pop() as Value, true));
        break;
      case Op.IfaceMethodVal:
        S.push(this.ifaceMethodValue(S.pop() as Value, ins.c as string, ins.pos));
        break;
      case Op.Native:
        return this.native(g, fr, ins);
      case Op.Panic: {
        const v = S.pop() as Value;
        // Go 1.21: panic(nil) panics with a *runtime.PanicNilError
        if (v === null)
          this.startPanic(
            g,
            this.newError('panic called with nil argument', RUNTIME_ERRORS.panicNil),
            true,
            ins.pos,
          );
        this.startPanic(g, v, false, ins.pos);
        return 0;
      }
      case Op.Recover:
        S.push(this.recover(g, fr));
        break;
      case Op.MapGet:
        this.mapGet(g, S, ins);
        break;
      case Op.MapW:
        return this.mapWrite(g, fr, ins);
      case Op.MapLen: {
        const m = S.pop() as Value;
        if (m instanceof Ref) {
          this.touch(g, m.id, -1, false, ins);
          const mo = this.h.get(m.id) as MapObj;
          this.mapEvent(g, m.id, mo, 'len', undefined, mo.m.size, mo.writing);
          S.push(mo.m.size);
        } else S.push(0);
        break;
      }
      case Op.RangeMapInit:
        this.rangeMapInit(g, fr, ins);
        break;
      case Op.RangeMapNext:
        return this.rangeMapNext(g, fr, ins);
      case Op.RangeStrNext:
        return this.rangeStrNext(fr, ins);
      case Op.Index:
        this.index(g, S, ins);
        break;
      case Op.SetIndex: {
        const v = S.pop() as Value;
        const i = S.pop() as number;
        const s = S.pop() as Value;
        const sl = this.checkIndex(s, i, ins.pos);
        this.touch(g, sl.b, sl.off + i, true, ins);
        this.wr<SlotsObj>(sl.b).s[sl.off + i] = v;
        break;
      }
      case Op.IndexP: {
        const i = S.pop() as number;
        const sl = this.checkIndex(S.pop() as Value, i, ins.pos);
        S.push(new Ref(sl.b, sl.off + i));
        break;
      }
      case Op.Append: {
        const vals = ins.a > 0 ? S.splice(S.length - ins.a) : [];
        S.push(this.append(g, S.pop() as Value, vals, ins));
        break;
      }
      case Op.AppendSlice: {
        const t = S.pop() as Value;
        if (t instanceof Slice) this.touch(g, t.b, -1, false, ins);
        const vals = t instanceof Slice ? this.slots(t.b).s.slice(t.off, t.off + t.len) : [];
        S.push(this.append(g, S.pop() as Value, vals, ins));
        break;
      }
      case Op.SliceX:
        this.sliceX(S, ins);
        break;
      case Op.Len: {
        const x = S.pop() as Value;
        S.push(typeof x === 'string' ? utf8Len(x) : x instanceof Slice ? x.len : 0);
        break;
      }
      case Op.Cap: {
        const x = S.pop() as Value;
        S.push(x instanceof Slice ? x.cap : 0);
        break;
      }
      case Op.MakeSlice: {
        const cap = ins.a === 1 ? (S.pop() as number) : -1;
        const len = S.pop() as number;
        const c = cap < 0 ? len : cap;
        if (len < 0) this.runtimePanic('runtime error: makeslice: len out of range', ins.pos, true);
        if (c < len) this.runtimePanic('runtime error: makeslice: cap out of range', ins.pos, true);
        if (c > this.limits.sliceLength) this.limit('sliceLength');
        const elem = (under(ins.c as Type) as { elem: Type }).elem;
        const s: Value[] = [];
        for (let i = 0; i < c; i++) s.push(this.zero(elem));
        const id = this.alloc({
          k: K.Slots,
          ep: this.ep,
          role: Role.Backing,
          t: elem,
          s,
          name: '',
        });
        S.push(new Slice(id, 0, len, c));
        break;
      }
      case Op.LoadBox: {
        const p = fr.L[ins.a] as Ref;
        this.touch(g, p.id, 0, false, ins);
        S.push(this.slots(p.id).s[0] as Value);
        break;
      }
      case Op.StoreBox: {
        const p = fr.L[ins.a] as Ref;
        this.touch(g, p.id, 0, true, ins);
        this.wr<SlotsObj>(p.id).s[0] = S.pop() as Value;
        break;
      }
      case Op.InitBox: {
        const v = S.pop() as Value;
        const name = fr.f.localNames[ins.a] ?? '';
        // a lock or a Once a closure captures is named after its variable, as main's are
        if (name) this.nameObj(v, name);
        fr.L[ins.a] = new Ref(
          this.alloc({
            k: K.Slots,
            ep: this.ep,
            role: Role.Box,
            t: fr.f.localTypes[ins.a] ?? errorStringPtr,
            s: [v],
            name,
          }),
          0,
        );
        break;
      }
      case Op.Rebox: {
        const p = fr.L[ins.a] as Ref;
        this.touch(g, p.id, 0, false, ins);
        const o = this.slots(p.id);
        fr.L[ins.a] = new Ref(
          this.alloc({
            k: K.Slots,
            ep: this.ep,
            role: Role.Box,
            t: o.t,
            s: [o.s[0] as Value],
            name: o.name,
          }),
          0,
        );
        break;
      }
      case Op.Nop:
        break;
      default:
        throw new Error(`internal: unknown op ${String(ins.op)}`);
    }
    fr.pc++;
    return 0;
  }

  // ---- calls, returns, panics ----------------------------------------------------------

  private ret(g: G, fr: Frame, ins: Instr): number {
    fr.ret = ins.b === 1 ? null : ins.a > 0 ? fr.S.splice(fr.S.length - ins.a) : [];
    if (fr.mode === Mode.Normal) fr.mode = Mode.Returning;
    return this.unwind(g);
  }

  /**
   * Continue a frame's exit: run its deferred calls (each as a new frame), then hand results
   * to the caller, or keep unwinding a panic. Returns an exec code.
   */
  private unwind(g: G): number {
    for (;;) {
      const fr = g.fr[g.fr.length - 1] as Frame;
      if (fr.mode === Mode.Panicking && g.panic?.recovered) {
        // recover() stopped the panic: this function returns normally to its caller
        fr.mode = Mode.Returning;
        fr.ret = null;
        fr.unwound = null;
        g.panic = null;
      }
      if (fr.D && fr.D.length > 0) {
        const d = fr.D[fr.D.length - 1] as DeferRec;
        fr.D = fr.D.slice(0, -1);
        if (d.fn.fn < 0) {
          this.startPanicAt(g, this.runtimeError(GO.nilDeref), true, d.pos);
          return 0;
        }
        this.pushFrame(g, d.fn.fn, d.fn, d.args, true, d.pos);
        return 0;
      }
      if (fr.mode === Mode.Panicking && fr.catches) {
        // fmt's catchPanic: the method fmt called returns nothing, and fmt prints the panic
        const p = g.panic as PanicState;
        this.emit({ t: 'recover', g: g.id, value: p.text });
        g.panic = p.prev;
        const parent = this.popFrame(g) as Frame;
        if (parent.memo && parent.memo.awaiting >= 0) {
          // the method had waited (see callSync): the library call runs again, and takes the
          // marked panic for the method's results
          parent.memo = { done: parent.memo.done, awaiting: 2 };
          parent.S.push(p.value, CAUGHT);
        } else (this.fam.caught ??= []).push(p.value);
        return 0;
      }
      if (fr.mode === Mode.Panicking) {
        // (main's variables stay on view after a crash, as after a return)
        if (g.id === MAIN_GOROUTINE && g.fr.length === 1 && this.mainStarted)
          this.finalLocals = fr.L;
        const here: TraceFrame[] = fr.f.native
          ? []
          : [
              {
                fn: fr.f.name,
                pos: fr.f.code[Math.max(0, fr.pc - 1)]?.pos ?? fr.f.pos,
                hasArgs: fr.f.nparams > 0,
              },
            ];
        const parent = this.popFrame(g);
        if (!parent) this.crash(g);
        parent.mode = Mode.Panicking;
        parent.unwound = [...(fr.unwound ?? []), ...here, ...(parent.unwound ?? [])];
        continue;
      }
      const results = this.resultsOf(fr);
      if (g.id === MAIN_GOROUTINE && g.fr.length === 1 && this.mainStarted) this.finalLocals = fr.L;
      const parent = this.popFrame(g);
      if (fr.isDefer && parent) continue;
      if (!parent) return this.goroutineEnd(g);
      for (const r of results) parent.S.push(r);
      return 0;
    }
  }

  private resultsOf(fr: Frame): Value[] {
    const named = fr.f.namedResults;
    if (named)
      return named.map((n) =>
        n.boxed ? (this.slots((fr.L[n.slot] as Ref).id).s[0] as Value) : (fr.L[n.slot] as Value),
      );
    if (fr.ret) return fr.ret;
    return fr.f.type.results.map((t) => this.zero(t));
  }

  private goroutineEnd(g: G): number {
    g.fr = [];
    if (g.id === MAIN_GOROUTINE && !this.mainStarted) {
      // package initialisation is done: main.main runs next on goroutine 1
      this.mainStarted = true;
      this.pushFrame(g, this.prog.main, null, [], false);
      g.fn = (this.prog.funcs[this.prog.main] as FuncCode).name;
      return 1;
    }
    this.setSt(g, 'done');
    this.emit({ t: 'end', g: g.id });
    if (g.id === MAIN_GOROUTINE) this.exit(0);
    return 3;
  }

  /** main returned (or os.Exit): the program ends; other goroutines are dropped silently. */
  /**
   * End the program with this exit code: main returned (0), or goroutine `by` called
   * os.Exit (or log.Fatal) at `pos`, which ends there as finished.
   */
  exit(code: number, by: G | null = null, pos: Pos | null = null): never {
    if (by) this.setSt(this.wg(by.id), 'done');
    if (this.race && this.race.count > 0 && code === 0) {
      this.appendStderr(`Found ${this.race.count} data race(s)\n`);
      throw new Exit({
        kind: 'race',
        code: 66,
        first: 'WARNING: DATA RACE',
        g: null,
        pos: null,
        limit: null,
      });
    }
    throw new Exit({ kind: 'exit', code, first: '', g: by?.id ?? null, pos, limit: null });
  }

  /** Begin a panic in g with value v (already an interface value). */
  startPanic(g: G, v: Value, runtimeError: boolean, pos: Pos): void {
    this.startPanicAt(g, v, runtimeError, pos);
    throw new PanicJump();
  }

  private startPanicAt(g: G, v: Value, runtimeError: boolean, pos: Pos): void {
    const text = panicText(this, v);
    const trace = this.traceback(g, pos);
    g.panic = {
      value: v,
      text,
      recovered: false,
      trace,
      // a panic raised while another unwinds (recovered or not) is printed after it
      prev: g.panic,
      runtimeError,
    };
    this.emit({ t: 'panic', g: g.id, value: text });
    const fr = g.fr[g.fr.length - 1] as Frame;
    fr.mode = Mode.Panicking;
    this.unwind(g);
  }

  /** What the runtime panics with for this message, of the type Go gives it (RUNTIME_ERRORS). */
  runtimeError(msg: string): Value {
    const t = PLAIN_ERRORS.has(msg)
      ? RUNTIME_ERRORS.plainError
      : msg.startsWith('runtime error: index out of range') ||
          msg.startsWith('runtime error: slice bounds out of range')
        ? RUNTIME_ERRORS.boundsError
        : msg.startsWith('interface conversion:')
          ? RUNTIME_ERRORS.typeAssertion
          : RUNTIME_ERRORS.errorString;
    return this.newError(msg, t);
  }

  /**
   * A run-time panic (index out of range, nil map write, nil dereference...), or, if not
   * `isRuntimeError`, a library's panic with a message, which Go's packages raise as a string
   * (panic("strings: negative Repeat count")), the nil map write being the runtime's.
   */
  runtimePanic(msg: string, pos: Pos, isRuntimeError: boolean): never {
    const g = this.wg(this.lastG);
    const v =
      isRuntimeError || msg === GO.nilMapWrite || msg.startsWith('runtime error: ')
        ? this.runtimeError(msg)
        : new Iface(T.string, msg);
    this.startPanic(g, v, isRuntimeError, pos);
    throw new PanicJump();
  }

  private recover(g: G, fr: Frame): Value {
    const p = g.panic;
    const parent = g.fr[g.fr.length - 2];
    if (!p || p.recovered || !fr.isDefer || !parent || parent.mode !== Mode.Panicking) return null;
    p.recovered = true;
    this.emit({ t: 'recover', g: g.id, value: p.text });
    return p.value;
  }

  private crash(g: G): never {
    const p = g.panic as PanicState;
    this.setSt(g, 'crashed');
    const top = p.trace[0];
    const report = panicReport(this, g, p);
    this.appendStderr(report);
    throw new Exit({
      kind: 'panic',
      code: 2,
      first: report.slice(0, report.indexOf('\n')),
      g: g.id,
      pos: top?.pos ?? null,
      limit: null,
    });
  }

  /** A fatal error: not a panic; recover cannot stop it; the program exits with status 2. */
  fatal(msg: string, g: G | null, pos: Pos | null, obj?: number): never {
    if (g) this.setSt(this.wg(g.id), 'crashed');
    this.appendStderr(fatalReport(this, msg, g, pos));
    const kind = msg === GO.deadlock ? 'deadlock' : 'fatal';
    throw new Exit({
      kind,
      code: 2,
      first: `fatal error: ${msg}`,
      g: g?.id ?? null,
      pos,
      limit: null,
      ...(obj !== undefined ? { obj } : {}),
    });
  }

  /**
   * x op y, an arithmetic operator on integers of which one is a bigint or whose result is
   * past 2^53 (see int64.ts): exact, and wrapped to k's width as Go wraps it.
   */
  private intBin(op: BinOp, x: number | bigint, y: number | bigint, k: NumKind, pos: Pos): Value {
    if ((op === BinOp.Div || op === BinOp.Rem) && y === 0)
      this.runtimePanic(GO.divideByZero, pos, true);
    if ((op === BinOp.Shl || op === BinOp.Shr) && y < 0)
      this.runtimePanic(GO.negativeShift, pos, true);
    return intOp(INT_OPS[op] as IntOp, x, y, k.bits, k.kind === 'uint');
  }

  /** Stop the run at a limit, with its message (or this text, for a stop of that kind). */
  limit(name: LimitName, text = limitMessage(name, this.limits)): never {
    this.appendStderr(`${text}\n`);
    throw new Exit({
      kind: 'limit',
      code: 124,
      first: text,
      g: this.lastG || null,
      pos: null,
      limit: name,
    });
  }

  private stackOverflow(g: G): never {
    this.appendStderr(`${GO.stackExceeded}\n`);
    this.fatal(GO.stackOverflow, g, null);
  }

  /** The user-visible stack of g, innermost first (library wrappers left out). */
  traceback(g: G, topPos: Pos | null = null): TraceFrame[] {
    const out: TraceFrame[] = [];
    for (let i = g.fr.length - 1; i >= 0; i--) {
      const fr = g.fr[i] as Frame;
      if (fr.unwound) out.push(...fr.unwound);
      if (fr.f.native) continue;
      const top = i === g.fr.length - 1;
      // the runtime calls each `func init` itself: main.init (the variables) is not under it
      if (
        !top &&
        fr.f === this.prog.funcs[this.prog.init] &&
        g.fr[i + 1]?.f.name.startsWith('main.init.')
      )
        continue;
      const ins = fr.f.code[top ? fr.pc : Math.max(0, fr.pc - 1)];
      const pos = top && topPos ? topPos : (ins?.pos ?? fr.f.pos);
      out.push({ fn: fr.f.name, pos, hasArgs: fr.f.nparams > 0 });
    }
    return out;
  }

  // ---- go statements and dynamic calls -------------------------------------------------

  private goStmt(g: G, fr: Frame, ins: Instr): void {
    this.fp(FP_SPAWN, true);
    const args = ins.b > 0 ? fr.S.splice(fr.S.length - ins.b) : [];
    const c = ins.c as { fn: number } | null;
    const fv = c ? new FnVal(c.fn, null, null, false) : (fr.S.pop() as Value);
    if (!(fv instanceof FnVal)) this.fatal('go of nil func value', g, ins.pos);
    this.roomForGoroutine();
    const id = this.nextGid++;
    const child = this.newG(fv.fn, args, fv, id, g.id, ins.pos, fr.f.name);
    if (this.record) this.noteHandedOff([...args, ...(fv.env ?? []), fv.bound ? fv.recv : null]);
    this.race?.spawn(g.id, id);
    this.emit({ t: 'spawn', g: g.id, child: id, fn: child.fn, pos: ins.pos });
  }

  /** Stop the run at the goroutine limit, before one more is started. */
  private roomForGoroutine(): void {
    const live = this.gs.filter((x) => x.st !== 'done' && x.st !== 'crashed').length;
    if (live >= this.limits.goroutines) this.limit('goroutines');
  }

  /** The value in a variable's box, if v points to one (a captured variable); else v. */
  unbox(v: Value): Value {
    if (!(v instanceof Ref) || v.f !== 0) return v;
    const b = this.h.get(v.id);
    return b?.k === K.Slots && b.role === Role.Box ? (b.s[0] as Value) : v;
  }

  /** Structs a `go` statement hands to the new goroutine (directly or in a captured variable). */
  private noteHandedOff(vals: readonly Value[]): void {
    let next: Set<number> | null = null;
    for (const x of vals) {
      const v = this.unbox(x);
      if (!(v instanceof Ref) || v.f !== -1 || this.handedOff.has(v.id)) continue;
      const o = this.h.get(v.id);
      if (o?.k !== K.Slots || o.role !== Role.Struct) continue;
      next ??= new Set(this.handedOff);
      next.add(v.id);
    }
    if (next) this.handedOff = next;
  }

  private callIface(g: G, fr: Frame, ins: Instr): number {
    const S = fr.S;
    const args = ins.b > 0 ? S.splice(S.length - ins.b) : [];
    const x = S.pop() as Value;
    if (!(x instanceof Iface)) this.runtimePanic(GO.nilDeref, ins.pos, true);
    const found = findMethod(x.t, ins.c as string);
    if (!found) throw new Error(`internal: ${typeString(x.t)} has no method ${String(ins.c)}`);
    const recv = this.receiverFor(x, found, ins.pos);
    // a library method runs in its wrapper's frame, as a call to it would: so it can take
    // steps and block (sync.Mutex.Lock through a Locker waits like a direct Lock)
    const fn = found.ref.native ? this.wrapperOf(found.ref) : found.ref.fn;
    fr.pc++;
    this.pushFrame(g, fn, null, [recv, ...args], false);
    return 0;
  }

  /** The compiled wrapper around a library method (what a method value of it calls). */
  private wrapperOf(ref: MethodRef): number {
    const t = this.prog.trampolines.get(`${ref.native}/${ref.sig.params.length + 1}`);
    if (t === undefined) throw new Error(`internal: no wrapper for ${ref.native}`);
    return t;
  }

  private receiverFor(x: Iface, found: FoundMethod, pos: Pos): Value {
    let recv = x.v;
    for (const i of found.path) recv = this.slots(this.ptr(recv, pos).id).s[i] as Value;
    const ownerStruct = isStructLike(found.owner);
    if (!found.ref.ptrRecv) {
      if (ownerStruct) return this.copyValue(recv, pos);
      if (x.t.k === 'ptr' && found.path.length === 0)
        return this.slots(this.ptr(recv, pos).id).s[0] as Value;
    }
    return recv;
  }

  private ifaceMethodValue(x: Value, name: string, pos: Pos): Value {
    if (!(x instanceof Iface)) this.runtimePanic(GO.nilDeref, pos, true);
    const found = findMethod(x.t, name);
    if (!found) throw new Error(`internal: no method ${name}`);
    const recv = this.receiverFor(x, found, pos);
    return new FnVal(found.ref.native ? this.wrapperOf(found.ref) : found.ref.fn, null, recv, true);
  }

  private native(g: G, fr: Frame, ins: Instr): number {
    const n = ins.a;
    const S = fr.S;
    // back from Go code that blocked inside this call: its results join the earlier ones
    if (fr.memo && fr.memo.awaiting >= 0) {
      const res = S.splice(S.length - fr.memo.awaiting);
      fr.memo = { done: [...fr.memo.done, res], awaiting: -1 };
    }
    const c = ins.c as NativeRef;
    let args = n > 0 ? S.slice(S.length - n) : [];
    // (the slice's elements are read as fmt reads them, without a step or an access of their
    // own: the slice is nearly always the caller's own variadic parameter)
    if (c.spread) args = [...args.slice(0, -1), ...sliceValues(this, args[n - 1] as Value)];
    // library calls that touch shared state (locks, output, the clock) are visible steps
    const waitsFor = this.footprint ? this.libraryFootprint(c.name, args, ins.lab !== null, g) : -1;
    // (a call made from Go code that callSync runs has its own count: save the outer one)
    const outerFr = this.fam.syncFr;
    const outerCalls = this.fam.syncCalls;
    const outerDone = this.fam.syncDone;
    this.fam.syncFr = fr;
    this.fam.syncCalls = 0;
    this.fam.syncDone = null;
    let r: NativeResult;
    try {
      r = callNative(this, g, c.name, args, ins, c);
    } catch (e) {
      if (e !== SUSPEND) throw e;
      fr.memo = { done: this.fam.syncDone ?? [], awaiting: this.fam.syncAwaiting };
      return 2;
    } finally {
      this.fam.syncFr = outerFr;
      this.fam.syncCalls = outerCalls;
      this.fam.syncDone = outerDone;
    }
    if (fr.memo && Array.isArray(r)) fr.memo = null;
    if (waitsFor >= 0 && r !== NATIVE_STEP && r !== NATIVE_BLOCK) this.lockAttempt = -1;
    if (r === NATIVE_STEP) return 1;
    if (r === NATIVE_BLOCK) return 2;
    // the native called back into Go code (callFromNative did the bookkeeping)
    if (r === NATIVE_CALLED) return 0;
    S.length -= n;
    for (const v of r) S.push(v);
    g.phase = 0;
    fr.pc++;
    return 0;
  }

  /**
   * For a native that calls back into Go code (sync.Once.Do calling f): finish the native's
   * call (its n arguments off the stack, the caller resumes after it when fv returns) and
   * push fv's frame with `then` deferred in it, so that it runs when fv returns or panics,
   * after fv's own deferred calls, as a deferred call in the native's Go source would.
   */
  callFromNative(g: G, fv: FnVal, n: number, then: DeferRec | null): typeof NATIVE_CALLED {
    const fr = g.fr[g.fr.length - 1] as Frame;
    fr.S.length -= n;
    fr.pc++;
    g.phase = 0;
    this.pushFrame(g, fv.fn, fv, [], false);
    if (then) (g.fr[g.fr.length - 1] as Frame).D = [then];
    return NATIVE_CALLED;
  }

  /** x.name as a function value, for a native to call (a Cond calling its L's Unlock). */
  methodOf(x: Value, name: string, pos: Pos): FnVal {
    return this.ifaceMethodValue(x, name, pos) as FnVal;
  }

  // ---- blocking and waking -------------------------------------------------------------

  block(g: G, reason: WaitReason, obj: number, name: string, holders: readonly number[]): void {
    this.setSt(g, 'blocked');
    g.reason = reason;
    g.waitObj = obj;
    this.emit({ t: 'block', g: g.id, obj, reason, name, holders });
  }

  sleep(g: G, until: number, reason: WaitReason): void {
    this.setSt(g, 'sleeping');
    g.reason = reason;
    g.wake = until;
    this.emit({ t: 'sleep', g: g.id, until, reason });
  }

  wake(id: number, by: number, obj: number, name: string): void {
    const w = this.wg(id);
    this.setSt(w, 'runnable');
    w.reason = null;
    w.waitObj = -1;
    this.emit({ t: 'wake', g: id, by, obj, name });
  }

  /** Goroutine gid now holds lock obj (taken at its current line). */
  noteHeld(gid: number, obj: number, mode: 'lock' | 'rlock'): void {
    const g = this.wg(gid);
    const fr = g.fr[g.fr.length - 1];
    const line = fr ? (fr.f.code[fr.pc]?.pos.line ?? 0) : 0;
    // (every Lock comes here, and most goroutines hold one lock at a time: the list of that
    // one is made once and shared; concat makes a longer list at its exact size, where a
    // spread would reserve room for 16 more)
    const one = this.fam.heldAlone(obj, line, mode);
    g.held = g.held.length === 0 ? one : g.held.concat(one);
  }

  /** Lock obj was released by `by`; Go lets any goroutine unlock a Mutex, so find its holder. */
  noteReleased(by: number, obj: number, mode: 'lock' | 'rlock'): void {
    // (loops rather than closures: every Unlock comes here)
    let owner = this.g(by);
    let i = heldIndex(owner, obj, mode);
    for (let k = 0; i < 0 && k < this.gs.length; k++) {
      owner = this.gs[k] as G;
      i = heldIndex(owner, obj, mode);
    }
    if (i < 0) return;
    const g = this.wg(owner.id);
    g.held = g.held.length === 1 ? NO_HELD : g.held.filter((_h, j) => j !== i);
  }

  /**
   * Keep an event, if this machine records them (the simulator's does; runs and the explorer's
   * do not): an event that costs work to make (a map's key and value as text) is made only
   * under `if (this.record)`.
   */
  emit(e: EngineEvent): void {
    if (this.record) this.events.push(e);
  }

  write(g: G, stream: 'stdout' | 'stderr', text: string): void {
    if (this.stdout.length + this.stderr.length + text.length > this.limits.outputBytes)
      this.limit('outputBytes');
    this.fp(FP_OUTPUT, true);
    if (stream === 'stdout') {
      this.stdout += text;
      this.noteOutput(text.length);
    } else this.appendStderr(text, true);
    this.emit({ t: 'output', g: g.id, stream, text });
  }

  /**
   * Text written to stderr, in order with stdout (see outputOrder): the runtime's (a report,
   * a fatal error) unless `byProgram` (log, println), which `runtimeReport` leaves out.
   */
  appendStderr(text: string, byProgram = false): void {
    this.stderr += text;
    if (!byProgram) this.runtimeReport += text;
    this.noteOutput(-text.length);
  }

  /** n characters just went to stdout (n > 0) or stderr (n < 0). */
  private noteOutput(n: number): void {
    if (n === 0) return;
    const o = this.outputOrder;
    const last = o[o.length - 1] ?? 0;
    this.outputOrder = last !== 0 && last > 0 === n > 0 ? [...o.slice(0, -1), last + n] : [...o, n];
  }

  /**
   * For the explorer: push what library call `name` touches onto the footprint. Locks and
   * wait groups touch their own object; anything else visible, and any call that may read
   * through a reference (fmt printing a pointer), conflicts with everything. For a Lock that
   * finds its mutex locked, sets lockAttempt and returns the mutex id, else -1.
   */
  private libraryFootprint(name: string, args: readonly Value[], visible: boolean, g?: G): number {
    const recv = args[0];
    if (name.startsWith('sync.') && recv instanceof Ref) {
      const o = this.h.get(recv.id);
      this.fp(recv.id, true);
      if (o?.k === K.RWMutex) this.fp(o.w, true);
      // a sync.Once: its done flag and its mutex
      if (o?.k === K.Slots && (name.startsWith('sync.Once.') || name.startsWith('sync.Cond.')))
        for (const v of o.s) if (v instanceof Ref) this.fp(v.id, true);
      // a Lock called from its first phase, by the program itself (see lockCall)
      if (name === 'sync.Mutex.Lock' && g?.phase === 0 && this.fam.syncFr === null)
        this.lockCall = recv.id;
      // a Lock that will wait: the goroutine can do nothing else until the mutex is unlocked
      const mu =
        name === 'sync.Mutex.Lock'
          ? recv.id
          : name === 'sync.RWMutex.Lock' && o?.k === K.RWMutex && g && g.phase <= 2
            ? o.w
            : -1;
      const mo = mu >= 0 ? this.h.get(mu) : null;
      if (mo?.k === K.Mutex && mo.locked && g && !g.handoff) {
        this.lockAttempt = mu;
        return mu;
      }
      return -1;
    }
    // a channel operation writes the channel (its capacity never changes; a nil channel is
    // no object: an operation on it parks for good)
    if (name.startsWith('chan.')) {
      if (recv instanceof Ref && name !== 'chan.cap' && name !== 'chan.make')
        this.fp(recv.id, name !== 'chan.len');
      return -1;
    }
    // sync/atomic: the native records the one location it touches (see `touch`); math/rand:
    // its source (see nextRand)
    if (name.startsWith('atomic.') || name.startsWith('rand.')) return -1;
    if (visible || args.some(readsThrough)) this.fp(FP_GLOBAL, false);
    return -1;
  }

  /** A library call writes heap object id (for the explorer only, as the library's own). */
  libraryWrite(id: number): void {
    this.fp(id, true);
  }

  /** Record an access for the explorer only (see footprint). */
  private fp(id: number, write: boolean): void {
    if (!this.footprint) return;
    if (id >= 0 && id < FP_SPAWN && this.privacy?.privateTo(id, this.lastG)) return;
    this.footprint.push(id < 0 ? FP_GLOBAL : id * 2 + (write ? 1 : 0));
  }

  /**
   * Record an access to shared memory: for the race detector and the explorer (`atomic`: a
   * sync/atomic operation, see RaceDetector.access).
   */
  touch(g: G, id: number, f: number, write: boolean, ins: Instr, atomic = false): void {
    if (this.footprint && !this.privacy?.privateTo(id, g.id))
      this.footprint.push(id * 2 + (write ? 1 : 0));
    if (this.race) this.race.access(this, g, id, f, write, ins, atomic);
  }

  ptr(v: Value, pos: Pos): Ref {
    if (!(v instanceof Ref)) this.runtimePanic(GO.nilDeref, pos, true);
    return v;
  }

  /** Nobody can run: let virtual time pass, or detect the deadlock. */
  private settle(): void {
    if (this.outcome) return;
    for (;;) {
      if (this.rq.length > 0) return;
      let next = Infinity;
      for (const g of this.gs) if (g.st === 'sleeping' && g.wake < next) next = g.wake;
      for (const id of this.timers) {
        const c = this.h.get(id);
        if (c && c.k === K.Ctx && c.err === null && c.deadline < next) next = c.deadline;
        // (a timer's channel only while someone waits on it: Go 1.23 keeps its timer out of
        // the heap until a goroutine blocks on the channel, so it keeps no program alive)
        if (c && c.k === K.Chan && c.fireAt < next && c.recvq.length > 0) next = c.fireAt;
        const t = timerOf(c);
        if (t && t.s[2] === true && (t.s[0] as number) < next) next = t.s[0] as number;
      }
      if (next === Infinity) break;
      if (next > this.limits.time) this.limit('time');
      this.now = Math.max(this.now, next);
      this.emit({ t: 'time', now: this.now });
      for (const g of this.gs)
        if (g.st === 'sleeping' && g.wake <= this.now) {
          const w = this.wg(g.id);
          this.setSt(w, 'runnable');
          w.reason = null;
        }
      this.fireDeadlines();
    }
    if (this.race) {
      const text =
        'interleave: every goroutine is blocked forever; under -race Go does not report the deadlock, and the program hangs (golang/go#12734)';
      this.appendStderr(`${text}\n`);
      throw new Exit({ kind: 'hang', code: 124, first: text, g: null, pos: null, limit: null });
    }
    this.fatal(GO.deadlock, null, null);
  }

  /**
   * what waits for virtual time besides sleepers: contexts' deadlines, AfterFunc's timers,
   * time.After's channels
   */
  timers: number[];

  /** Cancel the contexts and fire the timers that virtual time has reached. */
  private fireDeadlines(): void {
    for (const id of this.timers) {
      const c = this.h.get(id);
      if (c && c.k === K.Ctx && c.err === null && c.deadline <= this.now)
        cancelCtx(this, id, this.ctxErrs[1], 0, c.dcause ?? this.ctxErrs[1]);
      if (c && c.k === K.Chan) fireTimerChan(this, id);
      const t = timerOf(c);
      if (t && t.s[2] === true && (t.s[0] as number) <= this.now) this.fireTimer(id);
    }
    this.timers = this.timers.filter((id) => {
      const c = this.h.get(id);
      return (
        (!!c && c.k === K.Ctx && c.err === null) ||
        (!!c && c.k === K.Chan && c.fireAt < Infinity) ||
        timerOf(c)?.s[2] === true
      );
    });
  }

  /**
   * time.AfterFunc(d, f): a Timer that starts f in a goroutine of its own once virtual time
   * has passed d (at once, for d <= 0: Go's timer would fire while the caller runs on).
   */
  afterFunc(g: G, d: number, f: Value): Ref {
    const id = this.alloc({
      k: K.Slots,
      ep: this.ep,
      role: Role.Struct,
      t: timerType,
      s: [this.now + Math.max(0, d), f, true, null],
      name: '',
    });
    this.armTimer(g, id, d);
    return new Ref(id, -1);
  }

  /** (*Timer).Stop: whether it stopped a timer still to fire. */
  stopTimer(t: Ref): boolean {
    const o = timerOf(this.h.get(t.id));
    const c = o?.s[3];
    if (c instanceof Ref) return setTimerChan(this, c.id, -1);
    if (!o || o.s[2] !== true) return false;
    this.wr<SlotsObj>(t.id).s[2] = false;
    this.timers = this.timers.filter((id) => id !== t.id);
    return true;
  }

  /** (*Timer).Reset: fire d from now (again); whether it was still to fire. */
  resetTimer(g: G, t: Ref, d: number): boolean {
    const c = timerOf(this.h.get(t.id))?.s[3];
    if (c instanceof Ref) return setTimerChan(this, c.id, Math.max(0, d));
    const was = this.stopTimer(t);
    const w = this.wr<SlotsObj>(t.id);
    w.s[0] = this.now + Math.max(0, d);
    w.s[2] = true;
    this.armTimer(g, t.id, d);
    return was;
  }

  private armTimer(g: G, id: number, d: number): void {
    // (what the goroutine did before setting the timer happens before f runs, as Go's
    // runtime tells the race detector)
    this.race?.release(g.id, `timer${id}`);
    if (d <= 0) this.fireTimer(id);
    else this.timers = [...this.timers, id];
  }

  /** A timer's time has come: its function starts in a new goroutine, as time.goFunc's go. */
  private fireTimer(id: number): void {
    const w = this.wr<SlotsObj>(id);
    w.s[2] = false;
    const child = this.goLibrary(w.s[1] as Value, 0, TIMER_GOFUNC_AT, TIMER_GOFUNC);
    this.race?.acquire(child, `timer${id}`);
  }

  /**
   * A library starts f in a goroutine of its own (time.AfterFunc's timer, context.AfterFunc's
   * cancel), as `go f()` at `at` in function `inFn` of Go's source, in goroutine `by` (0: the
   * runtime). The new goroutine's id.
   */
  goLibrary(f: Value, by: number, at: Pos, inFn: string): number {
    if (!(f instanceof FnVal)) this.fatal('go of nil func value', null, null);
    this.roomForGoroutine();
    const child = this.nextGid++;
    const c = this.newG(f.fn, [], f, child, by, at, inFn);
    if (by > 0) this.race?.spawn(by, child);
    this.emit({ t: 'spawn', g: by, child, fn: c.fn, pos: at });
    return child;
  }

  /** sync.Map's entry change (kind 0 store, 1 delete, 2 clear), as a map write makes it. */
  syncMapChange(g: G, id: number, kind: 0 | 1 | 2, k: MapKey, v: Value): void {
    this.changeEntries(g, id, this.wr<MapObj>(id), kind, k, v);
  }

  /** A new slice holding vals (a backing array of its own). */
  newSlice(vals: readonly Value[], elem: Type): Slice {
    const id = this.alloc({
      k: K.Slots,
      ep: this.ep,
      role: Role.Backing,
      t: elem,
      s: [...vals],
      name: '',
    });
    return new Slice(id, 0, vals.length, vals.length);
  }

  /** The next 32 random bits from math/rand's global source (a shared, visible resource). */
  nextRand(): number {
    this.fp(FP_RAND, true);
    this.randState = randStep(this.randState);
    return this.randState >>> 0;
  }

  /** rand.Seed: the source starts again from a value of the program's. */
  seedRand(v: number): void {
    this.fp(FP_RAND, true);
    this.randState = randSeed(v);
  }

  /**
   * The random scheduler's draw for the coming step: derived from the seed and the step
   * number only, so a replayed or rewound run draws exactly what the original drew.
   */
  schedDraw(): number {
    return mix32((this.fam.schedSeed + Math.imul(this.steps + 1, 0x6d2b79f5)) >>> 0);
  }

  // ---- maps ----------------------------------------------------------------------------

  makeMap(t: Type): Ref {
    return new Ref(
      this.alloc({
        k: K.Map,
        ep: this.ep,
        t,
        m: new Entries(),
        own: this.ep,
        writing: false,
        writer: 0,
        ver: new Map(),
        name: '',
        sumOf: null,
        sumA: 0,
        sumB: 0,
      }),
      -1,
    );
  }

  /** `m[k]`: a lookup checks the writing flag once, at entry (runtime/map.go mapaccess). */
  private mapGet(g: G, S: Value[], ins: Instr): void {
    const k = S.pop() as MapKey;
    const m = S.pop() as Value;
    const c = ins.c as { zero: Type; name: string };
    const comma = ins.a === 1;
    if (m instanceof Ref) this.touch(g, m.id, -1, false, ins);
    const mo = m instanceof Ref ? (this.h.get(m.id) as MapObj) : null;
    if (mo && mo.name === '' && c.name) this.wr<MapObj>((m as Ref).id).name = c.name;
    if (!mo || mo.m.size === 0) {
      S.push(this.zero(c.zero));
      if (comma) S.push(false);
      return;
    }
    if (mo.writing) this.fatal(GO.concurrentMapReadWrite, g, ins.pos, (m as Ref).id);
    const has = mo.m.has(k);
    const v = has ? (mo.m.get(k) as Value) : this.zero(c.zero);
    S.push(v);
    if (comma) S.push(has);
    const ref = m as Ref;
    if (this.record) (g.reads ??= new Map()).set(`${ref.id}:${String(k)}`, mo.ver.get(k) ?? 0);
    this.mapEvent(g, ref.id, mo, 'read', k, has ? v : undefined, false);
  }

  /**
   * One phase of a map write, delete or clear (runtime/map.go mapassign/mapdelete/mapclear):
   * 0 check the flag, 1 set it (XOR), 2 change the entries, 3 check it again and clear it.
   */
  private mapWrite(g: G, fr: Frame, ins: Instr): number {
    const info = ins.c as { kind: 0 | 1 | 2; name: string; end: number };
    const S = fr.S;
    const depth = info.kind === 0 ? 3 : 2;
    const m = S[S.length - depth] as Value;
    const k = S[S.length - depth + 1] as MapKey;
    const what = info.kind === 0 ? 'write' : info.kind === 1 ? 'delete' : 'clear';
    if (ins.a === 0) {
      if (!(m instanceof Ref)) {
        if (info.kind === 0) this.runtimePanic(GO.nilMapWrite, ins.pos, false);
        S.length -= depth;
        fr.pc = info.end;
        return 0;
      }
      this.touch(g, m.id, -1, true, ins);
      const mo = this.h.get(m.id) as MapObj;
      if (mo.name === '' && info.name) this.wr<MapObj>(m.id).name = info.name;
      if (info.kind !== 0 && mo.m.size === 0) {
        S.length -= depth;
        fr.pc = info.end;
        return 0;
      }
      if (mo.writing) this.fatal(GO.concurrentMapWrites, g, ins.pos, m.id);
      this.mapEvent(g, m.id, mo, 'check', info.kind === 2 ? undefined : k, undefined, false);
    } else {
      const ref = m as Ref;
      // every phase reads or writes the map's flag or buckets: each is a visible step
      this.touch(g, ref.id, -1, true, ins);
      const mo = this.wr<MapObj>(ref.id);
      if (ins.a === 1) {
        mo.writing = !mo.writing;
        mo.writer = g.id;
        this.mapEvent(g, ref.id, mo, 'flag', undefined, undefined, mo.writing);
      } else if (ins.a === 2) {
        this.changeEntries(
          g,
          ref.id,
          mo,
          info.kind,
          k,
          info.kind === 0 ? (S[S.length - 1] as Value) : null,
        );
        this.mapEvent(
          g,
          ref.id,
          mo,
          what,
          info.kind === 2 ? undefined : k,
          info.kind === 0 ? (S[S.length - 1] as Value) : undefined,
          mo.writing,
        );
      } else {
        if (!mo.writing) this.fatal(GO.concurrentMapWrites, g, ins.pos, ref.id);
        mo.writing = false;
        S.length -= depth;
        this.mapEvent(g, ref.id, mo, 'unflag', undefined, undefined, false);
      }
    }
    fr.pc++;
    return 0;
  }

  private changeEntries(g: G, id: number, mo: MapObj, kind: 0 | 1 | 2, k: MapKey, v: Value): void {
    if (mo.own !== this.ep) {
      // the entries are still shared with the machine this one was forked from
      mo.m = new Entries(mo.m);
      // versions change only while recording (and stay empty otherwise)
      if (this.record) mo.ver = copyMap(mo.ver);
      mo.own = this.ep;
    }
    if (kind === 2) {
      mo.m.clear();
      if (this.record) mo.ver.clear();
      return;
    }
    if (kind === 1) {
      mo.m.delete(k);
      return;
    }
    if (!mo.m.has(k) && mo.m.size >= this.limits.mapEntries) this.limit('mapEntries');
    if (!this.record) {
      // versions and reads only feed lost-update events, which only a recording machine keeps
      mo.m.set(k, v);
      return;
    }
    const key = `${id}:${String(k)}`;
    const cur = mo.ver.get(k) ?? 0;
    const seen = g.reads?.get(key);
    const lastWriter = cur % 65536;
    if (seen !== undefined && seen !== cur && lastWriter !== g.id && lastWriter !== 0) {
      this.emit({
        t: 'lost-update',
        g: g.id,
        obj: id,
        name: mo.name,
        key: this.showKey(k, mo.t),
        lost: this.show(mo.m.get(k) ?? null),
        lostBy: lastWriter,
        written: this.show(v),
      });
    }
    mo.m.set(k, v);
    const next = (Math.floor(cur / 65536) + 1) * 65536 + g.id;
    mo.ver.set(k, next);
    (g.reads ??= new Map()).set(key, next);
  }

  /**
   * A number drawn for goroutine g's next random choice (a map range's start, a select's poll
   * order): from the seed and g's own count of draws, so that a seed fixes every choice and
   * what one goroutine draws does not depend on the others (see rangeMapInit).
   */
  drawFor(g: G): number {
    return mix32(this.fam.mapSeed ^ Math.imul(++g.ranges, 0x9e3779b1)) >>> 0;
  }

  private rangeMapInit(g: G, fr: Frame, ins: Instr): void {
    const m = fr.S.pop() as Value;
    const base = ins.a;
    let keys: MapKey[] = [];
    if (m instanceof Ref) {
      this.touch(g, m.id, -1, false, ins);
      keys = [...(this.h.get(m.id) as MapObj).m.keys()];
      if (keys.length > 1) {
        // Go starts each range at a random bucket and offset; we rotate insertion order by a
        // number drawn from the seed and the goroutine's own count of ranges, so a seed fixes
        // the order, a goroutine's next range starts elsewhere, and two goroutines ranging
        // share nothing (a shared generator made every range a write the explorer had to
        // interleave with every other)
        const off = this.drawFor(g) % keys.length;
        keys = keys.slice(off).concat(keys.slice(0, off));
      } else g.ranges++;
    }
    fr.L[base] = new Keys(keys);
    fr.L[base + 1] = 0;
    fr.L[base + 2] = m;
  }

  /** One `range` step over a map: checks the writing flag every time (mapiternext). */
  private rangeMapNext(g: G, fr: Frame, ins: Instr): number {
    const base = ins.a;
    const keys = (fr.L[base] as Keys).keys;
    let i = fr.L[base + 1] as number;
    const m = fr.L[base + 2] as Value;
    if (keys.length === 0 || !(m instanceof Ref)) {
      fr.pc = ins.b;
      return 0;
    }
    const mo = this.h.get(m.id) as MapObj;
    this.touch(g, m.id, -1, false, ins);
    if (mo.writing) this.fatal(GO.concurrentMapIterWrite, g, ins.pos, m.id);
    while (i < keys.length && !mo.m.has(keys[i] as MapKey)) i++;
    if (i >= keys.length) {
      fr.L[base + 1] = i;
      fr.pc = ins.b;
      return 0;
    }
    const k = keys[i] as MapKey;
    const v = mo.m.get(k) as Value;
    fr.L[base + 1] = i + 1;
    const kt = (ins.c as { key: Type | null }).key;
    fr.S.push(kt ? this.decodeKey(k, kt) : k, v);
    if (this.record) (g.reads ??= new Map()).set(`${m.id}:${String(k)}`, mo.ver.get(k) ?? 0);
    this.mapEvent(g, m.id, mo, 'iterate', k, v, false);
    fr.pc++;
    return 0;
  }

  private rangeStrNext(fr: Frame, ins: Instr): number {
    const base = ins.a;
    const s = fr.L[base] as string;
    const j = (fr.L[base + 2] as number | null) ?? 0;
    if (j >= s.length) {
      fr.pc = ins.b;
      return 0;
    }
    const cp = s.codePointAt(j) ?? 0xfffd;
    const byteIdx = fr.L[base + 1] as number;
    fr.S.push(byteIdx, cp);
    fr.L[base + 1] = byteIdx + utf8Width(cp);
    fr.L[base + 2] = j + (cp > 0xffff ? 2 : 1);
    fr.pc++;
    return 0;
  }

  /** A map key (of a map of type mt) as Go source would write it: strings quoted. */
  showKey(k: MapKey, mt: Type): string {
    const u = under(mt);
    if (isPointerKey(k)) {
      const r = decodePointer(k);
      return r ? addressOf(r.id, r.f) : 'nil';
    }
    if (isIfaceKey(k)) {
      const [dt, inner] = decodeIface(this.prog, k);
      if (dt === emptyInterface) return 'nil';
      const shown = this.showKey(inner, { k: 'map', key: dt, elem: dt });
      // a basic value of another type than a constant's default names it: ID("x"), int64(7)
      const plain = dt.k === 'basic' && ['string', 'int', 'bool', 'float64'].includes(dt.name);
      return under(dt).k === 'basic' && !plain ? `${typeString(dt)}(${shown})` : shown;
    }
    if (u.k === 'map' && isCompositeKey(k)) return showComposite(k, u.key);
    // (a sync.Map's key of another basic type than string, int or bool is tagged with it)
    if (typeof k === 'string' && k.startsWith('\u0000')) {
      if (k === '\u0000nil') return 'nil';
      const [name, text] = k.slice(1).split(':', 2) as [string, string];
      return `${name}(${name === 'string' ? JSON.stringify(text) : text})`;
    }
    return typeof k === 'string' ? JSON.stringify(k) : String(k);
  }

  /**
   * A map event, if this machine records them (see emit): key k and value v as text, made
   * only then (undefined: the event has none).
   */
  private mapEvent(
    g: G,
    obj: number,
    mo: MapObj,
    op: MapEventOp,
    k: MapKey | undefined,
    v: Value | undefined,
    writing: boolean,
  ): void {
    if (!this.record) return;
    const key = k === undefined ? null : this.showKey(k, mo.t);
    const value = v === undefined ? null : this.show(v);
    this.events.push({ t: 'map', g: g.id, obj, name: mo.name, op, key, value, writing });
  }

  /** A short, safe rendering of a value for events and the UI (never runs program code). */
  show(v: Value): string {
    const saved = this.fam.pureFormat;
    this.fam.pureFormat = true;
    try {
      return formatValue(this, v, null, 'v', 60);
    } finally {
      this.fam.pureFormat = saved;
    }
  }

  /**
   * fmt calling a String or Error method the program defines: run it inside the current
   * step, or, if it waits (for a lock), suspend the printing until it returns (callSync).
   */
  callMethodForString(
    found: FoundMethod,
    v: Value,
    t: Type,
  ): string | { readonly panicked: Value } | null {
    if (this.fam.pureFormat) return null;
    const res = this.callFound(new Iface(t, v), found, [], true);
    if (!res) return null;
    // (what callSync returns for a panic it caught)
    if (res.length === 2 && res[1] === CAUGHT) return { panicked: res[0] as Value };
    return typeof res[0] === 'string' ? res[0] : String(res[0]);
  }

  /**
   * x.name(args...) for a library call that calls a method the program defines (errors.Is
   * calling an Unwrap or Is method), run as callSync runs it; null if x has no such method of
   * the program's.
   */
  callMethod(x: Value, name: string, args: readonly Value[]): Value[] | null {
    if (!(x instanceof Iface)) return null;
    const found = findMethod(x.t, name);
    if (!found || found.ref.native) return null;
    return this.callFound(x, found, args);
  }

  private callFound(
    x: Iface,
    found: FoundMethod,
    args: readonly Value[],
    catches = false,
  ): Value[] | null {
    if (this.lastG === 0) return null;
    const g = this.wg(this.lastG);
    const parent = g.fr[g.fr.length - 1];
    if (!parent) return null;
    const recv = this.receiverFor(x, found, parent.f.pos);
    return this.callSync(g, found.ref.fn, null, [recv, ...args], catches);
  }

  /** Does the dynamic type t implement interface type iface (or is it t itself)? */
  fits(t: Type, target: Type): boolean {
    return isInterface(target) ? implementsAt(t, target) : identical(t, target);
  }

  /** `*p = v` for a library call (errors.As): a variable's slot, or a whole struct copied. */
  storeThrough(g: G, p: Ref, v: Value, ins: Instr): void {
    if (p.f < 0 && v instanceof Ref) {
      this.copyInto(p.id, v.id);
      return;
    }
    this.touch(g, p.id, p.f, true, ins);
    this.wr<SlotsObj>(p.id).s[p.f] = v;
  }

  /**
   * Run a Go function to its return inside the current step of g, for a native that calls
   * back (fmt calling String, sort.Slice calling less), and return its results. If it blocks,
   * the native is suspended: g waits where the function waits, and when the function returns
   * the native runs again, each call it had made before answered from memory (Frame.memo),
   * so nothing the program does runs twice.
   */
  callSync(g: G, fn: number, fv: FnVal | null, args: readonly Value[], catches = false): Value[] {
    const depth = g.fr.length;
    const parent = g.fr[depth - 1] as Frame;
    const own = this.fam.syncFr === parent;
    const k = own ? this.fam.syncCalls++ : 0;
    // made before the library call was suspended: its results, not a second run
    const known = own ? parent.memo?.done[k] : undefined;
    if (known) return known.slice();
    const before = parent.S.length;
    this.pushFrame(g, fn, fv, args, false, null, catches);
    let guard = 0;
    while (g.fr.length > depth) {
      const fr = g.fr[g.fr.length - 1] as Frame;
      if (++guard > this.limits.instructionsPerStep) this.limit('instructionsPerStep');
      let r: number;
      try {
        r = this.exec(g, fr, fr.f.code[fr.pc] as Instr);
      } catch (e) {
        // a panic: unwound already (Machine.unwind), up to the frame that catches it if any
        if (!(e instanceof PanicJump) || !catches) throw e;
        continue;
      }
      if (r === 2 && own) {
        // it waits (a String method taking a lock): the library call waits with it, and runs
        // again once it returns (Machine.native), with what the calls before it returned
        this.fam.syncDone ??= parent.memo ? parent.memo.done.slice() : [];
        this.fam.syncAwaiting = (this.prog.funcs[fn] as FuncCode).type.results.length;
        throw SUSPEND;
      }
      // (a panic's Error method, run to print the panic: nothing is left to wait for it)
      if (r === 2)
        this.fatal(
          'interleave: a method blocked while the runtime was printing; Interleave cannot simulate that',
          g,
          null,
        );
    }
    // a panic fmt caught: the value it panicked with, marked (see callMethodForString)
    const caught = catches ? this.fam.caught?.pop() : undefined;
    const res = caught !== undefined ? [caught, CAUGHT] : parent.S.splice(before);
    if (own) (this.fam.syncDone ??= parent.memo ? parent.memo.done.slice() : []).push(res);
    return res;
  }

  // ---- slices and strings --------------------------------------------------------------

  private index(g: G, S: Value[], ins: Instr): void {
    const i = S.pop() as number;
    const x = S.pop() as Value;
    if (typeof x === 'string') {
      const bytes = utf8Bytes(x);
      if (i < 0 || i >= bytes.length)
        this.runtimePanic(indexOutOfRange(i, bytes.length), ins.pos, true);
      S.push(bytes[i] as number);
      return;
    }
    const sl = this.checkIndex(x, i, ins.pos);
    this.touch(g, sl.b, sl.off + i, false, ins);
    S.push(this.slots(sl.b).s[sl.off + i] as Value);
  }

  private checkIndex(s: Value, i: number, pos: Pos): Slice {
    const len = s instanceof Slice ? s.len : 0;
    if (!(s instanceof Slice) || i < 0 || i >= len)
      this.runtimePanic(indexOutOfRange(i, len), pos, true);
    return s;
  }

  /** slices.Clone(s): append(s[:0:0], s...), as Go writes it (nil stays nil). */
  cloneSlice(g: G, s: Value, ins: Instr): Value {
    if (!(s instanceof Slice)) return null;
    const empty = new Slice(s.b, s.off, 0, 0);
    if (s.len === 0) return empty;
    const vals = this.slots(s.b).s.slice(s.off, s.off + s.len);
    return this.append(g, empty, vals, ins, this.slots(s.b).t);
  }

  /** @param elemType the element type, when `ins` is not an append that names it */
  append(g: G, s: Value, vals: Value[], ins: Instr, elemType?: Type): Value {
    if (vals.length === 0) return s;
    const sl = s instanceof Slice ? s : null;
    const len = sl?.len ?? 0;
    const cap = sl?.cap ?? 0;
    const newLen = len + vals.length;
    if (newLen > this.limits.sliceLength) this.limit('sliceLength');
    if (sl && newLen <= cap) {
      const b = this.wr<SlotsObj>(sl.b);
      vals.forEach((v, i) => {
        this.touch(g, sl.b, sl.off + len + i, true, ins);
        b.s[sl.off + len + i] = v;
      });
      return new Slice(sl.b, sl.off, newLen, cap);
    }
    const elem = elemType ?? (ins.c as Type | null) ?? (sl ? this.slots(sl.b).t : errorStringPtr);
    const newCap = growCap(cap, newLen, sizeOf(elem));
    const s2: Value[] = sl ? this.slots(sl.b).s.slice(sl.off, sl.off + len) : [];
    if (sl) this.touch(g, sl.b, -1, false, ins);
    s2.push(...vals);
    const filler = isStructLike(elem) ? null : this.zero(elem);
    while (s2.length < newCap) s2.push(filler);
    const id = this.alloc({
      k: K.Slots,
      ep: this.ep,
      role: Role.Backing,
      t: elem,
      s: s2,
      name: '',
    });
    return new Slice(id, 0, newLen, newCap);
  }

  private sliceX(S: Value[], ins: Instr): void {
    const mask = ins.a;
    const max = mask & 4 ? (S.pop() as number) : -1;
    const hiIn = mask & 2 ? (S.pop() as number) : -1;
    const lo = mask & 1 ? (S.pop() as number) : 0;
    const x = S.pop() as Value;
    if (typeof x === 'string') {
      const bytes = utf8Bytes(x);
      const hi = hiIn < 0 ? bytes.length : hiIn;
      if (hi > bytes.length)
        this.runtimePanic(sliceOutOfRange(`[:${hi}] with length ${bytes.length}`), ins.pos, true);
      if (lo > hi) this.runtimePanic(sliceOutOfRange(`[${lo}:${hi}]`), ins.pos, true);
      S.push(utf8Decode(bytes.slice(lo, hi)));
      return;
    }
    const sl = x instanceof Slice ? x : null;
    const cap = sl?.cap ?? 0;
    const hi = hiIn < 0 ? (sl?.len ?? 0) : hiIn;
    const mx = max < 0 ? cap : max;
    if (mx > cap)
      this.runtimePanic(sliceOutOfRange(`[::${mx}] with capacity ${cap}`), ins.pos, true);
    if (hi > mx) this.runtimePanic(sliceOutOfRange(`[:${hi}] with capacity ${mx}`), ins.pos, true);
    if (lo > hi) this.runtimePanic(sliceOutOfRange(`[${lo}:${hi}]`), ins.pos, true);
    S.push(sl ? new Slice(sl.b, sl.off + lo, hi - lo, mx - lo) : null);
  }

  // ---- operators -----------------------------------------------------------------------

  private binop(op: BinOp, x: Value, y: Value, k: NumKind, pos: Pos): Value {
    switch (op) {
      case BinOp.Eq:
        return this.equal(x, y, k.type, pos);
      case BinOp.Ne:
        return !this.equal(x, y, k.type, pos);
      case BinOp.Lt:
        return (x as number) < (y as number);
      case BinOp.Le:
        return (x as number) <= (y as number);
      case BinOp.Gt:
        return (x as number) > (y as number);
      case BinOp.Ge:
        return (x as number) >= (y as number);
    }
    if (k.kind === 'string') {
      const r = (x as string) + (y as string);
      // (doubling a string in a loop: Go runs out of memory; here a limit stops it first)
      if (r.length > this.limits.stringBytes) this.limit('stringBytes');
      return r;
    }
    const a = x as number;
    const b = y as number;
    const int = k.kind === 'int' || k.kind === 'uint';
    // (float32 arithmetic: the double's result rounded to 24 bits is Go's, correctly rounded)
    if (k.kind === 'float' && k.bits === 32)
      return Math.fround(this.binop(op, x, y, F64, pos) as number);
    switch (op) {
      case BinOp.Add:
        return int ? wrap(a + b, k) : a + b;
      case BinOp.Sub:
        return int ? wrap(a - b, k) : a - b;
      case BinOp.Mul:
        return int ? wrap(k.bits <= 32 ? Math.imul(a, b) : a * b, k) : a * b;
      case BinOp.Div:
        if (int && b === 0) this.runtimePanic(GO.divideByZero, pos, true);
        return int ? wrap(Math.trunc(a / b), k) : a / b;
      case BinOp.Rem:
        if (b === 0) this.runtimePanic(GO.divideByZero, pos, true);
        return wrap(a % b, k);
      case BinOp.And:
        return bitop(a, b, k, '&');
      case BinOp.Or:
        return bitop(a, b, k, '|');
      case BinOp.Xor:
        return bitop(a, b, k, '^');
      case BinOp.AndNot:
        return bitop(a, b, k, '&^');
      case BinOp.Shl:
        if (b < 0) this.runtimePanic(GO.negativeShift, pos, true);
        return b >= 64 ? 0 : wrap(a * 2 ** b, k);
      case BinOp.Shr:
        if (b < 0) this.runtimePanic(GO.negativeShift, pos, true);
        return b >= 64 ? (a < 0 ? -1 : 0) : Math.floor(a / 2 ** b);
    }
    return 0;
  }

  equal(x: Value, y: Value, t: Type | null, pos: Pos): boolean {
    if (x === y) return true;
    if (x === null || y === null) return false;
    if (x instanceof Ref && y instanceof Ref) {
      if (t && isStructLike(t)) return this.objEqual(x.id, y.id, pos);
      return x.id === y.id && x.f === y.f;
    }
    if (x instanceof Iface && y instanceof Iface) {
      if (!identical(x.t, y.t)) return false;
      const u = under(x.t);
      if (u.k === 'slice' || u.k === 'map' || u.k === 'func')
        this.runtimePanic(
          `runtime error: comparing uncomparable type ${typeString(x.t, true)}`,
          pos,
          true,
        );
      return this.equal(x.v, y.v, x.t, pos);
    }
    return false;
  }

  private objEqual(a: number, b: number, pos: Pos): boolean {
    if (a === b) return true;
    this.fp(a, false);
    this.fp(b, false);
    const x = this.h.get(a) as Obj;
    const y = this.h.get(b) as Obj;
    if (x.k === K.Slots && y.k === K.Slots) {
      return x.s.every((v, i) => this.equal(v, y.s[i] as Value, slotType(x.t, i) ?? null, pos));
    }
    if (x.k === K.Mutex && y.k === K.Mutex)
      return x.locked === y.locked && x.starving === y.starving && x.q.length === y.q.length;
    return false;
  }

  private assert(S: Value[], ins: Instr): void {
    const c = ins.c as { t: Type; iface: Type };
    const x = S.pop() as Value;
    const target = c.t;
    const ok =
      x instanceof Iface &&
      (isInterface(target) ? implementsAt(x.t, target) : identical(x.t, target));
    if (ins.a === 1) {
      S.push(ok ? (isInterface(target) ? x : (x as Iface).v) : this.zero(target));
      S.push(ok);
      return;
    }
    // a type switch's test: whether x holds a target, nothing else
    if (ins.a === 2) {
      S.push(ok);
      return;
    }
    if (ok) {
      S.push(isInterface(target) ? x : (x as Iface).v);
      return;
    }
    const from = typeString(c.iface, true);
    const msg =
      x === null
        ? `interface conversion: interface is nil, not ${typeString(target, true)}`
        : isInterface(target)
          ? `interface conversion: ${typeString((x as Iface).t, true)} is not ${typeString(target, true)}: missing method ${missingMethod((x as Iface).t, target)}`
          : `interface conversion: ${from} is ${typeString((x as Iface).t, true)}, not ${typeString(target, true)}`;
    this.runtimePanic(msg, ins.pos, true);
  }
}

// ---- helpers ----------------------------------------------------------------------------

/** A value a library call could read shared memory through (an error value cannot change). */
function readsThrough(v: Value): boolean {
  if (v instanceof Iface) return !libraryErrors.includes(v.t) && readsThrough(v.v);
  return v instanceof Ref || v instanceof Slice || v instanceof FnVal;
}

function copyName(name: string): string {
  return name === '' || name.endsWith(' (copy)') ? name : `${name} (copy)`;
}

/** Thrown to abandon the current instruction once a panic has been set up. */
export class PanicJump {}

/** marks the results of a call whose panic fmt caught (callSync, callMethodForString) */
const CAUGHT = '\u0000caught';

export function gIndexOf(id: number): number {
  return id === MAIN_GOROUTINE ? 0 : id - FIRST_USER_GOROUTINE + 1;
}

/** A 32-bit mixing function (from splitmix32): the engine's only source of randomness. */
/** math/rand's source: the state after state (32 random bits). */
export function randStep(state: number): number {
  return mix32(state + 0x6d2b79f5);
}

/** math/rand's source: the state a seed (rand.Seed, rand.NewSource) starts it from. */
export function randSeed(v: number): number {
  return mix32((v | 0) ^ 0x27d4eb2f ^ Math.floor(v / 2 ** 32));
}

export function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export interface NumKind {
  readonly kind: string;
  readonly bits: number;
  readonly type: Type;
}

export interface NativeRef {
  readonly name: string;
  readonly place: string | null;
  readonly types?: readonly Type[];
  /**
   * the last argument is a slice passed with ... (fmt.Println(args...)): the library function
   * gets its elements one by one, as it gets variadic arguments written out
   */
  readonly spread?: boolean;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** float64's kind, for float32 arithmetic done in it and then rounded */
const F64: NumKind = { kind: 'float', bits: 64, type: T.float64 };
const MIN_INT64 = -(2n ** 63n);

/** The operators of BinOp that intOp works out, by BinOp. */
const INT_OPS: readonly string[] = ['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '&^'];

function wrap(v: number, k: NumKind): number {
  if (k.kind === 'int') {
    if (k.bits === 32) return v | 0;
    if (k.bits === 16) return (v << 16) >> 16;
    if (k.bits === 8) return (v << 24) >> 24;
    return v;
  }
  if (k.kind === 'uint') {
    if (k.bits === 32) return v >>> 0;
    if (k.bits === 16) return v & 0xffff;
    if (k.bits === 8) return v & 0xff;
    // (past 2^53, which Op.Bin then works out again exactly: see intBin)
    return v < 0 ? v + 2 ** 64 : v;
  }
  return v;
}

/** A bit operator: on 31 bits in JavaScript's own operators, else exactly (intOp). */
function bitop(a: number, b: number, k: NumKind, op: '&' | '|' | '^' | '&^'): Value {
  if (Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31)
    return wrap(op === '&' ? a & b : op === '|' ? a | b : op === '^' ? a ^ b : a & ~b, k);
  return intOp(op, a, b, k.bits, k.kind === 'uint');
}

function convert(v: Value, c: { from: Type; to: Type }): Value {
  const to = under(c.to);
  if (to.k !== 'basic') return v;
  if (to.name === 'string' || to.name === 'untyped string') {
    if (typeof v === 'bigint') return '\ufffd';
    const n = v as number;
    return Number.isInteger(n) ? runeText(n) : '\ufffd';
  }
  const float = to.name === 'float32' || to.name === 'float64';
  if (typeof v === 'bigint') {
    if (!float) return wrapInt(v, bitsOf(to.name), to.name[0] === 'u');
    return to.name === 'float32' ? Math.fround(Number(v)) : Number(v);
  }
  if (typeof v !== 'number') return v;
  if (float) return to.name === 'float32' ? Math.fround(v) : v;
  const bits = bitsOf(to.name);
  const kind = to.name.startsWith('u') ? 'uint' : 'int';
  if (bits < 64) return wrap(Math.trunc(v), { kind, bits, type: c.to });
  // a float that no int64 holds (NaN, infinite, or past ±2^63): the spec leaves the result to
  // the implementation; amd64's conversion instruction gives the least int64
  if (kind === 'int' && !(Math.abs(v) < 2 ** 63)) return MIN_INT64;
  const t = Math.trunc(v);
  if (Number.isSafeInteger(t) && (t >= 0 || kind === 'int')) return t === 0 ? 0 : t;
  // (and 2^63 for a uint64, as amd64's conversion makes it)
  return wrapInt(Number.isFinite(t) ? BigInt(t) : MIN_INT64, 64, kind === 'uint');
}

/** The width of an integer type by its name (int and uint have 64 bits here, as on amd64). */
function bitsOf(name: string): number {
  const m = /(\d+)$/.exec(name);
  return m ? Number(m[1]) : 64;
}

export function utf8Width(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

export function utf8Len(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 63),
        0x80 | ((cp >> 6) & 63),
        0x80 | (cp & 63),
      );
  }
  return out;
}

export function utf8Decode(bytes: readonly number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (need === 0 || i + need > bytes.length) {
      s += '\ufffd';
      i++;
      continue;
    }
    let cp = need === 1 ? b : b & (0xff >> (need + 1));
    for (let j = 1; j < need; j++) cp = (cp << 6) | ((bytes[i + j] as number) & 63);
    s += String.fromCodePoint(cp);
    i += need;
  }
  return s;
}

/** Bytes a value of type t occupies, as gc lays it out on amd64 (for append's capacity growth). */
export function sizeOf(t: Type): number {
  const u = under(t);
  switch (u.k) {
    case 'basic':
      if (u.name === 'string') return 16;
      if (/8$|bool/.test(u.name)) return 1;
      if (/16$/.test(u.name)) return 2;
      if (/32$/.test(u.name)) return 4;
      return 8;
    case 'slice':
      return 24;
    case 'iface':
      return 16;
    case 'struct': {
      let size = 0;
      let align = 1;
      for (const f of u.fields) {
        const fs = sizeOf(f.type);
        const fa = Math.min(8, fs >= 8 ? 8 : fs >= 4 ? 4 : fs >= 2 ? 2 : 1);
        align = Math.max(align, fa);
        size = Math.ceil(size / fa) * fa + fs;
      }
      return Math.ceil(size / align) * align;
    }
    default:
      return 8;
  }
}

const SIZE_CLASSES = [
  0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
  384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304,
  2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880,
  12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768,
];

/** runtime.growslice's new capacity (Go 1.20+), rounded up to the allocator's size class. */
export function growCap(oldCap: number, newLen: number, elemSize: number): number {
  let newcap = oldCap;
  const doublecap = newcap + newcap;
  if (newLen > doublecap) newcap = newLen;
  else if (oldCap < 256) newcap = doublecap;
  else while (newcap < newLen) newcap += (newcap + 3 * 256) >> 2;
  if (elemSize === 0) return newcap;
  const bytes = newcap * elemSize;
  const cls = SIZE_CLASSES.find((c) => c >= bytes);
  const rounded = cls ?? Math.ceil(bytes / 8192) * 8192;
  return Math.floor(rounded / elemSize);
}

export interface FoundMethod {
  readonly ref: MethodRef;
  readonly path: readonly number[];
  readonly owner: NamedType;
}

const methodCache = new WeakMap<Type, Map<string, FoundMethod | null>>();

/** The method `name` of dynamic type t (through embedded fields), as an interface call finds it. */
export function findMethod(t: Type, name: string): FoundMethod | null {
  let cache = methodCache.get(t);
  if (!cache) {
    cache = new Map();
    methodCache.set(t, cache);
  }
  if (cache.has(name)) return cache.get(name) ?? null;
  const base = t.k === 'ptr' ? t.elem : t;
  let level: { type: Type; path: number[] }[] = [{ type: base, path: [] }];
  let found: FoundMethod | null = null;
  while (level.length > 0 && !found) {
    const next: { type: Type; path: number[] }[] = [];
    for (const { type, path } of level) {
      if (type.k === 'named') {
        const m = type.methods.get(name);
        if (m && (m.ptrRecv ? t.k === 'ptr' || path.length > 0 : true)) {
          found = { ref: m, path, owner: type };
          break;
        }
      }
      const u = under(type);
      if (u.k === 'struct')
        u.fields.forEach(
          (f, i) =>
            // (an embedded pointer's value is followed as an embedded struct's is)
            f.embedded &&
            next.push({ type: f.type.k === 'ptr' ? f.type.elem : f.type, path: [...path, i] }),
        );
    }
    level = next;
  }
  cache.set(name, found);
  return found;
}

function implementsAt(t: Type, iface: Type): boolean {
  return missingMethod(t, iface) === '';
}

function missingMethod(t: Type, iface: Type): string {
  const u = under(iface);
  if (u.k !== 'iface') return '';
  for (const [name, sig] of u.methods) {
    const m = findMethod(t, name);
    if (!m || !identical(m.ref.sig, sig as FuncType)) return name;
  }
  return '';
}

/** The runtime's panics of type runtime.plainError (printed without "runtime error: "). */
const PLAIN_ERRORS: ReadonlySet<string> = new Set([
  GO.nilMapWrite,
  GO.sendOnClosedChannel,
  GO.closeOfClosedChannel,
  GO.closeOfNilChannel,
  GO.makechanSize,
]);

/** A channel operation's step, by its phase (1: woken by another goroutine's operation). */
const CHAN_LABELS: Record<string, (ch: string) => readonly string[]> = {
  'chan.send': (ch) => [`${ch} <- …: send`, `${ch} <- …: the value was taken`],
  'chan.recv': (ch) => [`<-${ch}: receive`, `<-${ch}: a value arrived`],
  'chan.close': (ch) => [`close(${ch})`],
  'chan.len': (ch) => [`len(${ch})`],
  'chan.selectNone': () => ['select {}'],
  'chan.select': () => ['select: poll the cases', 'select: a case is ready'],
};

const STEP_LABELS: Record<string, readonly string[]> = {
  'sync.Mutex.Lock': [
    'Lock: try the fast path',
    'Lock: join the wait queue',
    'Lock: woken, try again',
  ],
  'sync.RWMutex.Lock': [
    'Lock: try the writer lock w',
    "Lock: join w's wait queue",
    'Lock: woken, try w again',
    'Lock: announce the writer, wait for readers',
    'Lock: last reader left',
  ],
  'sync.RWMutex.RLock': ['RLock: add a reader', 'RLock: wait for the writer', 'RLock: writer left'],
  'sync.rlocker.Lock': ['RLock: add a reader', 'RLock: wait for the writer', 'RLock: writer left'],
  'sync.WaitGroup.Wait': ['Wait', 'Wait: counter reached zero'],
  'time.Sleep': ['time.Sleep', 'time.Sleep: wake up'],
  'sync.Cond.Wait·park': ['Wait: sleep until signalled', 'Wait: signalled, lock L again'],
  'sync.Cond.Wait': ['Wait: take a ticket, unlock L'],
  'http.Get': ['http.Get: send request', 'http.Get: response arrived'],
};

export function nativeLabel(ins: Instr, phase: number): string {
  const c = ins.c as NativeRef;
  const chan = CHAN_LABELS[c.name];
  if (chan) {
    const ls = chan(c.place ?? 'ch');
    return ls[phase] ?? ls[0] ?? c.name;
  }
  const labels = STEP_LABELS[c.name];
  const base = labels
    ? (labels[phase] ?? labels[labels.length - 1] ?? c.name)
    : (ins.lab ?? c.name.split('.').slice(-1)[0] ?? c.name);
  return c.place ? `${c.place}.${base}` : base;
}

const linked = new WeakSet<Program>();

/** Turn the compiler's function constants into function values, once per program. */
function linkProgram(prog: Program): void {
  if (linked.has(prog)) return;
  for (const f of prog.funcs)
    for (const ins of f.code)
      if (
        ins.op === Op.Push &&
        ins.c !== null &&
        typeof ins.c === 'object' &&
        'fn' in (ins.c as object)
      )
        ins.c = new FnVal((ins.c as { fn: number }).fn, null, null, false);
  linked.add(prog);
}

/** The object as an AfterFunc timer, or null. */
function timerOf(o: Obj | undefined): SlotsObj | null {
  return o?.k === K.Slots && o.t === timerType ? o : null;
}

export { NATIVE_STEP, NATIVE_BLOCK, cancelCtx } from './natives';
import { NATIVE_STEP, NATIVE_BLOCK, NATIVE_CALLED, cancelCtx } from './natives';

export type { NativeResult };
