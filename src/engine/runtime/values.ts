/**
 * Runtime values and heap objects.
 *
 * Scalars are JS numbers, strings and booleans; `null` is every nil. Everything addressable
 * or shared lives in the machine's heap, an array of objects reached by index, so a machine
 * can be forked cheaply: objects are copied only when one side writes them (copy-on-write,
 * tracked with an epoch stamp). Struct values live in the heap too and are copied on
 * assignment, which is how `store2 := store1` copies the mutex inside.
 */
import type { Type } from '../lang/types';
import type { Entries } from './entries';

/** A pointer: to a whole heap object (f = -1) or to slot f of one (a box, a field, an element). */
export class Ref {
  constructor(
    readonly id: number,
    readonly f: number,
  ) {}
}

/** A slice header (a value: copying it shares the backing array). */
export class Slice {
  constructor(
    readonly b: number,
    readonly off: number,
    readonly len: number,
    readonly cap: number,
  ) {}
}

/** A function value: a function, its captured cells, and for method values its receiver. */
export class FnVal {
  constructor(
    readonly fn: number,
    readonly env: readonly Value[] | null,
    readonly recv: Value,
    readonly bound: boolean,
  ) {}
}

/** An interface value: the dynamic type and the value. A nil interface is `null`. */
export class Iface {
  constructor(
    readonly t: Type,
    readonly v: Value,
  ) {}
}

/** The keys a `range` over a map will visit, fixed when the loop starts. */
export class Keys {
  constructor(readonly keys: readonly MapKey[]) {}
}

export type MapKey = number | bigint | string | boolean;
export type Value = number | bigint | string | boolean | null | Ref | Slice | FnVal | Iface | Keys;

export const enum K {
  Slots,
  Map,
  Mutex,
  RWMutex,
  WaitGroup,
  Ctx,
  Cond,
  Chan,
}

export const enum Role {
  Struct,
  Box,
  Backing,
}

export interface ObjBase {
  ep: number;
}

/** A struct, a variable's box, or a slice's backing array. */
export interface SlotsObj extends ObjBase {
  readonly k: K.Slots;
  readonly role: Role;
  /** struct: its type; backing: the element type; box: the variable's type */
  readonly t: Type;
  s: Value[];
  /** a name for the UI (the variable or field it was first reached by) */
  name: string;
}

export interface MapObj extends ObjBase {
  readonly k: K.Map;
  readonly t: Type;
  /**
   * the entries; shared with copies of this object until `own` is the writer's epoch (a copy
   * of the object copies the entries only when they change, not when the flag does)
   */
  m: Entries;
  /** the epoch whose machine may change `m` and `ver` in place */
  own: number;
  /** the hashWriting flag, toggled with XOR exactly as runtime/map.go does */
  writing: boolean;
  /** the goroutine that last toggled the flag on (for the UI) */
  writer: number;
  /** per key: goroutine id of its last writer and a version, for lost-update detection */
  ver: Map<MapKey, number>;
  name: string;
  /**
   * for the explorer's state hash: the entries (`m`) whose order-free hash is in `sumA` and
   * `sumB`, or null; entries are never changed in place once hashed (see StateHasher)
   */
  sumOf: Entries | null;
  sumA: number;
  sumB: number;
}

export interface MutexObj extends ObjBase {
  readonly k: K.Mutex;
  locked: boolean;
  woken: boolean;
  starving: boolean;
  /**
   * goroutine ids waiting on the semaphore, head first; replaced, never changed in place
   * (copies of the mutex share it)
   */
  q: readonly number[];
  /** who took it last (Go does not track owners; Interleave does, to explain) */
  holder: number;
  /** the waiter Unlock woke in normal mode, until it retries (0 if none): it can be overtaken */
  wokenG: number;
  name: string;
}

export interface RWMutexObj extends ObjBase {
  readonly k: K.RWMutex;
  /** the writer mutex w (a MutexObj id) */
  readonly w: number;
  readerCount: number;
  readerWait: number;
  readerSem: number;
  readerQ: number[];
  writerSem: number;
  writerQ: number[];
  /** goroutines holding a read lock, in order (for the UI and deadlock cycles) */
  readers: number[];
  writer: number;
  name: string;
}

export interface WaitGroupObj extends ObjBase {
  readonly k: K.WaitGroup;
  n: number;
  q: number[];
  name: string;
}

export interface CtxObj extends ObjBase {
  readonly k: K.Ctx;
  /**
   * (nocancel: context.WithoutCancel's, which its parent's cancellation does not reach;
   * afterfunc: context.AfterFunc's, whose cancellation starts its function)
   */
  readonly kind: 'background' | 'todo' | 'cancel' | 'timer' | 'value' | 'nocancel' | 'afterfunc';
  readonly parent: number;
  /** context.WithValue's key and value (kind 'value'); AfterFunc's function and null; else null */
  readonly kv: readonly [Value, Value] | null;
  children: number[];
  /** nil while live; then context.Canceled or context.DeadlineExceeded */
  err: Value;
  /** why it was cancelled (context.Cause): the error given to a CancelCauseFunc, else err */
  cause: Value;
  /** the cause its deadline gives (WithDeadlineCause, WithTimeoutCause), else null */
  readonly dcause: Value;
  /**
   * the deadline in virtual time (nanoseconds; -Infinity for the zero Time), or Infinity
   * (natives.ts NO_DEADLINE)
   */
  deadline: number;
  /** the channel ctx.Done() returns (heap id), made on first asking; -1 before */
  done: number;
}

/**
 * A sync.Cond's notifyList (runtime/sema.go): Wait takes ticket `wait` (then counts it up),
 * Signal notifies ticket `notify` (then counts it up), Broadcast notifies them all. The
 * goroutines asleep in Wait, in the order they went to sleep, each with its ticket.
 */
export interface CondObj extends ObjBase {
  readonly k: K.Cond;
  wait: number;
  notify: number;
  q: number[];
  tq: number[];
  name: string;
}

/**
 * A channel (runtime/chan.go's hchan): its buffer as a queue (head first), whether it is
 * closed, the goroutines parked in send and in receive, head first, and what a goroutine
 * woken by another's operation is handed: a receiver the value and ok, a sender ok (false:
 * the channel was closed under it). Lists are replaced, never changed in place (copies of
 * the channel share them).
 */
export interface ChanObj extends ObjBase {
  readonly k: K.Chan;
  /** the channel's type (for %T and the zero value) */
  readonly t: Type;
  /** its capacity (0: unbuffered) */
  readonly cap: number;
  buf: readonly Value[];
  closed: boolean;
  recvq: readonly number[];
  sendq: readonly number[];
  /** the values of the goroutines in sendq, in the same order */
  sendv: readonly Value[];
  /** goroutines woken by another's operation, with what each was handed (dv, dok) */
  dg: readonly number[];
  dv: readonly Value[];
  dok: readonly boolean[];
  /** for one woken in a select, the case taken (its index among the select's cases), else -1 */
  dcase: readonly number[];
  /** the buffer's next slots to send to and receive from (chan.go's sendx, recvx: -race) */
  sendx: number;
  recvx: number;
  name: string;
  /**
   * a timer's channel (time.After, NewTimer, NewTicker, Tick): it holds the time once
   * virtual time reaches `fireAt`, and reports no buffer, as Go 1.23's synchronous timer
   * channels do; `fireAt` is Infinity for other channels, once a timer has fired, and while
   * it is stopped
   */
  readonly timer: boolean;
  fireAt: number;
  /** a ticker's interval (virtual nanoseconds), after which it fires again; else 0 */
  period: number;
}

export type Obj =
  SlotsObj | MapObj | MutexObj | RWMutexObj | WaitGroupObj | CtxObj | CondObj | ChanObj;

/**
 * A shallow copy, for copy-on-write. Fields are spelled out (not spread) so that every copy
 * of a kind has one shape: this runs on most steps the explorer takes.
 */
export function cloneObj(o: Obj, ep: number): Obj {
  switch (o.k) {
    case K.Slots:
      return { k: K.Slots, ep, role: o.role, t: o.t, s: o.s.slice(), name: o.name };
    case K.Map:
      // the entries stay shared until they change (Machine.ownEntries)
      return {
        k: K.Map,
        ep,
        t: o.t,
        m: o.m,
        own: o.own,
        writing: o.writing,
        writer: o.writer,
        ver: o.ver,
        name: o.name,
        sumOf: o.sumOf,
        sumA: o.sumA,
        sumB: o.sumB,
      };
    case K.Mutex:
      return {
        k: K.Mutex,
        ep,
        locked: o.locked,
        woken: o.woken,
        starving: o.starving,
        q: o.q,
        holder: o.holder,
        wokenG: o.wokenG,
        name: o.name,
      };
    case K.RWMutex:
      return {
        k: K.RWMutex,
        ep,
        w: o.w,
        readerCount: o.readerCount,
        readerWait: o.readerWait,
        readerSem: o.readerSem,
        readerQ: o.readerQ.slice(),
        writerSem: o.writerSem,
        writerQ: o.writerQ.slice(),
        readers: o.readers.slice(),
        writer: o.writer,
        name: o.name,
      };
    case K.WaitGroup:
      return { k: K.WaitGroup, ep, n: o.n, q: o.q.slice(), name: o.name };
    case K.Cond:
      return {
        k: K.Cond,
        ep,
        wait: o.wait,
        notify: o.notify,
        q: o.q.slice(),
        tq: o.tq.slice(),
        name: o.name,
      };
    case K.Ctx:
      return {
        k: K.Ctx,
        ep,
        kind: o.kind,
        parent: o.parent,
        kv: o.kv,
        children: o.children.slice(),
        err: o.err,
        cause: o.cause,
        dcause: o.dcause,
        deadline: o.deadline,
        done: o.done,
      };
    case K.Chan:
      return {
        k: K.Chan,
        ep,
        t: o.t,
        cap: o.cap,
        buf: o.buf,
        closed: o.closed,
        recvq: o.recvq,
        sendq: o.sendq,
        sendv: o.sendv,
        dg: o.dg,
        dv: o.dv,
        dok: o.dok,
        dcase: o.dcase,
        sendx: o.sendx,
        recvx: o.recvx,
        name: o.name,
        timer: o.timer,
        fireAt: o.fireAt,
        period: o.period,
      };
  }
}

export const RWMUTEX_MAX_READERS = 1 << 30;

/** The elements of slice v in heap m (none for a nil slice). */
export function sliceValues(m: { get(id: number): Obj }, v: Value): Value[] {
  if (!(v instanceof Slice)) return [];
  return (m.get(v.b) as SlotsObj).s.slice(v.off, v.off + v.len);
}
