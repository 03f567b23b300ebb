/**
 * The library, simulated: sync.Mutex / RWMutex / WaitGroup following Go's own algorithms
 * (sync/mutex.go, sync/rwmutex.go, sync/waitgroup.go) step by step, fmt's printing, virtual
 * time, contexts and a slow http.Get.
 *
 * A native returns its results, or NATIVE_STEP (its step ends here; it resumes at
 * `g.phase`), or NATIVE_BLOCK (the goroutine now waits; it resumes at `g.phase` when woken).
 */
import type { Instr } from '../lang/code';
import {
  type ATOMIC_KINDS,
  LOG_FLAGS,
  atomicTypes,
  type AtomicOp,
  ONCE_END,
  COND_PARK,
  SIMULATED_CPUS,
  errorType,
  libraryErrorNamed,
  libraryErrors,
  WRAP_ERRORS,
  poolType,
  condType,
  rlockerType,
  cancelCtxPtr,
  httpBodyPtr,
  responseType,
  HTTP_GET_LATENCY_NS,
  builderType,
  bufferType,
  durationType,
  fileType,
  SLOG_ATTR_MAKERS,
  slogAttrType,
  timeType,
  randType,
  rngSourceType,
  jsonEncoderType,
  doneChanType,
  tickerType,
  timerType,
} from '../lang/stdlib';
import { JsonEncoder, JsonError, indentJSON } from './json';
import { CHAN_NATIVES, closeChannel, makeChan, setTimerChan, timerChan } from './chan';
import {
  T,
  basic,
  emptyInterface,
  identical,
  isInterface,
  isStructLike,
  slotType,
  typeString,
  under,
  type BasicName,
  type Type,
} from '../lang/types';
import { findMethod, randSeed, randStep, type G, type Machine, type NativeRef } from './machine';
import { AFTERFUNC_CANCEL, AFTERFUNC_CANCEL_AT, GO } from './messages';
import { isIfaceKey } from './keys';
import { absInt, big, intOp, norm } from './int64';
import { builder, builderAppend, bytesText, elemType, textNatives, utf8Bytes } from './textlib';
import {
  MIN_DURATION,
  TIME_STRINGERS,
  ZERO_TIME_FROM_2000_S,
  calendar,
  formatLayout,
  formatLogTime,
  formatDuration,
  formatFloat,
  formatValue,
  intText,
  fprint,
  quote,
  sprintf,
  sprintln,
  timeAt,
  timeNs,
} from './fmt';
import {
  FnVal,
  Iface,
  K,
  Ref,
  Role,
  RWMUTEX_MAX_READERS,
  Slice,
  sliceValues,
  type CondObj,
  type ChanObj,
  type CtxObj,
  type MapKey,
  type MapObj,
  type MutexObj,
  type RWMutexObj,
  type SlotsObj,
  type Value,
  type WaitGroupObj,
} from './values';

export const NATIVE_STEP = 1 as const;
export const NATIVE_BLOCK = 2 as const;
/** the native has called back into Go code (Machine.callFromNative) */
export const NATIVE_CALLED = 3 as const;
export type NativeResult =
  Value[] | typeof NATIVE_STEP | typeof NATIVE_BLOCK | typeof NATIVE_CALLED;

export type Native = (
  m: Machine,
  g: G,
  args: readonly Value[],
  ins: Instr,
  ref: NativeRef | null,
) => NativeResult;

const STARVATION_NS = 1_000_000;
/** 2000-01-01 00:00:00 UTC in Unix seconds: where virtual time starts */
const EPOCH_2000_S = 946_684_800;
/** Go's zero Time (January 1, year 1 UTC) in seconds since 1970. */
const ZERO_TIME_UNIX_S = EPOCH_2000_S + ZERO_TIME_FROM_2000_S;

/** The time.Time ns from 2000, or a stop where a number does not hold it exactly. */
function exactTime(m: Machine, ns: number, method: string): number {
  if (Math.abs(ns) > Number.MAX_SAFE_INTEGER)
    m.limit(
      'exactInteger',
      `interleave: stopped: time.Time.${method} went past what Interleave keeps exactly (2^53 nanoseconds from the year 2000)`,
    );
  return timeAt(ns);
}

/** The nanoseconds from the zero Time (January 1, year 1) to the instant t, exactly. */
function sinceYear1(t: number): bigint {
  return BigInt(timeNs(t)) - BigInt(ZERO_TIME_FROM_2000_S) * 1_000_000_000n;
}

/** A context without a deadline has this one (see CtxObj.deadline). */
export const NO_DEADLINE = Infinity;

/**
 * A Duration worked out from two instants: the zero Time is -Infinity nanoseconds (see
 * timeAt), and a difference with it saturates as Go's Sub does, to the least Duration or the
 * greatest (-2^63 and 2^63 - 1, bigints: see int64.ts).
 */
function duration(d: number): number | bigint {
  if (Number.isNaN(d)) return 0; // zero Time minus zero Time
  if (d === -Infinity) return MIN_DURATION;
  if (d === Infinity) return MAX_DURATION;
  return Number.isSafeInteger(d) ? d : norm(BigInt(Math.trunc(d)));
}

/** The greatest Duration, 2^63 - 1 ns, where Go's Sub and Until saturate. */
const MAX_DURATION = 2n ** 63n - 1n;

/** Duration.Seconds, Minutes, Hours: the whole units as a float plus the rest over the unit. */
function durationIn(d: number | bigint, unit: bigint): number {
  const u = Number(unit);
  if (typeof d === 'number') {
    const rest = d % u;
    return (d - rest) / u + rest / u;
  }
  return Number(d / unit) + Number(d % unit) / u;
}
const none: Value[] = [];

export function callNative(
  m: Machine,
  g: G,
  name: string,
  args: readonly Value[],
  ins: Instr,
  ref: NativeRef | null,
): NativeResult {
  const f = NATIVES[name];
  if (!f) throw new Error(`internal: no native ${name}`);
  for (let i = 0; i < args.length; i++)
    if (typeof args[i] === 'bigint' && !takesBigInts(name)) bigArgument(m, name, args[i] as bigint);
  return f(m, g, args, ins, ref);
}

/**
 * The library functions that take an integer past 2^53 (a bigint, see int64.ts) as Go does:
 * fmt's and the loggers' operands, sync/atomic's values, strconv's formatting, time's
 * durations (a sleep that long runs into the time limit) and the like. The others do
 * arithmetic on numbers.
 */
const BIG_OK =
  /^(fmt\.|log\.|slog\.|atomic\.|builtin\.(print|println|min|max)$|strconv\.(Itoa|FormatInt|FormatUint)$|math\.Float64frombits$|time\.Duration\.|time\.(Sleep|AfterFunc|Timer\.Reset|Time\.(Add|Truncate|Round))$|context\.WithTimeout$|sync\.Map\.)/;

function takesBigInts(name: string): boolean {
  return BIG_OK.test(name);
}

/** A library function given an integer it does not take past 2^53: the run stops. */
function bigArgument(m: Machine, name: string, v: bigint): never {
  return m.limit(
    'exactInteger',
    `interleave: stopped: ${name} was given ${v}, past 2^53 (${m.limits.exactInteger.toLocaleString('en-US')}): Interleave's integers go to 2^63 - 1 as Go's do, but this library function takes them only up to 2^53`,
  );
}

/**
 * fmt.Fprint and friends: text to an io.Writer, which is os.Stdout or os.Stderr (a *os.File is
 * its descriptor), a *strings.Builder, or the program's own type, whose Write method runs.
 */
function fwrite(m: Machine, g: G, w: Value, text: string, ins: Instr): NativeResult {
  if (!(w instanceof Iface)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
  const t = w.t;
  if (t.k === 'ptr' && t.elem === fileType) return fileWrite(m, g, w.v, text);
  if (t.k === 'ptr' && (t.elem === builderType || t.elem === bufferType))
    return [builderAppend(m, g, w.v, ins, text), null];
  const p = m.newSlice(utf8Bytes(text), T.uint8);
  // a library type's own Write (a hash/fnv hash): its native, inside this step
  const lib = findMethod(t, 'Write')?.ref.native;
  if (lib) return callNative(m, g, lib, [w.v, p], ins, null);
  const r = m.callMethod(w, 'Write', [p]);
  if (!r) throw new Error(`internal: no Write method on ${typeString(t, true)}`);
  return r;
}

/** Write to os.Stdout (1) or os.Stderr (2); a nil *os.File answers os.ErrInvalid, as Go's. */
function fileWrite(m: Machine, g: G, fd: Value, text: string): NativeResult {
  if (fd !== 1 && fd !== 2) return [0, m.newError('invalid argument')];
  m.write(g, fd === 1 ? 'stdout' : 'stderr', text);
  return [utf8Bytes(text).length, null];
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5
  μs: 1e3, // U+03BC
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/**
 * time.ParseDuration, as time/format.go: a signed sequence of decimal numbers, each with an
 * optional fraction and a unit ("300ms", "-1.5h", "2h45m"); its errors in Go's words.
 */
function parseDuration(s: string): number | { error: string } {
  const orig = quote(s);
  const invalid = { error: `time: invalid duration ${orig}` };
  let rest = s;
  let neg = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return invalid;
  let d = 0;
  while (rest !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(rest) as RegExpExecArray;
    const whole = num[1] ?? '';
    const frac = num[2] ?? '';
    if (whole === '' && frac === '') return invalid;
    rest = rest.slice(num[0].length);
    const unit = (/^[^0-9.]*/.exec(rest) as RegExpExecArray)[0];
    if (unit === '') return { error: `time: missing unit in duration ${orig}` };
    rest = rest.slice(unit.length);
    const scale = DURATION_UNITS[unit];
    if (scale === undefined)
      return { error: `time: unknown unit ${quote(unit)} in duration ${orig}` };
    // (the fraction truncated to whole nanoseconds, as Go's integer arithmetic does)
    d += Number(whole || '0') * scale;
    if (frac) d += Math.trunc(Number(frac) * (scale / 10 ** frac.length));
    if (d > 2 ** 63 - 1) return invalid;
  }
  return neg ? -d : d;
}

function refOf(v: Value): number {
  return (v as Ref).id;
}

export function nameOf(m: Machine, id: number, ref: NativeRef | null, fallback = 'mu'): string {
  const o = m.get(id) as { name?: string };
  if (o.name === '' && ref?.place) (m.wr(id) as { name: string }).name = ref.place;
  return (m.get(id) as { name?: string }).name || ref?.place || fallback;
}

// ---- sync.Mutex ---------------------------------------------------------------------------

/** Lock's phases: 0 fast path, 1 slow path (queue at the tail), 2 woken (try again). */
function mutexLock(
  m: Machine,
  g: G,
  id: number,
  name: string,
  reportAs: number,
): 'done' | NativeResult {
  const mu = m.get(id) as MutexObj;
  if (g.phase === 0) {
    if (!mu.locked && !mu.starving) return acquire(m, g, id, name, reportAs, false);
    m.emit({ t: 'try', g: g.id, obj: reportAs, name, ok: false, mode: 'lock' });
    g.phase = 1;
    return NATIVE_STEP;
  }
  if (g.phase === 1) {
    if (!mu.locked && !mu.starving) return acquire(m, g, id, name, reportAs, false);
    const w = m.wr<MutexObj>(id);
    w.q = [...w.q, g.id];
    g.waitStart = m.now;
    g.phase = 2;
    m.block(g, 'sync.Mutex.Lock', reportAs, name, w.holder ? [w.holder] : []);
    return NATIVE_BLOCK;
  }
  const w = m.wr<MutexObj>(id);
  if (g.handoff) {
    // starvation mode handed the lock to us directly
    g.handoff = false;
    if (w.starving && (m.now - g.waitStart <= STARVATION_NS || w.q.length === 0)) {
      w.starving = false;
      m.emit({ t: 'starvation', obj: reportAs, name, on: false });
    }
    g.waitStart = -1;
    m.race?.acquire(g.id, `${id}`);
    m.emit({
      t: 'acquire',
      g: g.id,
      obj: reportAs,
      name,
      mode: 'lock',
      barged: false,
      handoff: true,
    });
    return 'done';
  }
  w.woken = false;
  w.wokenG = 0;
  const waitedTooLong = m.now - g.waitStart > STARVATION_NS;
  if (!w.locked && !w.starving) {
    g.waitStart = -1;
    return acquire(m, g, id, name, reportAs, true);
  }
  // a goroutine that was already running took the lock first: back to the head of the queue
  if (waitedTooLong && w.locked && !w.starving) {
    w.starving = true;
    m.emit({ t: 'starvation', obj: reportAs, name, on: true });
  }
  m.emit({ t: 'requeue', g: g.id, obj: reportAs, name, overtakenBy: w.holder });
  w.q = [g.id, ...w.q];
  m.block(g, 'sync.Mutex.Lock', reportAs, name, w.holder ? [w.holder] : []);
  return NATIVE_BLOCK;
}

function acquire(
  m: Machine,
  g: G,
  id: number,
  name: string,
  reportAs: number,
  wasWoken: boolean,
): 'done' {
  const w = m.wr<MutexObj>(id);
  const barged = !wasWoken && (w.woken || w.q.length > 0);
  w.locked = true;
  w.holder = g.id;
  m.race?.acquire(g.id, `${id}`);
  // the writer mutex inside an RWMutex is an implementation detail: its Lock reports once
  if (reportAs === id) {
    m.noteHeld(g.id, reportAs, 'lock');
    m.emit({ t: 'acquire', g: g.id, obj: reportAs, name, mode: 'lock', barged, handoff: false });
  }
  return 'done';
}

function mutexUnlock(
  m: Machine,
  g: G,
  id: number,
  ins: Instr,
  name: string,
  reportAs: number,
  fatalMsg: string,
): void {
  const mu = m.get(id) as MutexObj;
  if (!mu.locked) m.fatal(fatalMsg, g, ins.pos, reportAs);
  const w = m.wr<MutexObj>(id);
  m.race?.release(g.id, `${id}`);
  if (reportAs === id) {
    m.noteReleased(g.id, reportAs, 'lock');
    m.emit({ t: 'release', g: g.id, obj: reportAs, name, mode: 'lock' });
  }
  if (w.starving) {
    const next = w.q[0];
    if (next !== undefined) {
      w.q = w.q.slice(1);
      // starvation mode: ownership goes straight to the waiter at the head
      w.holder = next;
      m.wg(next).handoff = true;
      m.wake(next, g.id, reportAs, name);
      return;
    }
    w.starving = false;
  }
  w.locked = false;
  w.holder = 0;
  if (w.q.length > 0 && !w.woken) {
    w.woken = true;
    w.wokenG = w.q[0] as number;
    w.q = w.q.slice(1);
    m.wake(w.wokenG, g.id, reportAs, name);
  }
}

function mutexTryLock(m: Machine, g: G, id: number, name: string, reportAs: number): boolean {
  const mu = m.get(id) as MutexObj;
  const ok = !mu.locked && !mu.starving;
  if (ok) {
    const w = m.wr<MutexObj>(id);
    w.locked = true;
    w.holder = g.id;
    m.race?.acquire(g.id, `${id}`);
    if (reportAs === id) m.noteHeld(g.id, reportAs, 'lock');
  }
  m.emit({ t: 'try', g: g.id, obj: reportAs, name, ok, mode: 'lock' });
  return ok;
}

// ---- sync.RWMutex -------------------------------------------------------------------------

function semRelease(
  m: Machine,
  rw: RWMutexObj,
  which: 'reader' | 'writer',
  by: number,
  id: number,
): void {
  const q = which === 'reader' ? rw.readerQ : rw.writerQ;
  const next = q.shift();
  if (next === undefined) {
    if (which === 'reader') rw.readerSem++;
    else rw.writerSem++;
    return;
  }
  if (which === 'reader') {
    rw.readers.push(next);
    m.noteHeld(next, id, 'rlock');
  } else rw.writer = next;
  m.wake(next, by, id, rw.name);
}

function removeReader(m: Machine, id: number, rw: RWMutexObj, gid: number): void {
  const i = rw.readers.indexOf(gid);
  rw.readers.splice(i >= 0 ? i : 0, 1);
  m.noteReleased(gid, id, 'rlock');
}

function rwRLock(m: Machine, g: G, id: number, name: string): NativeResult {
  if (g.phase === 0) {
    const rw = m.wr<RWMutexObj>(id);
    rw.readerCount++;
    if (rw.readerCount >= 0) {
      rw.readers.push(g.id);
      m.noteHeld(g.id, id, 'rlock');
      m.race?.acquire(g.id, `${id}w`);
      m.emit({
        t: 'acquire',
        g: g.id,
        obj: id,
        name,
        mode: 'rlock',
        barged: false,
        handoff: false,
      });
      return none;
    }
    // a writer is pending: this reader must wait, even if it already holds a read lock
    g.phase = 1;
    return NATIVE_STEP;
  }
  if (g.phase === 1) {
    const rw = m.wr<RWMutexObj>(id);
    if (rw.readerSem > 0) {
      rw.readerSem--;
      rw.readers.push(g.id);
      m.noteHeld(g.id, id, 'rlock');
    } else {
      rw.readerQ.push(g.id);
      g.phase = 2;
      const w = m.get(rw.w) as MutexObj;
      m.block(
        g,
        'sync.RWMutex.RLock',
        id,
        name,
        rw.writer ? [rw.writer] : w.holder ? [w.holder] : [],
      );
      return NATIVE_BLOCK;
    }
  }
  m.race?.acquire(g.id, `${id}w`);
  m.emit({ t: 'acquire', g: g.id, obj: id, name, mode: 'rlock', barged: false, handoff: false });
  return none;
}

function rwRUnlock(m: Machine, g: G, id: number, ins: Instr, name: string): NativeResult {
  const rw = m.wr<RWMutexObj>(id);
  const r = --rw.readerCount;
  if (r < 0) {
    if (r + 1 === 0 || r + 1 === -RWMUTEX_MAX_READERS)
      m.fatal(GO.runlockOfUnlockedRW, g, ins.pos, id);
    m.race?.release(g.id, `${id}r`);
    removeReader(m, id, rw, g.id);
    m.emit({ t: 'release', g: g.id, obj: id, name, mode: 'rlock' });
    // the last reader the pending writer waits for wakes it
    if (--rw.readerWait === 0) semRelease(m, rw, 'writer', g.id, id);
    return none;
  }
  m.race?.release(g.id, `${id}r`);
  removeReader(m, id, rw, g.id);
  m.emit({ t: 'release', g: g.id, obj: id, name, mode: 'rlock' });
  return none;
}

/** Lock's phases: 0-2 take the writer mutex w; 3 announce the writer; 4 woken by the last reader. */
function rwLock(m: Machine, g: G, id: number, name: string): NativeResult {
  const rwObj = m.get(id) as RWMutexObj;
  if (g.phase <= 2) {
    const r = mutexLock(m, g, rwObj.w, name, id);
    if (r !== 'done') return r;
    g.phase = 3;
    return NATIVE_STEP;
  }
  if (g.phase === 3) {
    const rw = m.wr<RWMutexObj>(id);
    const r = rw.readerCount;
    rw.readerCount -= RWMUTEX_MAX_READERS;
    m.emit({ t: 'writer-pending', g: g.id, obj: id, name, readers: r });
    if (r !== 0 && (rw.readerWait += r) !== 0) {
      if (rw.writerSem > 0) rw.writerSem--;
      else {
        rw.writerQ.push(g.id);
        g.phase = 4;
        m.block(g, 'sync.RWMutex.Lock', id, name, rw.readers.slice());
        return NATIVE_BLOCK;
      }
    }
  }
  const rw = m.wr<RWMutexObj>(id);
  rw.writer = g.id;
  m.noteHeld(g.id, id, 'lock');
  m.race?.acquire(g.id, `${id}w`);
  m.race?.acquire(g.id, `${id}r`);
  m.emit({ t: 'acquire', g: g.id, obj: id, name, mode: 'lock', barged: false, handoff: false });
  return none;
}

function rwUnlock(m: Machine, g: G, id: number, ins: Instr, name: string): NativeResult {
  const rw = m.wr<RWMutexObj>(id);
  const r = rw.readerCount + RWMUTEX_MAX_READERS;
  if (r >= RWMUTEX_MAX_READERS) m.fatal(GO.unlockOfUnlockedRW, g, ins.pos, id);
  rw.readerCount = r;
  m.race?.release(g.id, `${id}w`);
  rw.writer = 0;
  m.noteReleased(g.id, id, 'lock');
  m.emit({ t: 'release', g: g.id, obj: id, name, mode: 'lock' });
  // readers that queued during the write get in before the next writer
  for (let i = 0; i < r; i++) semRelease(m, rw, 'reader', g.id, id);
  mutexUnlock(m, g, rw.w, ins, name, id, GO.unlockOfUnlockedMutex);
  return none;
}

function rwTryLock(m: Machine, g: G, id: number, ins: Instr, name: string): NativeResult {
  const rwObj = m.get(id) as RWMutexObj;
  if (!mutexTryLock(m, g, rwObj.w, name, id)) return [false];
  const rw = m.wr<RWMutexObj>(id);
  if (rw.readerCount !== 0) {
    mutexUnlock(m, g, rw.w, ins, name, id, GO.unlockOfUnlockedMutex);
    return [false];
  }
  rw.readerCount = -RWMUTEX_MAX_READERS;
  rw.writer = g.id;
  m.noteHeld(g.id, id, 'lock');
  m.race?.acquire(g.id, `${id}r`);
  return [true];
}

function rwTryRLock(m: Machine, g: G, id: number, name: string): NativeResult {
  const rw = m.get(id) as RWMutexObj;
  if (rw.readerCount < 0) {
    m.emit({ t: 'try', g: g.id, obj: id, name, ok: false, mode: 'rlock' });
    return [false];
  }
  const w = m.wr<RWMutexObj>(id);
  w.readerCount++;
  w.readers.push(g.id);
  m.noteHeld(g.id, id, 'rlock');
  m.race?.acquire(g.id, `${id}w`);
  m.emit({ t: 'try', g: g.id, obj: id, name, ok: true, mode: 'rlock' });
  return [true];
}

// ---- sync.WaitGroup -----------------------------------------------------------------------

function wgAdd(
  m: Machine,
  g: G,
  id: number,
  delta: number,
  ins: Instr,
  name: string,
): NativeResult {
  const w = m.wr<WaitGroupObj>(id);
  if (delta < 0) m.race?.release(g.id, `${id}`);
  w.n += delta;
  m.emit({ t: 'wg', g: g.id, obj: id, name, n: w.n });
  if (w.n < 0) m.startPanic(g, new Iface(T.string, GO.negativeWaitGroup), false, ins.pos);
  if (w.n === 0 && w.q.length > 0) {
    const q = w.q;
    w.q = [];
    for (const gid of q) m.wake(gid, g.id, id, name);
  }
  return none;
}

function wgWait(m: Machine, g: G, id: number, name: string): NativeResult {
  const w = m.get(id) as WaitGroupObj;
  if (g.phase === 0 && w.n > 0) {
    m.wr<WaitGroupObj>(id).q.push(g.id);
    g.phase = 1;
    m.block(g, 'semacquire', id, name, []);
    return NATIVE_BLOCK;
  }
  m.race?.acquire(g.id, `${id}`);
  return none;
}

// ---- context ------------------------------------------------------------------------------

/**
 * A new context under parent: with the earlier of its deadline and the parent's (`dcause`,
 * the cause its own deadline gives, kept only if it is the earlier), and cancelled with the
 * parent, unless it is WithoutCancel's, which has neither.
 */
function newCtx(
  m: Machine,
  kind: CtxObj['kind'],
  parent: number,
  deadline: number,
  kv: CtxObj['kv'] = null,
  dcause: Value = null,
  /** the goroutine making it (it cancels a context whose parent is done already) */
  by = 0,
): number {
  const p = parent >= 0 && kind !== 'nocancel' ? (m.get(parent) as CtxObj) : null;
  const dl = p && p.deadline < deadline ? p.deadline : deadline;
  const id = m.alloc({
    k: K.Ctx,
    ep: m.ep,
    kind,
    parent,
    kv,
    children: [],
    err: null,
    cause: null,
    dcause: dl === deadline ? dcause : null,
    deadline: dl,
    done: -1,
  });
  if (p) {
    if (p.err !== null) cancelCtx(m, id, p.err, by, p.cause);
    else m.wr<CtxObj>(parent).children.push(id);
  }
  return id;
}

/** Cancel a context and, as Go does, every context derived from it. */
export function cancelCtx(
  m: Machine,
  id: number,
  err: Value,
  by: number,
  cause: Value = err,
): void {
  const c = m.get(id) as CtxObj;
  if (c.err !== null) return;
  const w = m.wr<CtxObj>(id);
  w.err = err;
  w.cause = cause;
  m.emit({
    t: 'cancel',
    g: by,
    obj: id,
    err: err === m.ctxErrs[0] ? GO.contextCanceled : GO.deadlineExceeded,
  });
  // (its Done channel, if anyone asked for it, is closed: every receiver wakes)
  if (w.done >= 0) closeChannel(m, w.done, by, 'ctx.Done()');
  for (const child of w.children) cancelCtx(m, child, err, by, cause);
  w.children = [];
  // context.AfterFunc's: its function starts in a goroutine of its own
  if (w.kind === 'afterfunc')
    m.goLibrary((w.kv as [Value, Value])[0], by, AFTERFUNC_CANCEL_AT, AFTERFUNC_CANCEL);
}

/**
 * ctx.Done(): the channel of the nearest context up through the parents that can be
 * cancelled, made on first asking (closed at once if the context is cancelled already, as
 * Go's closedchan), or nil for one that never is (Background, TODO, WithoutCancel).
 */
function ctxDone(m: Machine, ctx: number): Value {
  for (let id = ctx; id >= 0;) {
    const c = m.get(id) as CtxObj;
    if (c.kind === 'value') {
      id = c.parent;
      continue;
    }
    if (c.kind !== 'cancel' && c.kind !== 'timer') return null;
    if (c.done >= 0) return new Ref(c.done, -1);
    const ch = makeChan(m, doneChanType, 0);
    const o = m.wr<ChanObj>(ch.id);
    o.name = 'ctx.Done()';
    o.closed = c.err !== null;
    m.wr<CtxObj>(id).done = ch.id;
    return ch;
  }
  return null;
}

/** A context's object: from a Context value, or from the receiver of one of its methods. */
function ctxArg(v: Value): number {
  if (v instanceof Iface && v.v instanceof Ref) return v.v.id;
  if (v instanceof Ref) return v.id;
  return -1;
}

/**
 * WithCancel, and with a deadline WithDeadline and WithTimeout; `dcause` is the cause the
 * deadline gives (WithDeadlineCause, WithTimeoutCause), when it is earlier than the parent's.
 */
/** The context a With function derives from: Go panics for a nil one. */
function parentCtx(m: Machine, g: G, v: Value, ins: Instr): number {
  const parent = ctxArg(v);
  if (parent < 0)
    m.startPanic(g, new Iface(T.string, 'cannot create context from nil parent'), false, ins.pos);
  return parent;
}

function withCancel(
  m: Machine,
  g: G,
  args: readonly Value[],
  deadline: number,
  ins: Instr,
  dcause: Value = null,
): NativeResult {
  const parent = parentCtx(m, g, args[0] as Value, ins);
  const kind = deadline !== NO_DEADLINE ? 'timer' : 'cancel';
  const id = newCtx(m, kind, parent, deadline, null, dcause);
  if (deadline !== NO_DEADLINE) {
    const c = m.get(id) as CtxObj;
    if (c.deadline <= m.now && c.err === null)
      cancelCtx(m, id, m.ctxErrs[1], g.id, c.dcause ?? m.ctxErrs[1]);
    else if (c.err === null) m.timers = [...m.timers, id];
  }
  const cancel = m.prog.trampolines.get('context.cancel/1');
  if (cancel === undefined) throw new Error('internal: no context.cancel wrapper');
  return [new Iface(cancelCtxPtr, new Ref(id, -1)), new FnVal(cancel, null, new Ref(id, -1), true)];
}

// ---- helpers ------------------------------------------------------------------------------

function sleepFor(
  m: Machine,
  g: G,
  ns: number,
  reason: 'sleep' | 'IO wait',
): NativeResult | 'done' {
  if (g.phase === 0) {
    if (ns <= 0) return 'done';
    g.phase = 1;
    m.sleep(g, m.now + ns, reason);
    return NATIVE_BLOCK;
  }
  return 'done';
}

function liveGoroutines(m: Machine): number {
  return m.gs.filter((g) => g.st !== 'done' && g.st !== 'crashed').length;
}

/**
 * An error made by errors.Join or by fmt.Errorf with several %w holds, after its text, this
 * marker and the errors it wraps (Go's Unwrap() []error); one made with one %w holds that
 * error alone.
 */
const JOINED = '\u0000join';

/**
 * An error of one of the library's types (libraryErrors: fmt.Errorf's *fmt.wrapError or
 * *fmt.wrapErrors, errors.Join's *errors.joinError) with this text, wrapping these (JOINED:
 * several, as a tree).
 */
function wrapping(
  m: Machine,
  t: Type,
  msg: string,
  wrapped: readonly Value[],
  joined: boolean,
): Value {
  const err = m.newError(msg, t);
  if (err instanceof Iface && err.v instanceof Ref)
    m.wr<SlotsObj>(err.v.id).s.push(...(joined ? [JOINED, ...wrapped] : wrapped));
  return err;
}

/**
 * What an error wraps: one error (errors.Unwrap's answer), several (Unwrap() []error: Join, or
 * Errorf with several %w), or none; the error's own Unwrap method, if it has one, says.
 */
function wrapped(m: Machine, v: Value): { one: Value; many: readonly Value[] } {
  if (v instanceof Iface && v.v instanceof Ref && libraryErrors.includes(v.t))
    return heldBy(m.get(v.v.id) as SlotsObj);
  const r = m.callMethod(v, 'Unwrap', []);
  if (!r || r.length !== 1) return { one: null, many: [] };
  const u = r[0] as Value;
  return u instanceof Slice ? { one: null, many: sliceValues(m, u) } : { one: u, many: [] };
}

/** What a library error (its object: the text, then what `wrapping` put there) wraps. */
function heldBy(o: SlotsObj): { one: Value; many: readonly Value[] } {
  if (o.s.length < 2) return { one: null, many: [] };
  if (o.s[1] === JOINED) return { one: null, many: o.s.slice(2) };
  return { one: o.s[1] as Value, many: [] };
}

/** Error() of the library's errors: the text each holds first. */
const errorText: Native = (m, _g, a) => [String((m.get(refOf(a[0] as Value)) as SlotsObj).s[0])];

/** Error and RuntimeError of every type in libraryErrors, by their native names. */
function libraryErrorNatives(): Record<string, Native> {
  const out: Record<string, Native> = {};
  for (const t of libraryErrors) {
    const methods = libraryErrorNamed(t).methods;
    const error = methods.get('Error')?.native;
    const runtime = methods.get('RuntimeError')?.native;
    if (error) out[error] = errorText;
    if (runtime) out[runtime] = () => none;
  }
  return out;
}

/** Unwrap() []error of the library's errors that wrap several. */
const unwrapMany: Native = (m, _g, a) => [
  m.newSlice(heldBy(m.get(refOf(a[0] as Value)) as SlotsObj).many, errorType),
];

/** Whether v, an operand of fmt.Errorf, is a non-nil error (what %w wraps). */
function isError(v: Value): boolean {
  return v instanceof Iface && findMethod(v.t, 'Error') !== null;
}

/** errors.Unwrap: what fmt.Errorf's %w wrapped, or what the error's own Unwrap method says. */
function unwrap(m: Machine, v: Value): Value {
  return wrapped(m, v).one;
}

/**
 * The errors in err's tree, depth first, err first (Go's errors.Is and As walk it, following
 * Unwrap() error and each of Unwrap() []error in turn; at most 100 here).
 */
function* chain(m: Machine, err: Value): Generator<Value> {
  const stack: Value[] = [err];
  for (let i = 0; stack.length > 0 && i < 100; i++) {
    const e = stack.pop() as Value;
    if (e === null) continue;
    yield e;
    const w = wrapped(m, e);
    if (w.one !== null) stack.push(w.one);
    for (let j = w.many.length - 1; j >= 0; j--) stack.push(w.many[j] as Value);
  }
}

// ---- sync.Once ------------------------------------------------------------------------

/** A Once's parts: its done flag (an atomic.Uint32's object) and its mutex, named for the UI. */
function onceParts(
  m: Machine,
  recv: Value,
  ins: Instr,
  ref: NativeRef | null,
): { done: number; mu: number; name: string } {
  const o = m.slots(m.ptr(recv, ins.pos).id);
  const mu = refOf(o.s[1] as Value);
  // the mutex is named after its Once ("once.m"), not after the field alone
  const name = `${o.name || ref?.place || 'once'}.m`;
  if ((m.get(mu) as MutexObj).name !== name) m.wr<MutexObj>(mu).name = name;
  return { done: refOf(o.s[0] as Value), mu, name };
}

/**
 * Once.Do(f), as Go 1.23's sync/once.go: an atomic load of done (return if set); else Lock m,
 * and if done is still unset call f with Unlock and the store of done deferred around it
 * (ONCE_END), else Unlock. Phases: 0 the load, 10-12 Lock's 0-2, 20 the Unlock.
 */
function onceDo(m: Machine, g: G, a: readonly Value[], ins: Instr, ref: NativeRef | null) {
  const { done, mu, name } = onceParts(m, a[0] as Value, ins, ref);
  const isDone = () => {
    m.race?.acquire(g.id, `atomic ${done}.0`);
    m.touch(g, done, 0, false, ins, true);
    const v = m.slots(done).s[0] as Value;
    onceEvent(m, g, done, name, 'Load', v);
    return v === 1;
  };
  if (g.phase === 0) {
    if (isDone()) return none;
    g.phase = 10;
    return NATIVE_STEP;
  }
  if (g.phase === 20) {
    mutexUnlock(m, g, mu, ins, name, mu, GO.unlockOfUnlockedMutex);
    return none;
  }
  g.phase -= 10;
  const r = mutexLock(m, g, mu, name, mu);
  if (r !== 'done') {
    g.phase += 10;
    return r;
  }
  if (isDone()) {
    g.phase = 20;
    return NATIVE_STEP;
  }
  const f = a[1] as Value;
  if (!(f instanceof FnVal)) {
    // calling a nil f panics inside doSlow, whose deferred calls still run
    m.wr<SlotsObj>(done).s[0] = 1;
    mutexUnlock(m, g, mu, ins, name, mu, GO.unlockOfUnlockedMutex);
    m.runtimePanic(GO.nilDeref, ins.pos, true);
  }
  const end = m.prog.trampolines.get(`sync.Once.${ONCE_END}/1`);
  if (end === undefined) throw new Error('internal: no wrapper for Once.Do');
  return m.callFromNative(g, f, 2, {
    fn: new FnVal(end, null, a[0] as Value, true),
    args: none,
    pos: ins.pos,
  });
}

/** The atomic look at (or store to) a Once's done flag, for the narration: once.done. */
function onceEvent(m: Machine, g: G, done: number, mu: string, op: 'Load' | 'Store', v: Value) {
  if (!m.record) return;
  m.emit({
    t: 'atomic',
    g: g.id,
    obj: done,
    name: `${mu.replace(/\.m$/, '')}.done`,
    op,
    value: String(v),
    swapped: false,
  });
}

/** What Do deferred around f: the store of done (phase 0), then Unlock (phase 1). */
function onceEnd(m: Machine, g: G, a: readonly Value[], ins: Instr, ref: NativeRef | null) {
  const { done, mu, name } = onceParts(m, a[0] as Value, ins, ref);
  if (g.phase === 0) {
    m.touch(g, done, 0, true, ins, true);
    m.wr<SlotsObj>(done).s[0] = 1;
    m.race?.release(g.id, `atomic ${done}.0`);
    onceEvent(m, g, done, name, 'Store', 1);
    g.phase = 1;
    return NATIVE_STEP;
  }
  mutexUnlock(m, g, mu, ins, name, mu, GO.unlockOfUnlockedMutex);
  return none;
}

// ---- math/rand ----------------------------------------------------------------------

/** A number in [0, n) from math/rand's source (two draws when n needs more than 32 bits). */
function randBelow(m: Machine, n: number): number {
  return below(() => m.nextRand(), n);
}

/** A number in [0, n) from a source of 32-bit words (n at most 2^53). */
function below(next: () => number, n: number): number {
  const r = n <= 2 ** 32 ? next() : next() * 2 ** 21 + (next() >>> 11);
  return r % n;
}

/** Go's Perm: an inside-out Fisher–Yates shuffle of 0..n-1. */
function perm(m: Machine, next: () => number, n: number, ins: Instr): NativeResult {
  if (n < 0) m.runtimePanic('invalid argument to Perm', ins.pos, false);
  const p: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = below(next, i + 1);
    p[i] = p[j] as number;
    p[j] = i;
  }
  return [m.newSlice(p, T.int)];
}

/** Go's Shuffle: Fisher–Yates from the end, swap run as Go code inside this step. */
function shuffle(
  m: Machine,
  g: G,
  next: () => number,
  n: number,
  swap: Value,
  ins: Instr,
): NativeResult {
  if (n < 0) m.runtimePanic('invalid argument to Shuffle', ins.pos, false);
  if (!(swap instanceof FnVal)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
  for (let i = n - 1; i > 0; i--) m.callSync(g, swap.fn, swap, [i, below(next, i + 1)]);
  return none;
}

/**
 * The source of 32-bit words a *rand.Rand (r) draws from: a rand.NewSource's state, read and
 * written at each draw (so a generator shared without a lock races, as Go's does), or the
 * program's own Source, whose Int63 runs as Go code.
 */
function randSource(m: Machine, g: G, r: Value, ins: Instr): () => number {
  const src = builder(m, g, r, ins, false).s[0] as Value;
  if (!(src instanceof Iface)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
  if (src.t.k === 'ptr' && src.t.elem === rngSourceType)
    return () => {
      const o = builder(m, g, src.v, ins, true);
      return (o.s[0] = randStep(o.s[0] as number));
    };
  return () => {
    const res = m.callMethod(src, 'Int63', []);
    if (!res) throw new Error('internal: a rand.Source without Int63');
    return Number(BigInt.asUintN(32, big(res[0] as number | bigint) >> 31n));
  };
}

/**
 * encoding/json's Marshal, MarshalIndent and Encoder (./json.ts): the text, or the error Go's
 * would give. A map being written meanwhile is Go's fatal error (the encoder ranges over it).
 */
function jsonText(
  m: Machine,
  g: G,
  v: Value,
  ins: Instr,
  escapeHTML: boolean,
): { text: string } | { err: Value } {
  try {
    return { text: new JsonEncoder(m, g, ins, escapeHTML).encode(v, emptyInterface) };
  } catch (e) {
    if (e instanceof JsonError) return { err: m.newError(e.text) };
    throw e;
  }
}

function jsonNatives(): Record<string, Native> {
  const bytes = (m: Machine, text: string) => m.newSlice(utf8Bytes(text), T.uint8);
  return {
    'json.Marshal': (m, g, a, ins) => {
      const r = jsonText(m, g, a[0] as Value, ins, true);
      return 'err' in r ? [null, r.err] : [bytes(m, r.text), null];
    },
    'json.MarshalIndent': (m, g, a, ins) => {
      const r = jsonText(m, g, a[0] as Value, ins, true);
      if ('err' in r) return [null, r.err];
      return [bytes(m, indentJSON(r.text, a[1] as string, a[2] as string)), null];
    },
    'json.NewEncoder': (m, _g, a) => {
      return [m.newStruct(jsonEncoderType, [a[0] as Value, '', '', true])];
    },
    // (the text and a newline, written to the Encoder's writer in one step, as Go's one Write)
    'json.Encoder.Encode': (m, g, a, ins) => {
      const e = builder(m, g, a[0] as Value, ins, false);
      const [w, prefix, indent, escapeHTML] = e.s as [Value, string, string, boolean];
      const r = jsonText(m, g, a[1] as Value, ins, escapeHTML);
      if ('err' in r) return [r.err];
      const text = prefix || indent ? indentJSON(r.text, prefix, indent) : r.text;
      const res = fwrite(m, g, w, `${text}\n`, ins);
      if (!Array.isArray(res)) return res;
      return [(res[1] as Value) ?? null];
    },
    'json.Encoder.SetIndent': (m, g, a, ins) => {
      const e = builder(m, g, a[0] as Value, ins, true);
      e.s[1] = a[1] as string;
      e.s[2] = a[2] as string;
      return none;
    },
    'json.Encoder.SetEscapeHTML': (m, g, a, ins) => {
      builder(m, g, a[0] as Value, ins, true).s[3] = a[1] as boolean;
      return none;
    },
  };
}

/** A *rand.Rand's methods, drawing as the package's functions do (see rand.Intn). */
function randNatives(): Record<string, Native> {
  const at = 'rand.Rand';
  const n = (
    name: string,
    f: (next: () => number, a: readonly Value[], ins: Instr, m: Machine, g: G) => NativeResult,
  ): [string, Native] => [
    `${at}.${name}`,
    (m, g, a, ins) => f(randSource(m, g, a[0] as Value, ins), a, ins, m, g),
  ];
  const positive = (m: Machine, a: readonly Value[], ins: Instr, name: string): number => {
    const v = a[1] as number;
    if (v <= 0) m.runtimePanic(`invalid argument to ${name}`, ins.pos, false);
    return v;
  };
  return Object.fromEntries([
    n('Intn', (next, a, ins, m) => [below(next, positive(m, a, ins, 'Intn'))]),
    n('Int31n', (next, a, ins, m) => [below(next, positive(m, a, ins, 'Int31n'))]),
    n('Int63n', (next, a, ins, m) => [below(next, positive(m, a, ins, 'Int63n'))]),
    n('Int', (next) => [below(next, 2 ** 53)]),
    n('Int63', (next) => [below(next, 2 ** 53)]),
    n('Int31', (next) => [next() >>> 1]),
    n('Uint32', (next) => [next()]),
    n('Float64', (next) => [below(next, 2 ** 53) / 2 ** 53]),
    n('Perm', (next, a, ins, m) => perm(m, next, a[1] as number, ins)),
    n('Shuffle', (next, a, ins, m, g) => shuffle(m, g, next, a[1] as number, a[2] as Value, ins)),
    // (Go's Rand.Seed seeds its source; the program's own Source's Seed runs)
    [
      `${at}.Seed`,
      (m, g, a, ins) => {
        const src = builder(m, g, a[0] as Value, ins, false).s[0] as Value;
        if (!(src instanceof Iface)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
        if (src.t.k === 'ptr' && src.t.elem === rngSourceType)
          builder(m, g, src.v, ins, true).s[0] = randSeed(a[1] as number);
        else m.callMethod(src, 'Seed', [a[1] as Value]);
        return none;
      },
    ],
    [
      'rand.rngSource.Int63',
      (m, g, a, ins) => {
        const o = builder(m, g, a[0] as Value, ins, true);
        const next = () => (o.s[0] = randStep(o.s[0] as number));
        return [below(next, 2 ** 53)];
      },
    ],
    [
      'rand.rngSource.Seed',
      (m, g, a, ins) => {
        builder(m, g, a[0] as Value, ins, true).s[0] = randSeed(a[1] as number);
        return none;
      },
    ],
    [
      'rand.NewSource',
      (m, _g, a) => {
        const src = m.newStruct(rngSourceType, [randSeed(a[0] as number)]);
        return [new Iface({ k: 'ptr', elem: rngSourceType }, src)];
      },
    ],
    ['rand.New', (m, _g, a) => [m.newStruct(randType, [a[0] as Value])]],
  ]);
}

/** The function a rand call is, as its panic names it (Intn, Int63n, IntN…). */
function randName(ins: Instr): string {
  const c = ins.c as NativeRef | null;
  return c?.place?.split('.').pop() ?? 'Intn';
}

// ---- sync.Map -----------------------------------------------------------------------

/**
 * A sync.Map key as the map object keeps it: a string, int or bool as itself, another basic
 * type tagged with its name (int64(1) and 1 are different keys), nil as a tag of its own, and
 * any other as a map[any]'s key is (runtime/keys.ts).
 */
function syncKey(m: Machine, k: Value, _g: G, ins: Instr): MapKey {
  if (k === null) return '\u0000nil';
  const t = k instanceof Iface ? k.t : null;
  const v = k instanceof Iface ? k.v : null;
  if (t?.k === 'basic' && ['string', 'int', 'bool'].includes(t.name)) return v as MapKey;
  if (t?.k === 'basic') return `\u0000${t.name}:${String(v)}`;
  // any other type: as a map[any] key is kept (a struct, a pointer, a named type)
  return m.encodeKey(k, emptyInterface, ins.pos);
}

/** The key a program stored, back from syncKey's form (for Range). */
function syncKeyValue(m: Machine, k: MapKey): Value {
  if (isIfaceKey(k)) return m.decodeKey(k, emptyInterface);
  if (typeof k !== 'string' || !k.startsWith('\u0000'))
    return new Iface(typeof k === 'string' ? T.string : typeof k === 'boolean' ? T.bool : T.int, k);
  if (k === '\u0000nil') return null;
  const [name, text] = k.slice(1).split(':', 2) as [string, string];
  const t = basic(name as BasicName);
  const num = /^(float|complex)/.test(name) ? Number(text) : norm(BigInt(text));
  return new Iface(t, name === 'string' ? text : name === 'bool' ? text === 'true' : num);
}

/**
 * sync.Map's methods: each one indivisible step on the map object. Every operation is
 * ordered after the ones before it for the race detector (Go's: a store is synchronized
 * before the loads that observe it; Interleave orders all of them, which hides no race
 * between accesses the program makes outside the map).
 */
function syncMapNatives(): Record<string, Native> {
  const open = (m: Machine, g: G, a: readonly Value[], ins: Instr, ref: NativeRef | null) => {
    const id = m.ptr(a[0] as Value, ins.pos).id;
    // named for the UI after the variable or field it is first used through
    if ((m.get(id) as MapObj).name === '' && ref?.place) m.wr<MapObj>(id).name = ref.place;
    m.race?.acquire(g.id, `syncmap ${id}`);
    m.race?.release(g.id, `syncmap ${id}`);
    return { id, o: m.get(id) as MapObj };
  };
  const get = (o: MapObj, k: MapKey): [Value, boolean] => [o.m.get(k) ?? null, o.m.has(k)];
  return {
    'sync.Map.Load': (m, g, a, ins, ref) => {
      const { o } = open(m, g, a, ins, ref);
      return get(o, syncKey(m, a[1] as Value, g, ins));
    },
    'sync.Map.Store': (m, g, a, ins, ref) => {
      const { id } = open(m, g, a, ins, ref);
      m.syncMapChange(g, id, 0, syncKey(m, a[1] as Value, g, ins), a[2] as Value);
      return none;
    },
    'sync.Map.LoadOrStore': (m, g, a, ins, ref) => {
      const { id, o } = open(m, g, a, ins, ref);
      const k = syncKey(m, a[1] as Value, g, ins);
      if (o.m.has(k)) return [o.m.get(k) ?? null, true];
      m.syncMapChange(g, id, 0, k, a[2] as Value);
      return [a[2] as Value, false];
    },
    'sync.Map.LoadAndDelete': (m, g, a, ins, ref) => {
      const { id, o } = open(m, g, a, ins, ref);
      const k = syncKey(m, a[1] as Value, g, ins);
      const r = get(o, k);
      if (r[1]) m.syncMapChange(g, id, 1, k, null);
      return r;
    },
    'sync.Map.Delete': (m, g, a, ins, ref) => {
      const { id, o } = open(m, g, a, ins, ref);
      const k = syncKey(m, a[1] as Value, g, ins);
      if (o.m.has(k)) m.syncMapChange(g, id, 1, k, null);
      return none;
    },
    'sync.Map.Swap': (m, g, a, ins, ref) => {
      const { id, o } = open(m, g, a, ins, ref);
      const k = syncKey(m, a[1] as Value, g, ins);
      const r = get(o, k);
      m.syncMapChange(g, id, 0, k, a[2] as Value);
      return r;
    },
    'sync.Map.CompareAndSwap': (m, g, a, ins, ref) => {
      const { id, o } = open(m, g, a, ins, ref);
      const k = syncKey(m, a[1] as Value, g, ins);
      if (!o.m.has(k) || !m.equal(o.m.get(k) ?? null, a[2] as Value, null, ins.pos)) return [false];
      m.syncMapChange(g, id, 0, k, a[3] as Value);
      return [true];
    },
    'sync.Map.CompareAndDelete': (m, g, a, ins, ref) => {
      const { id, o } = open(m, g, a, ins, ref);
      const k = syncKey(m, a[1] as Value, g, ins);
      if (!o.m.has(k) || !m.equal(o.m.get(k) ?? null, a[2] as Value, null, ins.pos)) return [false];
      m.syncMapChange(g, id, 1, k, null);
      return [true];
    },
    // f for each entry there when Range began and still there, in the order they were
    // stored (Go's is unspecified), until f returns false; f runs as callSync runs it
    'sync.Map.Range': (m, g, a, ins, ref) => {
      const { id, o } = open(m, g, a, ins, ref);
      const f = a[1] as Value;
      if (!(f instanceof FnVal)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
      for (const k of [...o.m.keys()]) {
        const now = m.get(id) as MapObj;
        if (!now.m.has(k)) continue;
        const r = m.callSync(g, f.fn, f, [syncKeyValue(m, k), now.m.get(k) ?? null]);
        if (r[0] === false) break;
      }
      return none;
    },
    'sync.Map.Clear': (m, g, a, ins, ref) => {
      const { id } = open(m, g, a, ins, ref);
      m.syncMapChange(g, id, 2, '', null);
      return none;
    },
  };
}

// ---- sync.Cond ----------------------------------------------------------------------

/** A Cond's parts: its notify list (named after the Cond, for the UI) and its L. */
function condParts(
  m: Machine,
  recv: Value,
  ins: Instr,
  ref: NativeRef | null,
): { notify: number; L: Value; name: string } {
  const o = m.slots(m.ptr(recv, ins.pos).id);
  const notify = refOf(o.s[2] as Value);
  // (named at the first call that knows a name: a later one through a wrapper may not)
  const cur = (m.get(notify) as CondObj).name;
  const name = o.name || cur || ref?.place || 'cond';
  if (cur !== name) m.wr<CondObj>(notify).name = name;
  return { notify, L: o.s[1] as Value, name };
}

/**
 * Cond.Wait, as Go 1.23's sync/cond.go: take a ticket (runtime_notifyListAdd), c.L.Unlock(),
 * then (COND_PARK, deferred after Unlock) sleep until the ticket is notified, and c.L.Lock().
 * L's methods are called as Go calls them, through the Locker interface.
 */
function condWait(m: Machine, g: G, a: readonly Value[], ins: Instr, ref: NativeRef | null) {
  const c = a[0] as Value;
  const { notify, L, name } = condParts(m, c, ins, ref);
  const w = m.wr<CondObj>(notify);
  const ticket = w.wait++;
  m.emit({ t: 'cond', g: g.id, obj: notify, name, op: 'wait', woke: [], lost: false });
  // (a nil L panics here, after the ticket is taken, as in Go)
  const unlock = m.methodOf(L, 'Unlock', ins.pos);
  const park = m.prog.trampolines.get(`sync.Cond.${COND_PARK}/2`);
  if (park === undefined) throw new Error('internal: no wrapper for Cond.Wait');
  return m.callFromNative(g, unlock, 1, {
    fn: new FnVal(park, null, c, true),
    args: [ticket],
    pos: ins.pos,
  });
}

/** runtime_notifyListWait (phase 0), then c.L.Lock() once notified (phase 1). */
function condPark(m: Machine, g: G, a: readonly Value[], ins: Instr, ref: NativeRef | null) {
  const { notify, L, name } = condParts(m, a[0] as Value, ins, ref);
  const ticket = a[1] as number;
  if (g.phase === 0 && ticket >= (m.get(notify) as CondObj).notify) {
    const w = m.wr<CondObj>(notify);
    w.q.push(g.id);
    w.tq.push(ticket);
    g.phase = 1;
    m.block(g, 'sync.Cond.Wait', notify, name, []);
    return NATIVE_BLOCK;
  }
  return m.callFromNative(g, m.methodOf(L, 'Lock', ins.pos), 2, null);
}

/** runtime_notifyListNotifyOne / NotifyAll: notify the next ticket, or every one taken. */
function condNotify(
  m: Machine,
  g: G,
  a: readonly Value[],
  ins: Instr,
  ref: NativeRef | null,
  all: boolean,
): Value[] {
  const { notify, name } = condParts(m, a[0] as Value, ins, ref);
  const o = m.get(notify) as CondObj;
  const op = all ? 'broadcast' : 'signal';
  if (o.wait === o.notify) {
    m.emit({ t: 'cond', g: g.id, obj: notify, name, op, woke: [], lost: true });
    return none;
  }
  const w = m.wr<CondObj>(notify);
  let woke: number[];
  if (all) {
    w.notify = w.wait;
    woke = w.q;
    w.q = [];
    w.tq = [];
  } else {
    // the waiter holding that ticket, if it is asleep yet (else it will not go to sleep)
    const i = w.tq.indexOf(w.notify++);
    woke = i < 0 ? [] : w.q.splice(i, 1);
    if (i >= 0) w.tq.splice(i, 1);
  }
  for (const id of woke) m.wake(id, g.id, notify, name);
  m.emit({ t: 'cond', g: g.id, obj: notify, name, op, woke, lost: false });
  return none;
}

// ---- log ----------------------------------------------------------------------------

/** A line as the standard logger writes it (log.go formatHeader and Output), to stderr. */
function logWrite(m: Machine, g: G, ins: Instr, msg: string): void {
  const { flags, prefix } = m.logger;
  const F = LOG_FLAGS;
  let line = flags & F.Lmsgprefix ? '' : prefix;
  line += formatLogTime(
    m.now,
    !!(flags & F.Ldate),
    !!(flags & F.Ltime),
    !!(flags & F.Lmicroseconds),
  );
  if (flags & (F.Lshortfile | F.Llongfile)) {
    const file =
      flags & F.Lshortfile ? m.fileName.slice(m.fileName.lastIndexOf('/') + 1) : m.fileName;
    line += `${file}:${ins.pos.line}: `;
  }
  if (flags & F.Lmsgprefix) line += prefix;
  line += msg.endsWith('\n') ? msg : `${msg}\n`;
  m.write(g, 'stderr', line);
}

/** log.Print, Printf, Println and their Fatal (exit 1) and Panic (panic(s)) forms. */
function logNatives(): Record<string, Native> {
  const out: Record<string, Native> = {};
  const forms: [string, (m: Machine, a: readonly Value[]) => string][] = [
    ['', (m, a) => fprint(m, a)],
    ['f', (m, a) => sprintf(m, a[0] as string, a.slice(1))],
    ['ln', (m, a) => sprintln(m, a)],
  ];
  for (const [suffix, text] of forms) {
    out[`log.Print${suffix}`] = (m, g, a, ins) => {
      logWrite(m, g, ins, text(m, a));
      return none;
    };
    out[`log.Fatal${suffix}`] = (m, g, a, ins) => {
      logWrite(m, g, ins, text(m, a));
      return m.exit(1, g, ins.pos);
    };
    out[`log.Panic${suffix}`] = (m, g, a, ins) => {
      const s = text(m, a);
      logWrite(m, g, ins, s);
      m.startPanic(g, new Iface(T.string, s), false, ins.pos);
      return none;
    };
  }
  return out;
}

// ---- log/slog -----------------------------------------------------------------------------

/** The default logger's threshold: Debug is left out (slog.LevelInfo). */
const SLOG_LEVELS = { Debug: -4, Info: 0, Warn: 4, Error: 8 } as const;

/**
 * slog's text form of a string (text_handler.go needsQuoting): quoted as strconv.Quote does
 * when empty or when it holds a space, `=`, `"`, a control character or an unprintable rune.
 */
function slogString(s: string): string {
  const plain = s.length > 0 && ![...s].some((c) => /[\s="\p{C}]/u.test(c));
  return plain ? s : quote(s);
}

/** A value as slog's default and text handlers write it (appendTextValue, Value.append). */
function slogValue(m: Machine, v: Value): string {
  if (!(v instanceof Iface)) return '<nil>';
  const t = v.t;
  const x = v.v;
  // (AnyValue goes by the dynamic type itself: a named string or int is KindAny, %+v)
  if (t.k === 'basic') {
    if (t.name === 'string') return slogString(x as string);
    if (t.name === 'bool') return String(x);
    if (t.name.startsWith('float')) return formatFloat(x as number, t);
    if (/^u?int/.test(t.name)) return intText(x as number);
  }
  if (t === durationType) return formatDuration(x as number);
  if (t === timeType) return formatLayout(x as number, '2006-01-02T15:04:05.000Z07:00');
  if (t.k === 'slice' && t.elem.k === 'basic' && t.elem.name === 'uint8')
    return quote(bytesText(m, x));
  return slogString(sprintf(m, '%+v', [v]));
}

/**
 * slog.Info and its kin on the default logger (Go 1.21's defaultHandler): the level, the
 * message and each key=value, written through the log package's output (its flags, its
 * prefix) as one line; args as argsToAttr reads them (a lone or non-string key is !BADKEY).
 */
function slogNatives(): Record<string, Native> {
  const out: Record<string, Native> = {};
  for (const [level, n] of Object.entries(SLOG_LEVELS))
    out[`slog.${level}`] = (m, g, a, ins) => {
      if (n < SLOG_LEVELS.Info) return none;
      let line = `${level.toUpperCase()} ${a[0] as string}`;
      const args = a.slice(1);
      for (let i = 0; i < args.length;) {
        const x = args[i] as Value;
        let key: string;
        let val: Value;
        if (x instanceof Iface && x.t === slogAttrType && x.v instanceof Ref) {
          [key, val] = m.slots(x.v.id).s as [string, Value];
          i += 1;
        } else if (x instanceof Iface && x.t.k === 'basic' && x.t.name === 'string') {
          if (i + 1 >= args.length) [key, val] = ['!BADKEY', x];
          else [key, val] = [x.v as string, args[i + 1] as Value];
          i += 2;
        } else {
          [key, val] = ['!BADKEY', x];
          i += 1;
        }
        // (an empty Attr is left out)
        if (key === '' && val === null) continue;
        line += ` ${slogString(key)}=${slogValue(m, val)}`;
      }
      logWrite(m, g, ins, line);
      return none;
    };
  // slog.String(key, v) and the others: an Attr holding v as an any (Any's is one already)
  for (const [name, t] of SLOG_ATTR_MAKERS)
    out[`slog.${name}`] = (m, _g, a) => [
      slogAttr(m, a[0] as string, isInterface(t) ? (a[1] as Value) : new Iface(t, a[1] as Value)),
    ];
  return out;
}

function slogAttr(m: Machine, key: string, v: Value): Value {
  const id = m.alloc({
    k: K.Slots,
    ep: m.ep,
    role: Role.Struct,
    t: slogAttrType,
    s: [key, v],
    name: '',
  });
  return new Ref(id, -1);
}

// ---- sync/atomic ----------------------------------------------------------------------

/**
 * One indivisible access to the value p points to (a variable, a field, an element; or an
 * atomic.Int64 and the like, whose value is its one field): `op` gets the old value and
 * returns the results and, if it writes, the new value. For the race detector (Go's memory
 * model: an atomic write is synchronized before the atomic reads that observe it) an
 * operation that reads acquires the location and one that writes releases it, and atomic
 * accesses are checked only against plain ones.
 */
function atomicAccess(
  m: Machine,
  g: G,
  p: Value,
  ins: Instr,
  name: AtomicOp,
  op: (old: Value) => { readonly out: Value[]; readonly next?: Value },
): Value[] {
  const r = m.ptr(p, ins.pos);
  const f = r.f < 0 ? 0 : r.f;
  const key = m.race ? `atomic ${r.id}.${f}` : '';
  if (name !== 'Store') m.race?.acquire(g.id, key);
  const old = m.slots(r.id).s[f] as Value;
  const { out, next } = op(old);
  m.touch(g, r.id, f, next !== undefined, ins, true);
  if (next !== undefined) {
    m.wr<SlotsObj>(r.id).s[f] = next;
    m.race?.release(g.id, key);
  }
  if (m.record) {
    const o = m.slots(r.id);
    const shown = next !== undefined ? next : old;
    m.emit({
      t: 'atomic',
      g: g.id,
      obj: r.id,
      name: atomicName(o, r.f),
      op: name,
      // (an atomic.Pointer's *T as fmt prints a pointer at the top: &{…})
      value:
        shown === null
          ? 'nil'
          : typeof shown === 'object'
            ? formatValue(m, shown, slotType(o.t, r.f < 0 ? 0 : r.f) ?? null, 'v')
            : String(shown),
      swapped: name === 'CompareAndSwap' && next !== undefined,
    });
  }
  return out;
}

/** What to call the value at field f of o (-1: o itself): a variable's, a field's name. */
function atomicName(o: SlotsObj, f: number): string {
  if (f < 0 || o.role === Role.Box) return o.name;
  const u = o.role === Role.Struct ? under(o.t) : null;
  const field = u?.k === 'struct' ? u.fields[f]?.name : undefined;
  return field ? (o.name ? `${o.name}.${field}` : field) : '';
}

/** Wrap an integer to a 32-bit kind's size, as the hardware's add does. */
function wrapAtomic(v: number, kind: (typeof ATOMIC_KINDS)[number]): number {
  return kind === 'Uint32' ? v >>> 0 : v | 0;
}

/** x & y or x | y of an atomic integer kind. */
function atomicBits(op: '&' | '|', x: Value, y: Value, kind: string): Value {
  const wide = kind === 'Int64' || kind === 'Uint64';
  return intOp(
    op,
    x as number | bigint,
    y as number | bigint,
    wide ? 64 : 32,
    kind.startsWith('Uint'),
  );
}

/** What each operation does to the old value, given the call's arguments (value first). */
const ATOMIC_EFFECT: Record<
  AtomicOp,
  (a: readonly Value[], kind: string) => (old: Value) => { out: Value[]; next?: Value }
> = {
  Load: () => (old) => ({ out: [old] }),
  Store: (a) => () => ({ out: none, next: a[1] as Value }),
  Add: (a, kind) => (old) => {
    // (64 bits exactly, past 2^53 too: AddUint64(&x, ^uint64(0)) subtracts one, as Go's doc says)
    const v =
      kind === 'Int64' || kind === 'Uint64'
        ? intOp('+', old as number | bigint, a[1] as number | bigint, 64, kind === 'Uint64')
        : wrapAtomic((old as number) + (a[1] as number), kind as (typeof ATOMIC_KINDS)[number]);
    return { out: [v], next: v };
  },
  Swap: (a) => (old) => ({ out: [old], next: a[1] as Value }),
  // (Go 1.23: the old value back, the bits and-ed or or-ed in)
  And: (a, kind) => (old) => ({ out: [old], next: atomicBits('&', old, a[1] as Value, kind) }),
  Or: (a, kind) => (old) => ({ out: [old], next: atomicBits('|', old, a[1] as Value, kind) }),
  CompareAndSwap: (a) => (old) =>
    old === a[1] ? { out: [true], next: a[2] as Value } : { out: [false] },
};

/**
 * The natives of sync/atomic, one per method the library declares (stdlib's atomicTypes):
 * `atomic.Int64.Add`, and for the integer kinds the function on a pointer, `atomic.AddInt64`.
 */
function atomicNatives(): Record<string, Native> {
  const out: Record<string, Native> = {};
  for (const t of atomicTypes)
    for (const name of t.methods.keys()) {
      const op = name as AtomicOp;
      const native: Native = (m, g, a, ins) =>
        atomicAccess(m, g, a[0] as Value, ins, op, ATOMIC_EFFECT[op](a, t.name));
      out[`atomic.${t.name}.${op}`] = native;
      if (t.name !== 'Bool') out[`atomic.${op}${t.name}`] = native;
    }
  return out;
}

/**
 * atomic.Value's methods, as Go 1.23's value.go: one indivisible access each (atomicAccess),
 * its panics in value.go's words. The value is an interface (null before the first store);
 * every store must be of the first one's concrete type.
 */
function atomicValueNatives(): Record<string, Native> {
  const panic = (m: Machine, g: G, ins: Instr, text: string): never => {
    m.startPanic(g, new Iface(T.string, `sync/atomic: ${text}`), false, ins.pos);
    throw new Error('unreachable');
  };
  const typeOf = (v: Value) => (v instanceof Iface ? v.t : null);
  /** a store of v where old is: v's type must be old's (or old must be empty) */
  const check = (m: Machine, g: G, ins: Instr, old: Value, v: Value, what: string) => {
    if (v === null) panic(m, g, ins, `${what} of nil value into Value`);
    const t = typeOf(old);
    if (t && !identical(t, typeOf(v) as Type))
      panic(m, g, ins, `${what} of inconsistently typed value into Value`);
  };
  return {
    'atomic.Value.Load': (m, g, a, ins) =>
      atomicAccess(m, g, a[0] as Value, ins, 'Load', ATOMIC_EFFECT.Load(a, 'Value')),
    'atomic.Value.Store': (m, g, a, ins) =>
      atomicAccess(m, g, a[0] as Value, ins, 'Store', (old) => {
        check(m, g, ins, old, a[1] as Value, 'store');
        return { out: none, next: a[1] as Value };
      }),
    'atomic.Value.Swap': (m, g, a, ins) =>
      atomicAccess(m, g, a[0] as Value, ins, 'Swap', (old) => {
        check(m, g, ins, old, a[1] as Value, 'swap');
        return { out: [old], next: a[1] as Value };
      }),
    'atomic.Value.CompareAndSwap': (m, g, a, ins) =>
      atomicAccess(m, g, a[0] as Value, ins, 'CompareAndSwap', (cur) => {
        const [, old, next] = a as [Value, Value, Value];
        if (next === null) panic(m, g, ins, 'compare and swap of nil value into Value');
        if (old !== null && !identical(typeOf(old) as Type, typeOf(next) as Type))
          panic(m, g, ins, 'compare and swap of inconsistently typed values');
        if (cur === null) return old !== null ? { out: [false] } : { out: [true], next };
        if (!identical(typeOf(cur) as Type, typeOf(next) as Type))
          panic(m, g, ins, 'compare and swap of inconsistently typed value into Value');
        // (an interface comparison: it panics on a value that cannot be compared, as Go's)
        return m.equal(cur, old, null, ins.pos) ? { out: [true], next } : { out: [false] };
      }),
  };
}

/**
 * atomic.Pointer[T]'s methods: one indivisible access each to its *T (atomicAccess), as the
 * typed values' Load, Store and Swap; CompareAndSwap compares pointers.
 */
const ATOMIC_POINTER_NATIVES: Record<string, Native> = {
  ...Object.fromEntries(
    (['Load', 'Store', 'Swap'] as const).map((op): [string, Native] => [
      `atomic.Pointer.${op}`,
      (m, g, a, ins) => atomicAccess(m, g, a[0] as Value, ins, op, ATOMIC_EFFECT[op](a, 'Pointer')),
    ]),
  ),
  'atomic.Pointer.CompareAndSwap': (m, g, a, ins) =>
    atomicAccess(m, g, a[0] as Value, ins, 'CompareAndSwap', (cur) =>
      m.equal(cur, a[1] as Value, null, ins.pos)
        ? { out: [true], next: a[2] as Value }
        : { out: [false] },
    ),
};

const NATIVES: Record<string, Native> = {
  ...Object.fromEntries(
    Object.entries(TIME_STRINGERS).map(([name, f]): [string, Native] => [
      name,
      (_m, _g, a) => [f(a[0] as number)],
    ]),
  ),
  ...syncMapNatives(),
  ...randNatives(),
  ...jsonNatives(),
  'sync.Mutex.Lock': (m, g, a, _ins, ref) => {
    const id = refOf(a[0] as Value);
    const r = mutexLock(m, g, id, nameOf(m, id, ref), id);
    return r === 'done' ? none : r;
  },
  'sync.Mutex.Unlock': (m, g, a, ins, ref) => {
    const id = refOf(a[0] as Value);
    mutexUnlock(m, g, id, ins, nameOf(m, id, ref), id, GO.unlockOfUnlockedMutex);
    return none;
  },
  'sync.Mutex.TryLock': (m, g, a, _ins, ref) => {
    const id = refOf(a[0] as Value);
    return [mutexTryLock(m, g, id, nameOf(m, id, ref), id)];
  },
  'sync.RWMutex.Lock': (m, g, a, _ins, ref) => {
    const id = refOf(a[0] as Value);
    return rwLock(m, g, id, nameOf(m, id, ref));
  },
  'sync.RWMutex.Unlock': (m, g, a, ins, ref) => {
    const id = refOf(a[0] as Value);
    return rwUnlock(m, g, id, ins, nameOf(m, id, ref));
  },
  'sync.RWMutex.RLock': (m, g, a, _ins, ref) => {
    const id = refOf(a[0] as Value);
    return rwRLock(m, g, id, nameOf(m, id, ref));
  },
  'sync.RWMutex.RUnlock': (m, g, a, ins, ref) => {
    const id = refOf(a[0] as Value);
    return rwRUnlock(m, g, id, ins, nameOf(m, id, ref));
  },
  'sync.RWMutex.TryLock': (m, g, a, ins, ref) => {
    const id = refOf(a[0] as Value);
    return rwTryLock(m, g, id, ins, nameOf(m, id, ref));
  },
  'sync.RWMutex.RLocker': (_m, _g, a) => [
    new Iface({ k: 'ptr', elem: rlockerType }, a[0] as Value),
  ],
  'sync.rlocker.Lock': (m, g, a, _ins, ref) => {
    const id = refOf(a[0] as Value);
    return rwRLock(m, g, id, nameOf(m, id, ref));
  },
  'sync.rlocker.Unlock': (m, g, a, ins, ref) => {
    const id = refOf(a[0] as Value);
    return rwRUnlock(m, g, id, ins, nameOf(m, id, ref));
  },
  'sync.RWMutex.TryRLock': (m, g, a, _ins, ref) => {
    const id = refOf(a[0] as Value);
    return rwTryRLock(m, g, id, nameOf(m, id, ref));
  },
  'sync.WaitGroup.Add': (m, g, a, ins, ref) => {
    const id = refOf(a[0] as Value);
    return wgAdd(m, g, id, a[1] as number, ins, nameOf(m, id, ref));
  },
  'sync.WaitGroup.Done': (m, g, a, ins, ref) => {
    const id = refOf(a[0] as Value);
    return wgAdd(m, g, id, -1, ins, nameOf(m, id, ref));
  },
  'sync.WaitGroup.Wait': (m, g, a, _ins, ref) => {
    const id = refOf(a[0] as Value);
    return wgWait(m, g, id, nameOf(m, id, ref));
  },
  'fmt.Println': (m, g, a) => fileWrite(m, g, 1, sprintln(m, a)),
  'fmt.Print': (m, g, a) => fileWrite(m, g, 1, fprint(m, a)),
  'fmt.Printf': (m, g, a) => fileWrite(m, g, 1, sprintf(m, a[0] as string, a.slice(1))),
  'fmt.Fprint': (m, g, a, ins) => fwrite(m, g, a[0] as Value, fprint(m, a.slice(1)), ins),
  'fmt.Fprintln': (m, g, a, ins) => fwrite(m, g, a[0] as Value, sprintln(m, a.slice(1)), ins),
  'fmt.Fprintf': (m, g, a, ins) =>
    fwrite(m, g, a[0] as Value, sprintf(m, a[1] as string, a.slice(2)), ins),
  'builtin.clearSlice': (m, g, a, ins) => {
    const v = a[0] as Value;
    if (!(v instanceof Slice)) return none;
    const elem = elemType(m, v);
    for (let i = 0; i < v.len; i++) m.touch(g, v.b, v.off + i, true, ins);
    for (let i = 0; i < v.len; i++) {
      const cur = m.slots(v.b).s[v.off + i];
      const zero = m.zero(elem);
      // a struct element keeps its identity (a pointer to it sees the zero value)
      if (cur instanceof Ref && zero instanceof Ref && isStructLike(elem))
        m.copyInto(cur.id, zero.id);
      else m.wr<SlotsObj>(v.b).s[v.off + i] = zero;
    }
    return none;
  },
  'os.Stdout': () => [1],
  'os.Stderr': () => [2],
  'os.File.Write': (m, g, a) => fileWrite(m, g, a[0] as Value, bytesText(m, a[1] as Value)),
  'os.File.WriteString': (m, g, a) => fileWrite(m, g, a[0] as Value, a[1] as string),
  'fmt.Sprintf': (m, _g, a) => [sprintf(m, a[0] as string, a.slice(1))],
  'fmt.Sprint': (m, _g, a) => [fprint(m, a)],
  'fmt.Sprintln': (m, _g, a) => [sprintln(m, a)],
  'fmt.Errorf': (m, _g, a) => {
    const format = a[0] as string;
    const args = a.slice(1);
    // %w prints an error operand as %v does and wraps it; anything else is a bad verb, as in
    // Go (%!w(int=5)), and still counts as a %w for the error's type
    let verbs = 0;
    let ws = 0;
    const wrapped: Value[] = [];
    const msg = sprintf(
      m,
      format.replace(/%[-+# 0-9.]*[a-zA-Z%]/g, (x) => {
        if (x === '%%') return x;
        const arg = args[verbs++] ?? null;
        if (!x.endsWith('w')) return x;
        ws++;
        if (!isError(arg)) return x;
        wrapped.push(arg);
        return `${x.slice(0, -1)}v`;
      }),
      args,
    );
    // Go 1.20: errors.New's error without %w, *fmt.wrapError with one, *fmt.wrapErrors with more
    if (ws === 0) return [m.newError(msg)];
    if (ws === 1) return [wrapping(m, WRAP_ERRORS.wrapError, msg, [wrapped[0] ?? null], false)];
    return [wrapping(m, WRAP_ERRORS.wrapErrors, msg, wrapped, true)];
  },
  'errors.New': (m, _g, a) => [m.newError(a[0] as string)],
  'errors.Join': (m, _g, a) => {
    const errs = a.filter((e) => e !== null);
    if (errs.length === 0) return [null];
    // its text: each error's, a line each (Go's joinError.Error)
    const msg = errs.map((e) => fprint(m, [e])).join('\n');
    return [wrapping(m, WRAP_ERRORS.joinError, msg, errs, true)];
  },
  'errors.Is': (m, _g, a, ins) => {
    const target = a[1] as Value;
    if (a[0] === null || target === null) return [a[0] === target];
    for (const e of chain(m, a[0] as Value)) {
      if (m.equal(e, target, null, ins.pos)) return [true];
      // an error may say itself that it matches (an Is method of the program's)
      if (m.callMethod(e, 'Is', [target])?.[0] === true) return [true];
    }
    return [false];
  },
  'errors.As': (m, g, a, ins) => {
    const target = a[1] as Value;
    // (as errors.go checks, in this order)
    if (a[0] === null) return [false];
    if (target === null) return m.runtimePanic('errors: target cannot be nil', ins.pos, false);
    const ok = target instanceof Iface && target.t.k === 'ptr' && target.v instanceof Ref;
    if (!ok) return m.runtimePanic('errors: target must be a non-nil pointer', ins.pos, false);
    const want = (target.t as { elem: Type }).elem;
    const p = target.v as Ref;
    if (!isInterface(want) && !m.fits(want, errorType))
      m.runtimePanic('errors: *target must be interface or implement error', ins.pos, false);
    for (const e of chain(m, a[0] as Value)) {
      if (e instanceof Iface && m.fits(e.t, want)) {
        m.storeThrough(g, p, isInterface(want) ? e : e.v, ins);
        return [true];
      }
      // an error may convert itself (an As method of the program's)
      if (m.callMethod(e, 'As', [target])?.[0] === true) return [true];
    }
    return [false];
  },
  'errors.Unwrap': (m, _g, a) => [unwrap(m, a[0] as Value)],
  // each library error's Error (its text) and, for the runtime's, RuntimeError (nothing)
  ...libraryErrorNatives(),
  'fmt.wrapError.Unwrap': (m, _g, a) => [heldBy(m.get(refOf(a[0] as Value)) as SlotsObj).one],
  'fmt.wrapErrors.Unwrap': unwrapMany,
  'errors.joinError.Unwrap': unwrapMany,
  'time.Sleep': (m, g, a) => {
    const r = sleepFor(m, g, Number(a[0]), 'sleep');
    return r === 'done' ? none : r;
  },
  'time.AfterFunc': (m, g, a) => [m.afterFunc(g, Number(a[0]), a[1] as Value)],
  'time.After': (m, _g, a) => [timerChan(m, Number(a[0]))],
  'time.NewTimer': (m, _g, a) => {
    const d = Number(a[0]);
    return [m.newStruct(timerType, [m.now + d, null, false, timerChan(m, d, 'timer.C')])];
  },
  'time.NewTicker': (m, _g, a, ins) => {
    const d = Number(a[0]);
    if (d <= 0) m.runtimePanic(GO.tickerInterval, ins.pos, false);
    return [m.newStruct(tickerType, [timerChan(m, d, 'ticker.C', d)])];
  },
  // (a nil channel for d <= 0, as Go's)
  'time.Tick': (m, _g, a) => {
    const d = Number(a[0]);
    return [d <= 0 ? null : timerChan(m, d, 'time.Tick', d)];
  },
  // (the ticker's channel keeps its state: see setTimerChan)
  'time.Ticker.Stop': (m, _g, a, ins) => {
    setTimerChan(m, tickerChan(m, m.ptr(a[0] as Value, ins.pos)), -1);
    return none;
  },
  'time.Ticker.Reset': (m, _g, a, ins) => {
    const d = Number(a[1]);
    if (d <= 0) m.runtimePanic(GO.tickerReset, ins.pos, false);
    setTimerChan(m, tickerChan(m, m.ptr(a[0] as Value, ins.pos)), d);
    return none;
  },
  'time.Timer.Stop': (m, _g, a, ins) => [m.stopTimer(m.ptr(a[0] as Value, ins.pos))],
  'time.Timer.Reset': (m, g, a, ins) => [
    m.resetTimer(g, m.ptr(a[0] as Value, ins.pos), Number(a[1])),
  ],
  'time.Now': (m) => [timeAt(m.now)],
  'time.Since': (m, _g, a) => [duration(m.now - timeNs(a[0] as number))],
  'time.Until': (m, _g, a) => [duration(timeNs(a[0] as number) - m.now)],
  'time.Duration.Milliseconds': (_m, _g, a) => [norm(big(a[0] as number | bigint) / 1_000_000n)],
  'time.Duration.Microseconds': (_m, _g, a) => [norm(big(a[0] as number | bigint) / 1000n)],
  'time.Duration.Nanoseconds': (_m, _g, a) => [a[0] as number | bigint],
  // (as Go's: whole seconds plus the fraction, so that a long Duration keeps its nanoseconds)
  'time.Duration.Seconds': (_m, _g, a) => [durationIn(a[0] as number | bigint, 1_000_000_000n)],
  'time.Duration.Minutes': (_m, _g, a) => [durationIn(a[0] as number | bigint, 60_000_000_000n)],
  'time.Duration.Hours': (_m, _g, a) => [durationIn(a[0] as number | bigint, 3_600_000_000_000n)],
  // (the least Duration has no opposite: its Abs is the greatest, as Go's)
  'time.Duration.Abs': (_m, _g, a) => [
    a[0] === MIN_DURATION ? MAX_DURATION : absInt(a[0] as number | bigint),
  ],
  'time.Duration.Truncate': (_m, _g, a) => {
    const [d, m] = a as [number | bigint, number | bigint];
    if (m <= 0) return [d];
    return [norm(big(d) - (big(d) % big(m)))];
  },
  // half away from zero, as Go's (time.go Duration.Round), saturating where it overflows
  'time.Duration.Round': (_m, _g, a) => {
    const [dv, mv] = a as [number | bigint, number | bigint];
    if (mv <= 0) return [dv];
    const [d, m] = [big(dv), big(mv)];
    let r = d % m;
    if (d < 0n) {
      r = -r;
      if (r + r < m) return [norm(d + r)];
      const d1 = d - m + r;
      return [d1 < d ? norm(d1) : MIN_DURATION];
    }
    if (r + r < m) return [norm(d - r)];
    const d1 = d + m - r;
    return [d1 > d && d1 <= MAX_DURATION ? norm(d1) : MAX_DURATION];
  },
  'time.Time.Weekday': (_m, _g, a) => [calendar(a[0] as number).weekday],
  'time.ParseDuration': (m, _g, a) => {
    const r = parseDuration(a[0] as string);
    return typeof r === 'number' ? [r, null] : [0, m.newError(r.error)];
  },
  'time.Time.Year': (_m, _g, a) => [calendar(a[0] as number).year],
  'time.Time.Month': (_m, _g, a) => [calendar(a[0] as number).month],
  'time.Time.Day': (_m, _g, a) => [calendar(a[0] as number).day],
  'time.Time.Hour': (_m, _g, a) => [calendar(a[0] as number).hour],
  'time.Time.Minute': (_m, _g, a) => [calendar(a[0] as number).minute],
  'time.Time.Second': (_m, _g, a) => [calendar(a[0] as number).second],
  'time.Time.Nanosecond': (_m, _g, a) => [calendar(a[0] as number).nano],
  'time.Time.YearDay': (_m, _g, a) => [calendar(a[0] as number).yearDay],
  'time.Time.Format': (_m, _g, a) => [formatLayout(a[0] as number, a[1] as string)],
  'time.Time.UTC': (_m, _g, a) => [a[0] as number],
  'time.Time.Equal': (_m, _g, a) => [a[0] === a[1]],
  'time.Time.IsZero': (_m, _g, a) => [a[0] === 0],
  'time.Time.Sub': (_m, _g, a) => [duration(timeNs(a[0] as number) - timeNs(a[1] as number))],
  'time.Time.Add': (m, _g, a) => {
    const t = a[0] as number;
    const d = Number(a[1]);
    // year 1 plus d: no number here holds it exactly
    if (t === 0 && d !== 0)
      m.limit(
        'exactInteger',
        'interleave: stopped: the zero Time (January 1, year 1) plus a Duration is not simulated: Interleave keeps instants as nanoseconds from the year 2000, exact only within 2^53 of it',
      );
    return [timeAt(timeNs(t) + d)];
  },
  // (Go's div: the remainder of the time since the zero Time, year 1, divided by d)
  'time.Time.Truncate': (m, _g, a) => {
    const [t, d] = a as [number, number | bigint];
    if (d <= 0 || t === 0) return [t];
    return [exactTime(m, timeNs(t) - Number(sinceYear1(t) % big(d)), 'Truncate')];
  },
  // (halves away from the zero Time, as Go's lessThanHalf)
  'time.Time.Round': (m, _g, a) => {
    const [t, d] = a as [number, number | bigint];
    if (d <= 0 || t === 0) return [t];
    const r = sinceYear1(t) % big(d);
    const ns = r + r < big(d) ? timeNs(t) - Number(r) : timeNs(t) + Number(big(d) - r);
    return [exactTime(m, ns, 'Round')];
  },
  'time.Time.After': (_m, _g, a) => [timeNs(a[0] as number) > timeNs(a[1] as number)],
  'time.Time.Before': (_m, _g, a) => [timeNs(a[0] as number) < timeNs(a[1] as number)],
  'time.Time.Compare': (_m, _g, a) => {
    const [t, u] = [timeNs(a[0] as number), timeNs(a[1] as number)];
    return [t < u ? -1 : t > u ? 1 : 0];
  },
  'time.Time.Unix': (_m, _g, a) => [
    a[0] === 0 ? ZERO_TIME_UNIX_S : EPOCH_2000_S + Math.floor(timeNs(a[0] as number) / 1e9),
  ],
  'time.Time.UnixMilli': (_m, _g, a) => [
    a[0] === 0
      ? ZERO_TIME_UNIX_S * 1e3
      : EPOCH_2000_S * 1e3 + Math.floor(timeNs(a[0] as number) / 1e6),
  ],
  // (the zero Time's is -62135596800000000, past 2^53: a bigint, see int64.ts)
  'time.Time.UnixMicro': (_m, _g, a) => [
    a[0] === 0
      ? norm(BigInt(ZERO_TIME_UNIX_S) * 1_000_000n)
      : norm(BigInt(EPOCH_2000_S) * 1_000_000n + BigInt(Math.floor(timeNs(a[0] as number) / 1e3))),
  ],
  'time.Time.UnixNano': (_m, _g, a) => {
    // (the zero Time's is out of int64's range: Go's arithmetic wraps it around)
    if (a[0] === 0) return [norm(BigInt.asIntN(64, BigInt(ZERO_TIME_UNIX_S) * 1_000_000_000n))];
    return [norm(BigInt(EPOCH_2000_S) * 1_000_000_000n + BigInt(timeNs(a[0] as number)))];
  },
  'http.Get': (m, g) => {
    const r = sleepFor(m, g, HTTP_GET_LATENCY_NS, 'IO wait');
    if (r !== 'done') return r;
    const body = m.alloc({
      k: K.Slots,
      ep: m.ep,
      role: Role.Struct,
      t: (httpBodyPtr as { elem: Type }).elem,
      s: [],
      name: '',
    });
    const resp = m.alloc({
      k: K.Slots,
      ep: m.ep,
      role: Role.Struct,
      t: responseType,
      s: ['200 OK', 200, new Iface(httpBodyPtr, new Ref(body, -1))],
      name: '',
    });
    return [new Ref(resp, -1), null];
  },
  'http.body.Close': () => [null],
  'runtime.Gosched': () => none,
  'runtime.NumGoroutine': (m) => [liveGoroutines(m)],
  'runtime.NumCPU': () => [SIMULATED_CPUS],
  'runtime.GC': collectGarbage,
  // math/rand: numbers from the run's seed (Go seeds its source at random; Interleave's runs
  // replay), below 2^53 (Interleave's integers are exact that far)
  'rand.Intn': (m, _g, a, ins) => {
    const n = a[0] as number;
    if (n <= 0) m.runtimePanic(`invalid argument to ${randName(ins)}`, ins.pos, false);
    return [randBelow(m, n)];
  },
  'rand.Int': (m) => [randBelow(m, 2 ** 53)],
  'rand.Float64': (m) => [randBelow(m, 2 ** 53) / 2 ** 53],
  'rand.Perm': (m, _g, a, ins) => perm(m, () => m.nextRand(), a[0] as number, ins),
  // (runtime.mapclone: a nil map stays nil; one being written is a fatal error, as Go's)
  'maps.Clone': (m, g, a, ins) => {
    const src = a[0] as Value;
    if (!(src instanceof Ref)) return [null];
    m.touch(g, src.id, -1, false, ins);
    const mo = m.get(src.id) as MapObj;
    if (mo.m.size > 0 && mo.writing) m.fatal(GO.concurrentMapCloneWrite, g, ins.pos, src.id);
    const ref = m.makeMap(mo.t);
    const w = m.wr<MapObj>(ref.id);
    for (const [k, v] of mo.m) w.m.set(k, v);
    return [ref];
  },
  'rand.Shuffle': (m, g, a, ins) =>
    shuffle(m, g, () => m.nextRand(), a[0] as number, a[1] as Value, ins),
  'rand.Seed': (m, _g, a) => {
    m.seedRand(a[0] as number);
    return none;
  },
  'runtime.GOMAXPROCS': (m, _g, a) => {
    const prev = m.procs;
    if ((a[0] as number) > 0) m.procs = a[0] as number;
    return [prev];
  },
  'runtime.nilpanic': (m, _g, _a, ins) => m.runtimePanic(GO.nilDeref, ins.pos, true),
  'context.Background': (m) => [
    new Iface(cancelCtxPtr, new Ref(newCtx(m, 'background', -1, NO_DEADLINE), -1)),
  ],
  'context.TODO': (m) => [new Iface(cancelCtxPtr, new Ref(newCtx(m, 'todo', -1, NO_DEADLINE), -1))],
  'context.WithCancel': (m, g, a, ins) => withCancel(m, g, a, NO_DEADLINE, ins),
  'context.WithTimeout': (m, g, a, ins) => withCancel(m, g, a, m.now + Number(a[1]), ins),
  'context.cancel': (m, g, a) => {
    cancelCtx(m, refOf(a[0] as Value), m.ctxErrs[0], g.id);
    return none;
  },
  // a CancelCauseFunc: cancel(cause), a nil cause standing for context.Canceled
  'context.cancelCause': (m, g, a) => {
    const cause = (a[1] as Value) ?? m.ctxErrs[0];
    cancelCtx(m, refOf(a[0] as Value), m.ctxErrs[0], g.id, cause as Value);
    return none;
  },
  'context.WithCancelCause': (m, g, a, ins) => {
    const [ctx, cancel] = withCancel(m, g, a, NO_DEADLINE, ins) as [Value, FnVal];
    const cause = m.prog.trampolines.get('context.cancelCause/2');
    if (cause === undefined) throw new Error('internal: no context.cancelCause wrapper');
    return [ctx, new FnVal(cause, null, cancel.recv, true)];
  },
  // context.Cause: the cause kept by the nearest cancellable context, up through the parents
  // (nil while it is live), else ctx.Err()
  'context.Cause': (m, _g, a) => {
    for (let id = ctxArg(a[0] as Value); id >= 0;) {
      const c = m.get(id) as CtxObj;
      if (c.kind === 'cancel' || c.kind === 'timer') return [c.cause];
      // (WithoutCancel hides its parent's cancellation: its Err, so its Cause, is nil)
      if (c.kind === 'nocancel') return [null];
      id = c.parent;
    }
    return [null];
  },
  // ctx.Deadline(): the earliest deadline up through the parents (WithDeadline makes a timer
  // only when it is earlier than its parent's), else the zero Time and false
  'context.cancelCtx.Deadline': (m, _g, a) => {
    let d = NO_DEADLINE;
    for (let id = ctxArg(a[0] as Value); id >= 0;) {
      const c = m.get(id) as CtxObj;
      if (c.deadline < d) d = c.deadline;
      if (c.kind === 'nocancel') break;
      id = c.parent;
    }
    return d === NO_DEADLINE ? [0, false] : [timeAt(d), true];
  },
  'context.cancelCtx.Err': (m, _g, a) => [(m.get(refOf(a[0] as Value)) as CtxObj).err],
  'context.cancelCtx.Done': (m, _g, a) => [ctxDone(m, ctxArg(a[0] as Value))],
  // ctx.Value(key): the nearest WithValue with an equal key, up through the parents
  'context.cancelCtx.Value': (m, _g, a, ins) => {
    for (let id = ctxArg(a[0] as Value); id >= 0;) {
      const c = m.get(id) as CtxObj;
      if (c.kv && m.equal(c.kv[0], a[1] as Value, null, ins.pos)) return [c.kv[1]];
      id = c.parent;
    }
    return [null];
  },
  'context.WithValue': (m, g, a, ins) => {
    const parent = parentCtx(m, g, a[0] as Value, ins);
    if (a[1] === null) m.startPanic(g, new Iface(T.string, 'nil key'), false, ins.pos);
    const id = newCtx(m, 'value', parent, NO_DEADLINE, [a[1] as Value, a[2] as Value]);
    return [new Iface(cancelCtxPtr, new Ref(id, -1))];
  },
  'context.WithDeadline': (m, g, a, ins) => withCancel(m, g, a, timeNs(a[1] as number), ins),
  'context.WithDeadlineCause': (m, g, a, ins) =>
    withCancel(m, g, a, timeNs(a[1] as number), ins, a[2] as Value),
  'context.WithTimeoutCause': (m, g, a, ins) =>
    withCancel(m, g, a, m.now + Number(a[1]), ins, a[2] as Value),
  // (its parent's values, none of its cancellation or deadline: not among the parent's children)
  // f starts when ctx is done (at once if it is already), unless stop() comes first
  'context.AfterFunc': (m, g, a, ins) => {
    const parent = parentCtx(m, g, a[0] as Value, ins);
    const id = newCtx(m, 'afterfunc', parent, NO_DEADLINE, [a[1] as Value, null], null, g.id);
    const stop = m.prog.trampolines.get('context.afterFuncStop/1');
    if (stop === undefined) throw new Error('internal: no context.afterFuncStop wrapper');
    return [new FnVal(stop, null, new Ref(id, -1), true)];
  },
  // AfterFunc's stop: whether it kept f from starting (it is off its context then)
  'context.afterFuncStop': (m, _g, a) => {
    const id = refOf(a[0] as Value);
    const c = m.get(id) as CtxObj;
    if (c.err !== null) return [false];
    const w = m.wr<CtxObj>(id);
    w.err = m.ctxErrs[0];
    if (c.parent >= 0) {
      const p = m.wr<CtxObj>(c.parent);
      p.children = p.children.filter((x) => x !== id);
    }
    return [true];
  },
  'context.WithoutCancel': (m, g, a, ins) => {
    const id = newCtx(m, 'nocancel', parentCtx(m, g, a[0] as Value, ins), NO_DEADLINE);
    return [new Iface(cancelCtxPtr, new Ref(id, -1))];
  },
  'context.Canceled': (m) => [m.ctxErrs[0]],
  'context.DeadlineExceeded': (m) => [m.ctxErrs[1]],
  'os.Exit': (m, g, a, ins) => m.exit(a[0] as number, g, ins.pos),
  'builtin.print': (m, g, a, _ins, ref) => {
    m.write(g, 'stderr', a.map((v, i) => builtinPrint(m, v, ref?.types?.[i] ?? null)).join(''));
    return none;
  },
  'builtin.println': (m, g, a, _ins, ref) => {
    m.write(
      g,
      'stderr',
      `${a.map((v, i) => builtinPrint(m, v, ref?.types?.[i] ?? null)).join(' ')}\n`,
    );
    return none;
  },
  // `defer recover()`: recover not called by a deferred function returns nil and stops no
  // panic (the spec's "called directly by a deferred function"), so the call does nothing
  'builtin.recover.deferred': () => none,
  'builtin.copy': (m, g, a, ins) => {
    const dst = a[0] as Value;
    const src = a[1] as Value;
    if (!(dst instanceof Slice) || !(src instanceof Slice)) return [0];
    const vals = sliceValues(m, src);
    const n = Math.min(dst.len, vals.length);
    const b = m.wr<SlotsObj>(dst.b);
    for (let i = 0; i < n; i++) {
      m.touch(g, dst.b, dst.off + i, true, ins);
      b.s[dst.off + i] = vals[i] as Value;
    }
    return [n];
  },
  'builtin.min': (_m, _g, a) => [a.reduce((x, y) => ((y as number) < (x as number) ? y : x))],
  'builtin.max': (_m, _g, a) => [a.reduce((x, y) => ((y as number) > (x as number) ? y : x))],
  ...atomicNatives(),
  ...atomicValueNatives(),
  ...slogNatives(),
  ...ATOMIC_POINTER_NATIVES,
  ...CHAN_NATIVES,
  ...textNatives(),
  ...logNatives(),
  'log.SetFlags': (m, _g, a) => {
    m.logger = { ...m.logger, flags: a[0] as number };
    return none;
  },
  'log.SetPrefix': (m, _g, a) => {
    m.logger = { ...m.logger, prefix: a[0] as string };
    return none;
  },
  'log.Flags': (m) => [m.logger.flags],
  'log.Prefix': (m) => [m.logger.prefix],
  'sync.Once.Do': onceDo,
  [`sync.Once.${ONCE_END}`]: onceEnd,
  'sync.NewCond': (m, _g, a) => {
    const c = m.zero(condType) as Ref;
    m.wr<SlotsObj>(c.id).s[1] = a[0] as Value;
    return [c];
  },
  'sync.Cond.Wait': condWait,
  [`sync.Cond.${COND_PARK}`]: condPark,
  'sync.Cond.Signal': (m, g, a, ins, ref) => condNotify(m, g, a, ins, ref, false),
  'sync.Cond.Broadcast': (m, g, a, ins, ref) => condNotify(m, g, a, ins, ref, true),
  'sync.Pool.Get': poolGet,
  // (Put(nil) does nothing; Go under -race drops one Put in four at random, which this does not)
  'sync.Pool.Put': (m, g, a, ins) => {
    const x = a[1] as Value;
    if (x === null) return none;
    const p = m.ptr(a[0] as Value, ins.pos);
    m.race?.release(g.id, poolKey(p, x));
    // (a new list each time: the pool's own, which the race detector does not watch, as Go's
    // runtime turns it off inside the pool)
    m.wr<SlotsObj>(p.id).s[1] = m.newSlice(
      [...sliceValues(m, m.slots(p.id).s[1] as Value), x],
      emptyInterface,
    );
    return none;
  },
};

/** What orders a Put before the Get that returns its value, for the race detector. */
function poolKey(p: Ref, x: Value): string {
  return x instanceof Iface && x.v instanceof Ref ? `pool ${x.v.id}` : `pool ${p.id}`;
}

/**
 * sync.Pool.Get: the value put last, else the last of what the last collection moved to the
 * victim cache, else what New makes (New runs as Go code), else nil.
 */
function poolGet(m: Machine, g: G, a: readonly Value[], ins: Instr): NativeResult {
  const p = m.ptr(a[0] as Value, ins.pos);
  for (const slot of [1, 2]) {
    const held = sliceValues(m, m.slots(p.id).s[slot] as Value);
    const x = held.pop();
    if (x === undefined) continue;
    m.wr<SlotsObj>(p.id).s[slot] = m.newSlice(held, emptyInterface);
    m.race?.acquire(g.id, poolKey(p, x));
    return [x];
  }
  const f = m.slots(p.id).s[3] as Value;
  return f instanceof FnVal ? [m.callSync(g, f.fn, f, [])[0] as Value] : [null];
}

/**
 * runtime.GC: what a collection does that a program can see here, Go's poolCleanup: each
 * pool's victim cache is dropped and its list becomes the victim cache (so a value put before
 * two collections is gone, and Get calls New).
 */
function collectGarbage(m: Machine): NativeResult {
  const pools: number[] = [];
  m.h.forEach((o, id) => {
    if (o.k === K.Slots && o.t === poolType) pools.push(id);
  });
  for (const id of pools) {
    m.libraryWrite(id);
    const w = m.wr<SlotsObj>(id);
    w.s[2] = w.s[1] as Value;
    w.s[1] = null;
  }
  return none;
}

/** The built-in print/println's formatting (runtime/print.go), not fmt's. */
function builtinPrint(m: Machine, v: Value, t: Type | null): string {
  if (typeof v === 'bigint') return intText(v);
  if (typeof v === 'number') {
    if (t && t.k === 'basic' && /float/.test(t.name)) return formatFloatE(v);
    return intText(v);
  }
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (v === null) return t && t.k === 'iface' ? '(0x0,0x0)' : '0x0';
  if (v instanceof Ref) return `0x${(0xc000010000 + v.id * 16).toString(16)}`;
  void m;
  return '(0x0,0x0)';
}

function formatFloatE(v: number): string {
  const s = v.toExponential(6);
  const [mant, exp] = s.split('e') as [string, string];
  const sign = exp.startsWith('-') ? '-' : '+';
  const digits = exp.replace(/^[-+]/, '').padStart(3, '0');
  return `${v >= 0 ? '+' : ''}${mant}e${sign}${digits}`;
}

/** A *time.Ticker's channel (heap id). */
function tickerChan(m: Machine, t: Ref): number {
  return ((m.get(t.id) as SlotsObj).s[0] as Ref).id;
}
