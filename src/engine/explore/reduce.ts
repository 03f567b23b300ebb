/**
 * What the explorer may leave out: moves, what they touch, and which of them need to be tried
 * from a state so that every outcome (exit code, first line of the report, stdout) is still
 * reached, with a schedule as short as without the reduction unless the search is a proof.
 *
 * A move is one goroutine's steps up to and including its next visible one (a step that
 * touches something another goroutine can see), or up to a select that has two or more
 * ready cases: such a goroutine has one move per ready case (`moves`), which differ only in
 * the case taken and share one footprint, the union of theirs. Steps that touch nothing shared commute
 * with everything, so they need no interleaving of their own; objects that only the moving
 * goroutine can reach (./owners.ts: a closure's own captured variables, what it has just
 * created) count as not shared. Two moves conflict when their
 * footprints (Machine.footprint: heap objects, a lock's own object, the output, goroutine
 * creation) share an object that either writes, or when one ends the program or lets
 * virtual time pass; otherwise they are independent: in either order they reach the same
 * state.
 *
 * `choose` picks the moves to try from a state. Each rule below keeps every outcome; the
 * first two are persistent sets in the sense of Godefroid ("Partial-Order Methods for the
 * Verification of Concurrent Systems", LNCS 1032, def. 4.1, thm. 4.3: a search that from
 * every state tries a persistent set reaches every terminal state, by a path no longer than
 * the shortest), the others keep every outcome by the argument given with each.
 *
 *  1. Waiting at a locked mutex. A goroutine whose move is a Lock that finds its mutex locked
 *     can, until some chosen goroutine moves, only keep failing (Lock's phases touch only the
 *     mutex), and the mutex stays locked: everything left out either waits at a Lock like
 *     this or is blocked, and blocked goroutines are woken only by an Unlock, a Done or the
 *     clock, none of which a failing Lock does (the clock does not move while a chosen
 *     goroutine can run). So such a goroutine may be left out unless a chosen move touches
 *     its mutex. Goroutines free to run are always chosen.
 *  2. When every runnable goroutine waits at a Lock and nobody sleeps: nothing can unlock any
 *     of those mutexes, each goroutine will queue and block whatever the order, and the
 *     program deadlocks. One order is enough.
 *  3. Postponing a failing Lock (programs that never let time pass). While some goroutine is
 *     free to run, goroutines waiting at a locked mutex are left out even when a chosen move
 *     (the holder's Unlock) touches it. Going through the failed attempt and the wait queue
 *     only narrows what can happen next: every later moment at which a queued goroutine
 *     could take the mutex, or block for good, the same goroutine still at its Lock can too,
 *     by being scheduled then. The exception is starvation mode, which changes how Unlock
 *     behaves (it hands the mutex over and keeps it locked) and needs a waiter to have
 *     waited 1 ms of virtual time: hence only when time cannot pass. It never makes a
 *     schedule longer: the attempts still happen, later, or not at all.
 *  4. Proof searches only (`proof`), which may make a schedule longer: a move of main that
 *     only starts a goroutine (no other goroutine can tell when a `go` ran, unless the program
 *     counts goroutines); main's WaitGroup.Wait that parks it, when only main.main adds to
 *     WaitGroups (then a counter only goes down while main waits: main is woken once, after
 *     the last Done, whenever it started waiting); a WaitGroup.Done on the WaitGroup main is
 *     parked on, when moreover only main.main waits and no Done takes a counter below zero
 *     (then the order of the Dones does not matter; which goroutine's Done panics would).
 *     Each such move goes alone. Only main's own `go`, and only Dones while main waits: a
 *     move that goes alone takes its goroutine further before main moves again, and where
 *     each goroutine is when main returns decides which are left stuck (an outcome of its
 *     own, ./stuck.ts); main's own moves keep their order anyway, and main parked in Wait
 *     can do nothing until the counter reaches zero. That no Done takes a counter below
 *     zero is checked as the search goes: if a move does, the search starts again without
 *     this rule (`explore`, `Move.overshoots`), since Dones moved earlier take a counter below
 *     zero no later than they would have.
 *
 * Rules 3 and 4 are arguments about outcomes rather than theorems from the literature; the
 * tests check them (and everything else here) against the unreduced search on every
 * tutorial and scenario program and on random programs.
 */
import { K } from '../runtime/values';
import { FP_SPAWN, type Footprint, type G, type Machine } from '../runtime/machine';
import type { Owners } from './owners';

/** A move stops merging local steps after this many (a goroutine that never touches anything). */
const MAX_LOCAL_STEPS = 10_000;
const MAIN = 1;

/** One goroutine's next move from a state. */
export interface Move {
  readonly g: number;
  /** what it touches: id*2 + (write ? 1 : 0), without repeats (see Machine.footprint) */
  readonly objs: readonly number[];
  /** it conflicts with every other move: it ends the program, lets time pass, or is opaque */
  readonly global: boolean;
  /** a Lock that finds this mutex (heap id) locked, so the goroutine waits; else -1 */
  readonly waitsOn: number;
  /** the machine steps it takes */
  readonly steps: number;
  /** all it shares is a `go` statement */
  readonly spawns: boolean;
  /** all it shares is a WaitGroup.Wait, and it leaves the goroutine waiting */
  readonly parks: boolean;
  /** all it shares is a WaitGroup.Done that leaves the counter at zero or more */
  readonly counts: boolean;
  /** it took a WaitGroup's counter below zero (which panics) */
  readonly overshoots: boolean;
  /**
   * all it shares is a sync.Mutex.Lock call, on this mutex (heap id), and it made no object
   * (see `waitsAgain`); else -1
   */
  readonly lock: number;
  /** the goroutine as it was when the move was worked out */
  readonly from: G;
  /**
   * the case (a number from 1) a select with two or more ready cases took at the move's end,
   * which the move is to take again when it is run again (Machine.choose); else 0
   */
  readonly choice: number;
  /** then, the cases that were ready (numbers from 1); else none */
  readonly ready: readonly number[];
}

const NO_CASES: readonly number[] = [];

/**
 * A goroutine's moves that end at one select, one per ready case (the first `move` found,
 * then one per other case in its `ready`), given the footprint of them all: whichever case is
 * taken, every channel of the select was looked at.
 */
export function oneFootprint(all: readonly Move[]): Move[] {
  let objs: number[] = [];
  let global = false;
  for (const mv of all) {
    global ||= mv.global;
    for (const c of mv.objs) {
      const j = objs.findIndex((x) => x >> 1 === c >> 1);
      if (j < 0) objs = [...objs, c];
      else objs[j] = (objs[j] as number) | c;
    }
  }
  return all.map((mv) => ({ ...mv, objs, global }));
}

/**
 * Run goroutine g from m0 (left unchanged) through its next move. The state after it is left
 * in `out.m`; `fp` is scratch space for the footprint.
 */
export function move(
  m0: Machine,
  g: number,
  fp: Footprint,
  out: { m: Machine | null },
  owners: Owners | null = null,
  choice = 0,
): Move {
  const m = m0.fork();
  const now = m.now;
  fp.n = 0;
  m.footprint = fp;
  m.privacy = owners;
  let steps = 0;
  for (;;) {
    m.lockAttempt = -1;
    m.lockCall = -1;
    m.choose(choice);
    const end = m.step(g);
    steps++;
    // (a select that chose among ready cases ends the move, even on channels only g reaches)
    if (m.outcome || end !== 'ok' || fp.n > 0 || steps >= MAX_LOCAL_STEPS || m.took) break;
  }
  const took = m.took;
  m.choose(0);
  m.footprint = null;
  m.privacy = null;
  out.m = m;
  let global = m.outcome !== null || m.now !== now;
  // gathered in the footprint's own array (a write subsumes a read of the same object), then
  // copied to an array of their number: pushing onto an empty array reserves room for 17
  const a = fp.a;
  let n = 0;
  for (let i = 0; i < fp.n; i++) {
    const c = a[i] as number;
    if (c < 0) {
      global = true;
      continue;
    }
    let j = 0;
    while (j < n && (a[j] as number) >> 1 !== c >> 1) j++;
    if (j === n) a[n++] = c;
    else a[j] = (a[j] as number) | c;
  }
  const objs = new Array<number>(n);
  for (let i = 0; i < n; i++) objs[i] = a[i] as number;
  const only = !global && objs.length === 1 ? (objs[0] as number) : -1;
  let overshoots = false;
  for (let i = 0; i < objs.length; i++) {
    const o = m.h.get((objs[i] as number) >> 1);
    if (o?.k === K.WaitGroup && o.n < 0) overshoots = true;
  }
  return {
    g,
    objs,
    global,
    waitsOn: m.lockAttempt,
    steps,
    spawns: only === FP_SPAWN * 2 + 1,
    parks: only >= 0 && m.g(g).st === 'blocked' && m.g(g).reason === 'semacquire',
    counts: only >= 0 && countsDown(m0, m, g, only >> 1),
    overshoots,
    lock: only >= 0 && only === m.lockCall * 2 + 1 && m.h.length === m0.h.length ? m.lockCall : -1,
    from: m0.g(g),
    choice: took ? took.c : 0,
    ready: took ? took.ready : NO_CASES,
  };
}

/**
 * Move mv, worked out in an earlier state, as it is in state m, if it can be told without
 * running it: a Lock call that finds its mutex locked in m, by a goroutine that has not moved
 * since (a move that locked the mutex conflicts with it, but only makes it wait). Its steps
 * up to the call touch only its own locals and objects only it can reach, which no other
 * goroutine's move can change, so it takes the same steps and makes the same call, which now
 * finds the mutex locked (Machine.libraryFootprint): everything `choose` and the sleep sets
 * use is known. The state after it is worked out only if it is tried. Null when that cannot
 * be told (the mutex is not locked, or the step limit is near).
 */
export function waitsAgain(m: Machine, mv: Move): Move | null {
  if (mv.lock < 0) return null;
  const g = m.g(mv.g);
  if (g !== mv.from || g.handoff || g.phase !== 0) return null;
  const mu = m.h.get(mv.lock);
  if (mu?.k !== K.Mutex || !mu.locked) return null;
  if (m.steps + mv.steps >= m.limits.steps) return null;
  return mv.waitsOn === mv.lock ? mv : { ...mv, waitsOn: mv.lock };
}

/**
 * Goroutine g, moving from m0 to m, took one off WaitGroup id's counter and carries on, while
 * main waits on that WaitGroup (until it is woken, main can neither print nor return: see
 * rule 4).
 */
function countsDown(m0: Machine, m: Machine, g: number, id: number): boolean {
  // (id may be a pseudo-object such as FP_OUTPUT, or new since m0: then `get` finds nothing)
  const before = m0.h.get(id);
  const after = m.h.get(id);
  const me = m.g(g);
  const main = m0.g(MAIN);
  return (
    main.st === 'blocked' &&
    main.reason === 'semacquire' &&
    main.waitObj === id &&
    before?.k === K.WaitGroup &&
    after?.k === K.WaitGroup &&
    after.n === before.n - 1 &&
    after.n >= 0 &&
    me.st !== 'blocked' &&
    me.panic === null
  );
}

export function conflicts(x: Move, y: Move): boolean {
  if (x.global || y.global) return true;
  for (const a of x.objs) for (const b of y.objs) if (a >> 1 === b >> 1 && (a | b) & 1) return true;
  return false;
}

/** Which of the rules above a search may use (rule 1 and 2 always apply). */
export interface Policy {
  /** rule 3: the program cannot let time pass */
  readonly postpone: boolean;
  /** rule 4, `go` */
  readonly eagerSpawn: boolean;
  /** rule 4, main's Wait */
  readonly eagerWait: boolean;
  /** rule 4, Done */
  readonly eagerDone: boolean;
}

/**
 * The moves to try from state m, among `moves` (one per runnable goroutine, in id order). The
 * choice depends on the state alone, which re-exploring a state with a smaller sleep set
 * relies on.
 */
export function choose(m: Machine, moves: readonly Move[], p: Policy): readonly Move[] {
  if (moves.length <= 1) return moves;
  // (loops rather than filter and find: this runs for every state)
  let nfree = 0;
  let eager: Move | null = null;
  for (const mv of moves) {
    if (mv.waitsOn >= 0) continue;
    nfree++;
    if (
      !eager &&
      ((p.eagerSpawn && mv.g === MAIN && mv.spawns) ||
        (p.eagerWait && mv.g === MAIN && mv.parks) ||
        (p.eagerDone && mv.counts))
    )
      eager = mv;
  }
  if (eager) return [eager];
  if (nfree === moves.length) return moves;
  if (nfree > 0) {
    const free = new Array<Move>(nfree);
    let i = 0;
    for (const mv of moves) if (mv.waitsOn < 0) free[i++] = mv;
    return p.postpone ? free : closure(moves, free);
  }
  if (timeStands(m)) return moves.slice(0, 1);
  // everyone waits at a Lock: the mutex whose waiters make the smallest set
  let best: readonly Move[] = moves;
  const tried: number[] = [];
  for (const mv of moves) {
    if (tried.includes(mv.waitsOn)) continue;
    tried.push(mv.waitsOn);
    const t = closure(moves, [mv]);
    if (t.length < best.length) best = t;
  }
  return best;
}

/** The smallest set holding `seed` and every move that conflicts with a move in the set. */
function closure(moves: readonly Move[], seed: readonly Move[]): readonly Move[] {
  const inSet = moves.map((mv) => seed.includes(mv));
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < moves.length; i++) {
      if (inSet[i]) continue;
      const mv = moves[i] as Move;
      if (moves.some((x, j) => inSet[j] && conflicts(x, mv))) {
        inSet[i] = true;
        changed = true;
      }
    }
  }
  return moves.filter((_mv, i) => inSet[i]);
}

/** Nobody sleeps and no deadline is pending: virtual time will wake no one. */
function timeStands(m: Machine): boolean {
  return m.timers.length === 0 && !m.gs.some((g) => g.st === 'sleeping');
}
