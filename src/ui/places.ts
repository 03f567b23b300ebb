/**
 * Where each goroutine's token is drawn: in a lane (running, runnable, sleeping, done) or
 * inside the lock, map, wait group, Cond or channel it waits on (or with those parked for
 * ever, on a nil channel or in select {}). Every token has exactly one place, so
 * Motion's layoutId can glide it from one to the next.
 */
import type { GoroutineView, Snapshot } from '../engine/runtime/snapshot';

export type Place =
  | { readonly k: 'lane'; readonly lane: 'running' | 'runnable' | 'sleeping' | 'done' }
  | { readonly k: 'lock'; readonly id: number; readonly slot: 'queue' | 'writer' | 'readers' }
  | { readonly k: 'wg'; readonly id: number }
  | { readonly k: 'cond'; readonly id: number }
  | { readonly k: 'chan'; readonly id: number; readonly slot: 'send' | 'recv' }
  /** parked for ever: on a nil channel, or in select {} */
  | { readonly k: 'forever' };

export function placeOf(g: GoroutineView, s: Snapshot): Place {
  if (g.state === 'running') return { k: 'lane', lane: 'running' };
  if (g.state === 'runnable') return { k: 'lane', lane: 'runnable' };
  if (g.state === 'sleeping') return { k: 'lane', lane: 'sleeping' };
  if (g.state === 'done' || g.state === 'crashed') return { k: 'lane', lane: 'done' };
  if (g.reason === 'semacquire') {
    const wg = s.waitGroups.find((w) => w.id === g.waitingOn);
    if (wg) return { k: 'wg', id: wg.id };
  }
  if (g.reason?.startsWith('chan ') || g.reason?.startsWith('select')) {
    // at its channel's queue (a select's first channel: the others' cards name it too), or,
    // on a nil channel or in select {}, with those parked for ever
    const c = s.chans.find((x) => x.id === g.waitingOn);
    if (!c) return { k: 'forever' };
    return { k: 'chan', id: c.id, slot: c.senders.includes(g.id) ? 'send' : 'recv' };
  }
  if (g.reason === 'sync.Cond.Wait') {
    const c = s.conds.find((x) => x.id === g.waitingOn);
    if (c) return { k: 'cond', id: c.id };
  }
  const lock = s.locks.find((l) => l.id === g.waitingOn);
  if (lock) {
    if (g.reason === 'sync.RWMutex.RLock') return { k: 'lock', id: lock.id, slot: 'readers' };
    if (g.reason === 'sync.RWMutex.Lock') return { k: 'lock', id: lock.id, slot: 'writer' };
    return { k: 'lock', id: lock.id, slot: 'queue' };
  }
  return { k: 'lane', lane: 'runnable' };
}

/** Goroutine ids drawn at a place, in queue order where there is one. */
export function idsAt(s: Snapshot, match: (p: Place, g: GoroutineView) => boolean): number[] {
  return s.goroutines.filter((g) => match(placeOf(g, s), g)).map((g) => g.id);
}

/** Okabe–Ito colours, safe for the common colour-vision deficiencies; index 0 is main. */
export function colorIndex(id: number): number {
  return id === 1 ? 0 : ((id - 6) % 7) + 1;
}
