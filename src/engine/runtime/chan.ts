/**
 * Channels, as runtime/chan.go and runtime/select.go run them (Go 1.23): a send hands its
 * value straight to the receiver waiting longest, else fills the buffer, else parks the
 * sender in the send queue; a receive takes from the sender waiting longest (through the
 * buffer when there is one), else from the buffer, else parks; close wakes every waiter
 * (receivers get the zero value and false, senders panic). Operations on a nil channel park
 * for ever. A select polls its cases in a random order and takes the first that is ready,
 * else its default, else parks on every channel at once, and the first operation of another
 * goroutine on one of them takes that case and takes it off the others' queues.
 *
 * A goroutine woken by another's operation finds what it was handed in the channel
 * (ChanObj.dg). Under -race the happens-before edges are chan.go's: each buffer slot is
 * acquired and released by the operations that go through it, a direct handoff synchronises
 * both goroutines, and close releases what a receive that finds the channel closed acquires.
 */
import { Op, type Instr, type Program } from '../lang/code';
import { under, type Type } from '../lang/types';
import { shownValue, timeAt } from './fmt';
import { afterChanType } from '../lang/stdlib';
import type { G, Machine, NativeRef } from './machine';
import { GO } from './messages';
import { NATIVE_BLOCK, nameOf, type Native, type NativeResult } from './natives';
import { K, Ref, type ChanObj, type Value } from './values';

const none: Value[] = [];
const NO_IDS: readonly number[] = [];
const NO_OKS: readonly boolean[] = [];

/**
 * The largest buffer make accepts: chan.go's limit is the element size times the capacity
 * against maxAlloc (2^48 bytes on 64-bit Linux); elements are counted as one byte here.
 */
const MAX_CAP = 2 ** 48;

/** A select's cases, as the compiler describes them (its native's arguments follow them). */
interface SelectRef extends NativeRef {
  readonly cases: readonly { readonly send: boolean; readonly zero: Type | null }[];
  readonly hasDefault: boolean;
}

/**
 * Whether some select of the program has two or more cases, so that a run may have to choose
 * among ready ones (Machine.choose).
 */
export function hasChoosingSelect(program: Program): boolean {
  return program.funcs.some((f) =>
    f.code.some(
      (ins) =>
        ins.op === Op.Native &&
        (ins.c as SelectRef).name === 'chan.select' &&
        (ins.c as SelectRef).cases.length > 1,
    ),
  );
}

/** One case of a select, with its arguments: the channel, and the value a send sends. */
interface Case {
  readonly ch: Value;
  readonly send: boolean;
  readonly v: Value;
  readonly zero: Type | null;
}

/** A new channel of type t (a `chan` type or a named one) with room for cap values. */
export function makeChan(m: Machine, t: Type, cap: number): Ref {
  return new Ref(m.alloc(chanObj(m, t, cap, Infinity)), -1);
}

/**
 * time.After(d) and a Timer's channel: it gets the time d from now (Machine.timers), and
 * again every `period` after that for a Ticker's.
 */
export function timerChan(m: Machine, d: number, name = 'time.After', period = 0): Ref {
  const c = chanObj(m, afterChanType, 0, m.now + Math.max(0, d));
  c.name = name;
  c.period = period;
  const id = m.alloc(c);
  m.timers = [...m.timers, id];
  return new Ref(id, -1);
}

/**
 * Stop a timer's or a ticker's channel, or (d >= 0) set it to fire d from now (every d, for a
 * ticker's): a time it got and nobody has received is dropped (Go 1.23: no stale value after
 * Stop or Reset). Whether it was still to deliver a time (Timer.Stop's and Reset's answer).
 */
export function setTimerChan(m: Machine, id: number, d: number): boolean {
  m.libraryWrite(id);
  const c = m.get(id) as ChanObj;
  const pending = c.fireAt < Infinity || c.buf.length > 0;
  const w = m.wr<ChanObj>(id);
  w.buf = none;
  w.fireAt = d < 0 ? Infinity : m.now + d;
  if (w.period > 0 && d > 0) w.period = d;
  if (d >= 0 && !m.timers.includes(id)) m.timers = [...m.timers, id];
  return pending;
}

function chanObj(m: Machine, t: Type, cap: number, fireAt: number): ChanObj {
  return {
    k: K.Chan,
    ep: m.ep,
    t,
    cap,
    buf: none,
    closed: false,
    recvq: NO_IDS,
    sendq: NO_IDS,
    sendv: none,
    dg: NO_IDS,
    dv: none,
    dok: NO_OKS,
    dcase: NO_IDS,
    sendx: 0,
    recvx: 0,
    name: '',
    timer: fireAt < Infinity,
    fireAt,
    period: 0,
  };
}

/**
 * A timer's channel whose time has come: the time it fired at goes to the receiver waiting
 * longest, or is kept for the next receive (Go 1.23's timer channels send when a receiver
 * is there, and a receive after the time finds it at once). A ticker's fires again a period
 * later (the first time after now: ticks a slow receiver missed are skipped, as Go's
 * runtime does), and a tick while one is still kept is dropped.
 */
export function fireTimerChan(m: Machine, id: number): void {
  const c = m.get(id) as ChanObj;
  if (!c.timer || c.fireAt > m.now) return;
  const w = m.wr<ChanObj>(id);
  const v = timeAt(w.fireAt);
  w.fireAt =
    w.period > 0 ? w.fireAt + w.period * (1 + Math.floor((m.now - w.fireAt) / w.period)) : Infinity;
  const r = w.recvq[0];
  if (r === undefined) {
    if (w.buf.length === 0) w.buf = [v];
    return;
  }
  w.recvq = w.recvq.slice(1);
  event(m, 0, id, w.name, 'send', v);
  release(m, id, r, false, v, true, 0, w.name);
}

/** The event for a channel operation (its value formatted only when the run records). */
function event(
  m: Machine,
  g: number,
  id: number,
  name: string,
  op: 'send' | 'recv' | 'sent' | 'received' | 'close',
  v: Value | undefined,
  closed = false,
): void {
  if (!m.record) return;
  const elem = under((m.get(id) as ChanObj).t);
  // (a string as Go source writes it: `G1 sends "job 1" on jobs`)
  const value = v === undefined || elem.k !== 'chan' ? null : shownValue(m, v, elem.elem);
  m.emit({ t: 'chan', g, obj: id, name, op, value, closed });
}

/** chan.go's racenotify: goroutine g goes through buffer slot `slot`. */
function notify(m: Machine, g: number, id: number, slot: number): void {
  const key = `${id}#${slot}`;
  m.race?.acquire(g, key);
  m.race?.release(g, key);
}

/** chan.go's racesync: a direct handoff between two goroutines orders both ways. */
function handoff(m: Machine, g: number, partner: number, id: number): void {
  const key = `${id}#0`;
  m.race?.release(g, key);
  m.race?.acquire(partner, key);
  m.race?.release(partner, key);
  m.race?.acquire(g, key);
}

/**
 * A value handed through the buffer while a partner waited (chan.go's send to a parked
 * receiver of a buffered channel, and recv from a parked sender): both go through the slot
 * at recvx, which then moves on, and sendx with it.
 */
function throughSlot(m: Machine, c: ChanObj, id: number, g: number, partner: number): void {
  notify(m, g, id, c.recvx);
  notify(m, partner, id, c.recvx);
  c.recvx = (c.recvx + 1) % c.cap;
  c.sendx = c.recvx;
}

/** The cases of the select goroutine gid is parked in, or null if it is not in one. */
function selectCases(m: Machine, gid: number): Case[] | null {
  const g = m.g(gid);
  if (g.reason !== 'select') return null;
  const fr = g.fr[g.fr.length - 1];
  const ins = fr?.f.code[fr.pc];
  const c = ins?.c as SelectRef | undefined;
  if (!fr || ins?.op !== Op.Native || c?.name !== 'chan.select') return null;
  return casesOf(fr.S.slice(fr.S.length - ins.a), c);
}

function casesOf(args: readonly Value[], c: SelectRef): Case[] {
  const out: Case[] = [];
  let a = 0;
  for (const k of c.cases) {
    const ch = args[a++] as Value;
    const v = k.send ? (args[a++] as Value) : null;
    out.push({ ch, send: k.send, v, zero: k.zero });
  }
  return out;
}

/**
 * Goroutine gid, taken off channel id's queue (`send`: its send queue) by another
 * goroutine's operation, is woken with what it is handed; if it waits in a select, it is taken
 * off the queues of the select's other cases too (which the operation then writes), and the
 * case is the first of the select on this channel in that direction.
 */
function release(
  m: Machine,
  id: number,
  gid: number,
  send: boolean,
  v: Value,
  ok: boolean,
  by: number,
  name: string,
): void {
  const cases = selectCases(m, gid);
  let ci = -1;
  if (cases) {
    ci = cases.findIndex((k) => k.send === send && k.ch instanceof Ref && k.ch.id === id);
    for (const k of cases) if (k.ch instanceof Ref) unqueue(m, k.ch.id, gid);
  }
  const w = m.wr<ChanObj>(id);
  w.dg = [...w.dg, gid];
  w.dv = [...w.dv, v];
  w.dok = [...w.dok, ok];
  w.dcase = [...w.dcase, ci];
  m.wake(gid, by, id, name);
}

/** Take goroutine gid off both queues of channel id (it waited in a select). */
function unqueue(m: Machine, id: number, gid: number): void {
  const o = m.get(id) as ChanObj;
  if (!o.recvq.includes(gid) && !o.sendq.includes(gid)) return;
  m.libraryWrite(id);
  const w = m.wr<ChanObj>(id);
  w.recvq = w.recvq.filter((x) => x !== gid);
  const keep = w.sendq.map((x) => x !== gid);
  w.sendq = w.sendq.filter((_, j) => keep[j]);
  w.sendv = w.sendv.filter((_, j) => keep[j]);
}

/** What goroutine gid was handed on channel id when it was woken (and forget it). */
function collect(m: Machine, id: number, gid: number): [Value, boolean, number] {
  const c = m.wr<ChanObj>(id);
  const i = c.dg.indexOf(gid);
  const got: [Value, boolean, number] = [c.dv[i] ?? null, c.dok[i] ?? false, c.dcase[i] ?? -1];
  const other = (_: unknown, j: number) => j !== i;
  c.dg = c.dg.filter(other);
  c.dv = c.dv.filter(other);
  c.dok = c.dok.filter(other);
  c.dcase = c.dcase.filter(other);
  return got;
}

function panicWith(m: Machine, g: G, msg: string, ins: Instr): never {
  m.startPanic(g, m.runtimeError(msg), false, ins.pos);
  throw new Error('unreachable');
}

/** A send that need not wait: done (true), or false if it must park. Panics if closed. */
function trySend(m: Machine, g: G, id: number, v: Value, ins: Instr, name: string): boolean {
  const c = m.get(id) as ChanObj;
  if (c.closed) panicWith(m, g, GO.sendOnClosedChannel, ins);
  if (c.recvq.length > 0) {
    const w = m.wr<ChanObj>(id);
    const r = w.recvq[0] as number;
    w.recvq = w.recvq.slice(1);
    if (w.cap === 0) handoff(m, g.id, r, id);
    else throughSlot(m, w, id, g.id, r);
    event(m, g.id, id, name, 'send', v);
    release(m, id, r, false, v, true, g.id, name);
    return true;
  }
  if (c.buf.length < c.cap) {
    const w = m.wr<ChanObj>(id);
    notify(m, g.id, id, w.sendx);
    w.sendx = (w.sendx + 1) % w.cap;
    w.buf = [...w.buf, v];
    event(m, g.id, id, name, 'send', v);
    return true;
  }
  return false;
}

/** A receive that need not wait: the value and ok, or null if it must park. */
function tryRecv(m: Machine, g: G, id: number, zero: Type, name: string): [Value, boolean] | null {
  fireTimerChan(m, id);
  const c = m.get(id) as ChanObj;
  if (c.closed && c.buf.length === 0) {
    m.race?.acquire(g.id, `${id}c`);
    const got = m.zero(zero);
    event(m, g.id, id, name, 'recv', got, true);
    return [got, false];
  }
  if (!c.closed && c.sendq.length > 0) {
    const w = m.wr<ChanObj>(id);
    const s = w.sendq[0] as number;
    const sv = w.sendv[0] as Value;
    w.sendq = w.sendq.slice(1);
    w.sendv = w.sendv.slice(1);
    let v: Value;
    if (w.cap === 0) {
      handoff(m, g.id, s, id);
      v = sv;
    } else {
      // the buffer is full: take its head, and the sender's value goes to its tail
      throughSlot(m, w, id, g.id, s);
      v = w.buf[0] as Value;
      w.buf = [...w.buf.slice(1), sv];
    }
    event(m, g.id, id, name, 'recv', v);
    release(m, id, s, true, null, true, g.id, name);
    return [v, true];
  }
  if (c.buf.length > 0) {
    const w = m.wr<ChanObj>(id);
    notify(m, g.id, id, w.recvx);
    w.recvx = (w.recvx + 1) % w.cap;
    const v = w.buf[0] as Value;
    w.buf = w.buf.slice(1);
    event(m, g.id, id, name, 'recv', v);
    return [v, true];
  }
  return null;
}

/**
 * Whether a select's case can go on at once (what trySend and tryRecv would do rather than
 * park): a send to a waiting receiver, into a buffer with room, or to a closed channel (which
 * panics); a receive from a waiting sender, a buffer, a closed channel or a timer's whose time
 * has come.
 */
function ready(m: Machine, k: Case): boolean {
  const c = m.get((k.ch as Ref).id) as ChanObj;
  if (k.send) return c.closed || c.recvq.length > 0 || c.buf.length < c.cap;
  return c.closed || c.sendq.length > 0 || c.buf.length > 0 || (c.timer && c.fireAt <= m.now);
}

type ForEver = 'chan send (nil chan)' | 'chan receive (nil chan)' | 'select (no cases)' | 'select';

function parkForever(m: Machine, g: G, reason: ForEver): NativeResult {
  g.phase = 1;
  const what =
    reason === 'select (no cases)' ? 'select {}' : reason === 'select' ? 'select' : 'nil channel';
  m.block(g, reason, -1, what, []);
  return NATIVE_BLOCK;
}

/** Goroutine gid joins channel id's send queue (with v) or its receive queue. */
function enqueue(m: Machine, id: number, gid: number, send: boolean, v: Value): void {
  const w = m.wr<ChanObj>(id);
  if (send) {
    w.sendq = [...w.sendq, gid];
    w.sendv = [...w.sendv, v];
  } else w.recvq = [...w.recvq, gid];
}

/** g waits in a send (of v) or a receive on channel id, until another goroutine's operation. */
function park(m: Machine, g: G, id: number, send: boolean, v: Value, name: string): NativeResult {
  enqueue(m, id, g.id, send, v);
  g.phase = 1;
  m.block(g, send ? 'chan send' : 'chan receive', id, name, []);
  return NATIVE_BLOCK;
}

function send(m: Machine, g: G, ch: Value, v: Value, ins: Instr, ref: NativeRef): NativeResult {
  if (!(ch instanceof Ref)) return parkForever(m, g, 'chan send (nil chan)');
  const id = ch.id;
  const name = nameOf(m, id, ref, 'ch');
  if (g.phase === 1) {
    // woken: a receiver took the value, or the channel was closed under us
    const [, ok] = collect(m, id, g.id);
    if (!ok) panicWith(m, g, GO.sendOnClosedChannel, ins);
    event(m, g.id, id, name, 'sent', undefined);
    return none;
  }
  raceSend(m, g, id, ins);
  if (trySend(m, g, id, v, ins, name)) return none;
  return park(m, g, id, true, v, name);
}

/**
 * Under -race, a send reads the channel and a close writes it (chan.go's racereadpc and
 * racewritepc on c.raceaddr()): a close that nothing orders after a send is a race, reported
 * even when the send came first and nothing panicked.
 */
function raceSend(m: Machine, g: G, id: number, ins: Instr): void {
  m.race?.access(m, g, id, -1, false, ins);
}

function recv(m: Machine, g: G, ch: Value, ins: Instr, ref: NativeRef): NativeResult {
  const zero = (ref as NativeRef & { zero: Type }).zero;
  const out = (got: [Value, boolean]): Value[] => (ins.b === 2 ? got : [got[0]]);
  if (!(ch instanceof Ref)) return parkForever(m, g, 'chan receive (nil chan)');
  const id = ch.id;
  const name = nameOf(m, id, ref, 'ch');
  if (g.phase === 1) {
    // woken: a sender handed a value, or the channel was closed
    const [v, ok] = collect(m, id, g.id);
    const got = ok ? v : m.zero(zero);
    event(m, g.id, id, name, 'received', got, !ok);
    return out([got, ok]);
  }
  const got = tryRecv(m, g, id, zero, name);
  if (got) return out(got);
  return park(m, g, id, false, null, name);
}

/**
 * select.go's selectgo: the cases polled in a random order (drawn from the seed: see
 * Machine.drawFor), the first ready one taken; else default; else park on every channel.
 * Answers [case index (-1: default), the value received, ok].
 */
function select(m: Machine, g: G, args: readonly Value[], ins: Instr): NativeResult {
  const ref = ins.c as SelectRef;
  const cases = casesOf(args, ref);
  // (it looks at every channel of its cases: each is part of what the step touches)
  for (const k of cases) if (k.ch instanceof Ref) m.libraryWrite(k.ch.id);
  const caseName = (k: Case) => nameOf(m, (k.ch as Ref).id, null, 'ch');
  if (g.phase === 1) {
    // woken by an operation on one of its channels, which took it off the others' queues
    for (const k of cases) {
      if (!(k.ch instanceof Ref)) continue;
      const id = k.ch.id;
      if (!(m.get(id) as ChanObj).dg.includes(g.id)) continue;
      const [v, ok, woken] = collect(m, id, g.id);
      // (a select of one case waits as the operation alone would: see below)
      const ci = woken < 0 ? 0 : woken;
      const taken = cases[ci] as Case;
      if (taken.send) {
        if (!ok) panicWith(m, g, GO.sendOnClosedChannel, ins);
        event(m, g.id, id, caseName(taken), 'sent', undefined);
        return [ci, null, false];
      }
      const got = ok ? v : m.zero(taken.zero as Type);
      event(m, g.id, id, caseName(taken), 'received', got, !ok);
      return [ci, got, ok];
    }
    return parkForever(m, g, 'select');
  }
  // a select of one case and no default is the operation alone (cmd/compile's walkSelect
  // makes it one): it waits as a send or a receive does, with that wait reason
  const only = cases.length === 1 && !ref.hasDefault ? (cases[0] as Case) : null;
  if (only && !(only.ch instanceof Ref))
    return parkForever(m, g, only.send ? 'chan send (nil chan)' : 'chan receive (nil chan)');
  // the poll order: a random permutation of the cases that have a channel (pollorder); the
  // first ready case in it is taken, unless a schedule or the explorer chooses another ready
  // one (Machine.choose), which some poll order would have come to first
  const order: number[] = [];
  const seed = m.drawFor(g);
  cases.forEach((k, i) => {
    if (!(k.ch instanceof Ref)) return;
    const n = order.length;
    const j = (Math.imul(seed ^ Math.imul(n + 1, 0x85ebca6b), 0x9e3779b1) >>> 0) % (n + 1);
    order.push(order[j] as number);
    order[j] = i;
  });
  // the ready cases, as numbers from 1 in source order
  const all: number[] = [];
  cases.forEach((k, i) => {
    if (k.ch instanceof Ref && ready(m, k)) all.push(i + 1);
  });
  let take = order.find((i) => all.includes(i + 1)) ?? -1;
  if (all.length > 1) {
    take = m.selectChoice(g, all, take + 1, ins.pos.line) - 1;
    if (m.record) {
      const what = (i: number) => {
        const k = cases[i] as Case;
        return `${k.send ? 'send on' : 'receive from'} ${caseName(k)}`;
      };
      m.emit({ t: 'select', g: g.id, ready: all.map((c) => what(c - 1)), took: what(take) });
    }
  }
  if (take >= 0) {
    const k = cases[take] as Case;
    const id = (k.ch as Ref).id;
    // (the send cases polled up to the one taken read their channels: selectgo's racereadpc)
    for (const i of order) {
      const p = cases[i] as Case;
      if (p.send) raceSend(m, g, (p.ch as Ref).id, ins);
      if (i === take) break;
    }
    if (k.send) {
      trySend(m, g, id, k.v, ins, caseName(k));
      return [take, null, false];
    }
    const got = tryRecv(m, g, id, k.zero as Type, caseName(k)) as [Value, boolean];
    return [take, got[0], got[1]];
  }
  if (ref.hasDefault) return [-1, null, false];
  if (order.length === 0) return parkForever(m, g, 'select');
  for (const i of order) {
    const k = cases[i] as Case;
    if (k.send) raceSend(m, g, (k.ch as Ref).id, ins);
  }
  if (only) return park(m, g, (only.ch as Ref).id, only.send, only.v, caseName(only));
  for (const i of order) {
    const k = cases[i] as Case;
    enqueue(m, (k.ch as Ref).id, g.id, k.send, k.v);
  }
  g.phase = 1;
  const first = cases.find((k) => k.ch instanceof Ref) as Case;
  m.block(g, 'select', (first.ch as Ref).id, caseName(first), []);
  return NATIVE_BLOCK;
}

function close(m: Machine, g: G, ch: Value, ins: Instr, ref: NativeRef): NativeResult {
  if (!(ch instanceof Ref)) panicWith(m, g, GO.closeOfNilChannel, ins);
  const id = ch.id;
  const name = nameOf(m, id, ref, 'ch');
  if ((m.get(id) as ChanObj).closed) panicWith(m, g, GO.closeOfClosedChannel, ins);
  m.race?.access(m, g, id, -1, true, ins);
  closeChannel(m, id, g.id, name);
  return none;
}

/**
 * Close channel id (open), by goroutine `by` (0: the runtime, as a context's deadline): every
 * receiver gets the zero value and false, every sender will panic (one in a select leaves
 * the select's other queues, and this one's too).
 */
export function closeChannel(m: Machine, id: number, by: number, name: string): void {
  const w = m.wr<ChanObj>(id);
  if (by > 0) m.race?.release(by, `${id}c`);
  w.closed = true;
  event(m, by, id, name, 'close', undefined);
  for (
    let c = m.get(id) as ChanObj;
    c.recvq.length + c.sendq.length > 0;
    c = m.get(id) as ChanObj
  ) {
    const send = c.recvq.length === 0;
    const gid = (send ? c.sendq[0] : c.recvq[0]) as number;
    unqueue(m, id, gid);
    if (by > 0) m.race?.acquire(gid, `${id}c`);
    release(m, id, gid, send, null, false, by, name);
  }
}

export const CHAN_NATIVES: Record<string, Native> = {
  'chan.make': (m, g, a, ins) => {
    const n = a[0] as number | bigint;
    if (n < 0 || n >= MAX_CAP) panicWith(m, g, GO.makechanSize, ins);
    return [makeChan(m, (ins.c as NativeRef & { zero: Type }).zero, Number(n))];
  },
  'chan.send': (m, g, a, ins, ref) =>
    send(m, g, a[0] as Value, a[1] as Value, ins, ref as NativeRef),
  'chan.recv': (m, g, a, ins, ref) => recv(m, g, a[0] as Value, ins, ref as NativeRef),
  'chan.close': (m, g, a, ins, ref) => close(m, g, a[0] as Value, ins, ref as NativeRef),
  'chan.select': (m, g, a, ins) => select(m, g, a, ins),
  'chan.selectNone': (m, g) => parkForever(m, g, 'select (no cases)'),
  'chan.len': (m, _g, a) => {
    const ch = a[0] as Value;
    const c = ch instanceof Ref ? (m.get(ch.id) as ChanObj) : null;
    return [c && !c.timer ? c.buf.length : 0];
  },
  'chan.cap': (m, _g, a) => {
    const ch = a[0] as Value;
    return [ch instanceof Ref ? (m.get(ch.id) as ChanObj).cap : 0];
  },
};
