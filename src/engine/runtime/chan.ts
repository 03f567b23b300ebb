/**
 * Channels, as runtime/chan.go runs them (Go 1.23): a send hands its value straight to the
 * receiver waiting longest, else fills the buffer, else parks the sender in the send queue;
 * a receive takes from the sender waiting longest (through the buffer when there is one),
 * else from the buffer, else parks; close wakes every waiter (receivers get the zero value
 * and false, senders panic). Operations on a nil channel park for ever. A goroutine woken by
 * another's operation finds what it was handed in the channel (ChanObj.dg). Under -race the
 * happens-before edges are chan.go's: each buffer slot is acquired and released by the
 * operations that go through it, a direct handoff synchronises both goroutines, and close
 * releases what a receive that finds the channel closed acquires.
 */
import type { Instr } from '../lang/code';
import { under, type Type } from '../lang/types';
import { formatValue } from './fmt';
import type { G, Machine, NativeRef } from './machine';
import { GO } from './messages';
import { NATIVE_BLOCK, type Native, type NativeResult } from './natives';
import { K, Ref, type ChanObj, type Value } from './values';

const none: Value[] = [];

/**
 * The largest buffer make accepts: chan.go's limit is the element size times the capacity
 * against maxAlloc (2^48 bytes on 64-bit Linux); elements are counted as one byte here.
 */
const MAX_CAP = 2 ** 48;

/** A new channel of type t (a `chan` type or a named one) with room for cap values. */
export function makeChan(m: Machine, t: Type, cap: number): Ref {
  const c: ChanObj = {
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
    sendx: 0,
    recvx: 0,
    name: '',
  };
  return new Ref(m.alloc(c), -1);
}

const NO_IDS: readonly number[] = [];
const NO_OKS: readonly boolean[] = [];

/** The event for a channel operation (its value formatted only when the run records). */
function event(
  m: Machine,
  g: G,
  id: number,
  name: string,
  op: 'send' | 'recv' | 'sent' | 'received' | 'close',
  v: Value | undefined,
  closed = false,
): void {
  if (!m.record) return;
  const elem = under((m.get(id) as ChanObj).t);
  const value = v === undefined || elem.k !== 'chan' ? null : formatValue(m, v, elem.elem, 'v');
  m.emit({ t: 'chan', g: g.id, obj: id, name, op, value, closed });
}

function chanName(m: Machine, id: number, ref: NativeRef | null): string {
  const o = m.get(id) as ChanObj;
  if (o.name === '' && ref?.place) m.wr<ChanObj>(id).name = ref.place;
  return (m.get(id) as ChanObj).name || ref?.place || 'ch';
}

/** Hand goroutine gid, parked on channel c, its value and ok (c writable). */
function deliver(c: ChanObj, gid: number, v: Value, ok: boolean): void {
  c.dg = [...c.dg, gid];
  c.dv = [...c.dv, v];
  c.dok = [...c.dok, ok];
}

/** What goroutine gid was handed when it was woken (and forget it). */
function collect(m: Machine, id: number, gid: number): [Value, boolean] {
  const c = m.wr<ChanObj>(id);
  const i = c.dg.indexOf(gid);
  const v = c.dv[i] ?? null;
  const ok = c.dok[i] ?? false;
  c.dg = c.dg.filter((_, j) => j !== i);
  c.dv = c.dv.filter((_, j) => j !== i);
  c.dok = c.dok.filter((_, j) => j !== i);
  return [v, ok];
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

function parkForever(
  m: Machine,
  g: G,
  reason: 'chan send (nil chan)' | 'chan receive (nil chan)' | 'select (no cases)',
) {
  g.phase = 1;
  m.block(g, reason, -1, reason === 'select (no cases)' ? 'select {}' : 'nil channel', []);
  return NATIVE_BLOCK;
}

function panicWith(m: Machine, g: G, msg: string, ins: Instr): never {
  m.startPanic(g, m.runtimeError(msg), false, ins.pos);
  throw new Error('unreachable');
}

function send(m: Machine, g: G, ch: Value, v: Value, ins: Instr, ref: NativeRef): NativeResult {
  if (!(ch instanceof Ref)) return parkForever(m, g, 'chan send (nil chan)');
  const id = ch.id;
  const name = chanName(m, id, ref);
  if (g.phase === 1) {
    // woken: a receiver took the value, or the channel was closed under us
    const [, ok] = collect(m, id, g.id);
    if (!ok) panicWith(m, g, GO.sendOnClosedChannel, ins);
    event(m, g, id, name, 'sent', undefined);
    return none;
  }
  const c = m.get(id) as ChanObj;
  if (c.closed) panicWith(m, g, GO.sendOnClosedChannel, ins);
  if (c.recvq.length > 0) {
    const w = m.wr<ChanObj>(id);
    const r = w.recvq[0] as number;
    w.recvq = w.recvq.slice(1);
    if (w.cap === 0) handoff(m, g.id, r, id);
    else throughSlot(m, w, id, g.id, r);
    deliver(w, r, v, true);
    event(m, g, id, name, 'send', v);
    m.wake(r, g.id, id, name);
    return none;
  }
  if (c.buf.length < c.cap) {
    const w = m.wr<ChanObj>(id);
    notify(m, g.id, id, w.sendx);
    w.sendx = (w.sendx + 1) % w.cap;
    w.buf = [...w.buf, v];
    event(m, g, id, name, 'send', v);
    return none;
  }
  const w = m.wr<ChanObj>(id);
  w.sendq = [...w.sendq, g.id];
  w.sendv = [...w.sendv, v];
  g.phase = 1;
  m.block(g, 'chan send', id, name, []);
  return NATIVE_BLOCK;
}

function recv(m: Machine, g: G, ch: Value, ins: Instr, ref: NativeRef): NativeResult {
  const two = ins.b === 2;
  const zero = (ref as NativeRef & { zero: Type }).zero;
  const out = (v: Value, ok: boolean): Value[] => (two ? [v, ok] : [v]);
  if (!(ch instanceof Ref)) return parkForever(m, g, 'chan receive (nil chan)');
  const id = ch.id;
  const name = chanName(m, id, ref);
  if (g.phase === 1) {
    // woken: a sender handed a value, or the channel was closed
    const [v, ok] = collect(m, id, g.id);
    const got = ok ? v : m.zero(zero);
    event(m, g, id, name, 'received', got, !ok);
    return out(got, ok);
  }
  const c = m.get(id) as ChanObj;
  if (c.closed && c.buf.length === 0) {
    m.race?.acquire(g.id, `${id}c`);
    const got = m.zero(zero);
    event(m, g, id, name, 'recv', got, true);
    return out(got, false);
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
    deliver(w, s, null, true);
    event(m, g, id, name, 'recv', v);
    m.wake(s, g.id, id, name);
    return out(v, true);
  }
  if (c.buf.length > 0) {
    const w = m.wr<ChanObj>(id);
    notify(m, g.id, id, w.recvx);
    w.recvx = (w.recvx + 1) % w.cap;
    const v = w.buf[0] as Value;
    w.buf = w.buf.slice(1);
    event(m, g, id, name, 'recv', v);
    return out(v, true);
  }
  const w = m.wr<ChanObj>(id);
  w.recvq = [...w.recvq, g.id];
  g.phase = 1;
  m.block(g, 'chan receive', id, name, []);
  return NATIVE_BLOCK;
}

function close(m: Machine, g: G, ch: Value, ins: Instr, ref: NativeRef): NativeResult {
  if (!(ch instanceof Ref)) panicWith(m, g, GO.closeOfNilChannel, ins);
  const id = ch.id;
  const name = chanName(m, id, ref);
  if ((m.get(id) as ChanObj).closed) panicWith(m, g, GO.closeOfClosedChannel, ins);
  const w = m.wr<ChanObj>(id);
  m.race?.release(g.id, `${id}c`);
  w.closed = true;
  event(m, g, id, name, 'close', undefined);
  // every receiver gets the zero value and false, every sender will panic
  const woken = [...w.recvq, ...w.sendq];
  for (const r of w.recvq) deliver(w, r, null, false);
  for (const s of w.sendq) deliver(w, s, null, false);
  w.recvq = NO_IDS;
  w.sendq = NO_IDS;
  w.sendv = none;
  for (const gid of woken) {
    m.race?.acquire(gid, `${id}c`);
    m.wake(gid, g.id, id, name);
  }
  return none;
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
  'chan.selectNone': (m, g) => parkForever(m, g, 'select (no cases)'),
  'chan.len': (m, _g, a) => {
    const ch = a[0] as Value;
    return [ch instanceof Ref ? (m.get(ch.id) as ChanObj).buf.length : 0];
  },
  'chan.cap': (m, _g, a) => {
    const ch = a[0] as Value;
    return [ch instanceof Ref ? (m.get(ch.id) as ChanObj).cap : 0];
  },
};
