/**
 * When main returns, Go ends the program and says nothing of the goroutines still running.
 * Some of them could never have finished anyway: they wait for a lock held by a goroutine
 * that is itself stuck (a partial deadlock: a cycle), or by one that returned without
 * unlocking, or for a WaitGroup nobody left can count down. The explorer reports such an end
 * as an outcome of its own.
 *
 * A goroutine waits when it is queued on a lock, a WaitGroup, a Cond or a channel, or when its next move is a Lock
 * that finds its mutex locked (the explorer may leave a goroutine at its Lock rather than
 * queue it; ./reduce.ts, rule 3): both wait for the same holders. The stuck ones are the
 * greatest set of waiting goroutines none of whose locks is held by a goroutine outside the
 * set that is still alive.
 */
import { waitEdge } from '../runtime/diagnose';
import { Footprint, type Machine } from '../runtime/machine';
import { K } from '../runtime/values';
import { move } from './reduce';

/** Some time.After channel is still to fire. */
function pendingTimerChan(m: Machine): boolean {
  return m.timers.some((id) => {
    const c = m.h.get(id);
    return c?.k === K.Chan && c.fireAt < Infinity;
  });
}

/** The goroutines (ids) that could never have continued when main returned in m. */
export function stuckAtExit(m: Machine): number[] {
  // main has returned (whatever its record says); the others may still be running
  const alive = new Set(
    m.gs.filter((g, i) => i > 0 && g.st !== 'done' && g.st !== 'crashed').map((g) => g.id),
  );
  if (alive.size === 0) return [];
  // goroutine id -> who could release what it waits for ('wg': anyone alive)
  const waits = new Map<number, readonly number[] | 'wg' | 'never'>();
  const fp = new Footprint();
  const out = { m: null as Machine | null };
  const timerPending = pendingTimerChan(m);
  for (const id of alive) {
    let at = m;
    let g = m.g(id);
    if (g.st === 'runnable') {
      // would its next move find a lock locked? (the program has ended: try it on a copy,
      // and let it queue)
      const probe = m.fork();
      probe.outcome = null;
      if (move(probe, id, fp, out).waitsOn < 0) continue;
      at = out.m as Machine;
      if (at.g(id).st === 'runnable' && !at.outcome) at.step(id);
      g = at.g(id);
    }
    const e = waitEdge(at, g);
    if (!e) continue;
    // (a channel, as a WaitGroup or a Cond, may be released by anyone alive; a nil channel by
    // no one)
    if (e.nil) {
      waits.set(id, 'never');
      continue;
    }
    // (a timer's channel yet to fire, time.After's, will wake a receive on it, or a select)
    if (e.chan && timerPending) continue;
    const k = at.get(g.waitObj).k;
    waits.set(id, k === K.WaitGroup || k === K.Cond || k === K.Chan ? 'wg' : e.heldBy);
  }
  const stuck = new Set(waits.keys());
  for (let changed = true; changed;) {
    changed = false;
    for (const id of stuck) {
      const by = waits.get(id) as readonly number[] | 'wg' | 'never';
      if (by === 'never') continue;
      const free = (x: number) => x !== id && alive.has(x) && !stuck.has(x);
      // a lock nobody is known to hold may be taken: not stuck, as far as we can tell
      const canRelease = by === 'wg' ? [...alive].some(free) : by.length === 0 || by.some(free);
      if (canRelease) {
        stuck.delete(id);
        changed = true;
      }
    }
  }
  return [...stuck].sort((a, b) => a - b);
}
