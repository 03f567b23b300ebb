/**
 * Systematic search over schedules: every distinct outcome of a program (exit code, first
 * line of the runtime's report, stdout), each with a schedule that reproduces it through
 * `run --schedule`, or the honest statement of what was not covered.
 *
 * Breadth-first over machine states, so the first schedule found for an outcome is among the
 * shortest (fewest moves); a proof search, which promises no shortest schedules, goes depth
 * first instead (less memory, and the state it expands is still in the processor's caches). From each state only the moves `choose` picks are tried
 * (./reduce.ts says why that loses no outcome), and sleep sets prune further: once move a
 * has been tried from a state, the moves after b (tried next) need not try a first where a
 * and b are independent, since a-then-b reached that state already (Godefroid, LNCS 1032,
 * ch. 5). With a visited set, a state reached again with a smaller sleep set is explored
 * again for the moves that were asleep before and are not now (ch. 5.3); this keeps every
 * outcome. A move runs through steps on objects only the moving goroutine can reach
 * (./owners.ts), as it does through steps on its locals.
 *
 * An outcome is the exit code, the first line of the report and stdout; an exit that leaves
 * goroutines which could never have continued (./stuck.ts) is told apart from a clean one.
 *
 * Visited states are 64-bit hashes of a canonical walk of the state (./key.ts) in a
 * typed-array hash table (./table.ts). The walk numbers heap objects by reachability, sorts
 * a map's entries when no `range` can see their order, renames goroutines so that states
 * that differ only in which goroutine is where are one state (symmetry; not under -race,
 * whose clocks are part of the state there), and ignores bookkeeping kept for the UI.
 * Memory is bounded: the frontier is a queue in typed
 * arrays that keeps at most `maxFrontier` machines (a state beyond that waits as its record,
 * a parent link and a move, and is replayed from the start when its turn comes), and the
 * search stops with an honest cutoff at `maxStates` states or `maxMemory` bytes. Because
 * levels are finished in order, a cutoff can say exactly which schedules were covered.
 *
 * Iterative preemption bounding (the other way to find short counterexamples first) was
 * considered and left out: it orders schedules by preemptions rather than steps, and does
 * not combine soundly with sleep sets without extra machinery (Coons et al., "Bounded
 * partial-order reduction", OOPSLA 2013), while these reductions make the breadth-first
 * search small enough to finish.
 */
import type { Program } from '../lang/code';
import {
  FP_SPAWN,
  Footprint,
  Machine,
  gIndexOf,
  type MachineOptions,
  type OutcomeKind,
} from '../runtime/machine';
import {
  describeWaits,
  failureWords,
  raceWords,
  waitEdge,
  type WaitEdge,
} from '../runtime/diagnose';
import { grown } from '../runtime/typed';
import { programFacts } from './facts';
import { Owners } from './owners';
import { stuckAtExit } from './stuck';
import { StateHasher } from './key';
import { Records } from './records';
import {
  choose,
  conflicts,
  move,
  oneFootprint,
  waitsAgain,
  type Move,
  type Policy,
} from './reduce';
import { VisitedTable } from './table';

export interface ExploreOptions extends MachineOptions {
  /** stop after this many distinct states (the search is then incomplete) */
  readonly maxStates?: number;
  /**
   * do not go deeper than this many moves (default 100,000: a run of the catalogue's largest
   * program, 64 goroutines storing 20 jobs each, is some 10,500 moves long, and a proof
   * search follows such runs to their end; the memory limit counts the depth-first stack)
   */
  readonly maxDepth?: number;
  /** called every `progressEvery` states */
  readonly onProgress?: (p: ExploreProgress) => void;
  readonly progressEvery?: number;
  /** asked before each state is expanded: return true to stop (the result is then incomplete) */
  readonly shouldStop?: () => boolean;
  /** stop at the first failing outcome found (the search is then incomplete) */
  readonly stopOnFailure?: boolean;
  /**
   * search for a proof rather than for shortest counterexamples: also use reductions that
   * keep every outcome but may make its schedule longer (see ./reduce.ts, rule 4)
   */
  readonly proof?: boolean;
  /** false tries every interleaving of visible steps (to check the reductions); default true */
  readonly reduce?: boolean;
  /**
   * false counts steps on objects only one goroutine can reach as visible (./owners.ts), to
   * measure what that reduction saves; default true (it applies only when `reduce` does)
   */
  readonly ownership?: boolean;
  /**
   * false works out every move it needs by running it, to check that the moves it tells
   * without running them (./reduce.ts, `waitsAgain`) are right; default true
   */
  readonly predict?: boolean;
  /** machines kept in the frontier; states beyond wait as records (default 50,000) */
  readonly maxFrontier?: number;
  /**
   * a proof search's states after moves still to try kept on its stack; beyond, they are
   * worked out again when their turn comes (default 4,096)
   */
  readonly maxKeptAfters?: number;
  /** bytes for the visited set, the records and the frontier queue (default 1 GiB) */
  readonly maxMemory?: number;
}

export interface ExploreProgress {
  readonly states: number;
  /** moves from the start to the state just reached */
  readonly depth: number;
  readonly outcomes: number;
  /** the search under way is a proof search (depth first), not the shortest-schedule one */
  readonly proof: boolean;
}

export interface FoundOutcome {
  readonly kind: OutcomeKind;
  readonly exit: number;
  readonly first: string;
  readonly stdout: string;
  readonly stderr: string;
  /** the runtime's part of stderr (without what the program logged or printed there) */
  readonly report: string;
  /** goroutine ids chosen where several could run */
  readonly schedule: readonly number[];
  readonly steps: number;
  /**
   * when main returned while other goroutines were blocked for good (a partial deadlock, or a
   * lock never unlocked), Interleave's words for it; Go prints nothing and exits as usual
   */
  readonly leak: string | null;
  /**
   * for a run that failed (not under -race's report alone, which `race` words): what happened,
   * in Interleave's words, its diagnosis's sentences about this run (diagnose.ts,
   * failureWords): for a deadlock, who waits for whom (the cycle, where there is one), which
   * Go's report does not say; for a crash, which goroutine did what at which line
   */
  readonly what: string | null;
  /**
   * under -race, when the detector reported a race on the way (the run may then have gone on
   * to crash or end): the two accesses of the first, in Interleave's words
   */
  readonly race: string | null;
}

export interface ExploreResult {
  /** every schedule was covered (no bound was hit) */
  readonly complete: boolean;
  /** distinct states visited */
  readonly states: number;
  readonly outcomes: readonly FoundOutcome[];
  /** why the search is incomplete, in words, or null */
  readonly cutoff: string | null;
  readonly maxDepthReached: number;
  /** moves executed (each a fork of a state and the steps of one goroutine) */
  readonly transitions: number;
}

export function explore(program: Program, opts: ExploreOptions = {}): ExploreResult {
  const first = new Search(program, opts, true);
  const r = first.run();
  if (!first.overshot) return r;
  // a Done took a counter below zero: Dones may not be moved (reduce.ts, rule 4)
  const again = new Search(program, opts, false).run();
  return { ...again, transitions: r.transitions + again.transitions };
}

export interface CheckResult extends ExploreResult {
  /**
   * the breadth-first search was cut short and a proof search gave the verdict: its outcomes'
   * schedules are correct but not always the shortest
   */
  readonly proved: boolean;
}

/**
 * "Check every schedule": a breadth-first search, so each outcome comes with one of its
 * shortest schedules; if that search is cut short by the state limit and `stopOnFailure` is
 * off, a proof search (rule 4 of ./reduce.ts: the same outcomes in far fewer states) runs on
 * the same budget to finish the verdict. Outcomes found by both keep the breadth-first
 * schedule; `states` and `transitions` count both searches.
 */
export function check(program: Program, opts: ExploreOptions = {}): CheckResult {
  const first = explore(program, { ...opts, proof: false });
  if (first.complete || opts.stopOnFailure || opts.shouldStop?.())
    return { ...first, proved: false };
  const onProgress = opts.onProgress;
  const proof = explore(program, {
    ...opts,
    proof: true,
    // counted on from where the first search stopped
    ...(onProgress && {
      onProgress: (p: ExploreProgress) =>
        onProgress({
          ...p,
          states: first.states + p.states,
          outcomes: Math.max(first.outcomes.length, p.outcomes),
        }),
    }),
  });
  const id = (o: FoundOutcome) => `${o.exit}\u0000${o.first}\u0000${o.stdout}`;
  const known = new Set(first.outcomes.map(id));
  return {
    complete: proof.complete,
    states: first.states + proof.states,
    outcomes: [...first.outcomes, ...proof.outcomes.filter((o) => !known.has(id(o)))],
    // what the breadth-first search covered is the one thing a cut-short check can promise
    cutoff:
      proof.cutoff === null
        ? null
        : `${first.cutoff ?? ''}; the proof search that followed did not finish either: ${proof.cutoff.split(';')[0] ?? ''}`,
    maxDepthReached: Math.max(first.maxDepthReached, proof.maxDepthReached),
    transitions: first.transitions + proof.transitions,
    proved: true,
  };
}

/**
 * Sleep sets and "moves to explore" are sets of goroutines, as bits by rank (the renaming the
 * state hash uses, so that states equal up to goroutine renaming share them); ALL is every
 * goroutine. A goroutine ranked past 30 never sleeps (sound, only slower), and so is always
 * explored on the first visit.
 */
const ALL = -1;

/** Is the move of the goroutine with this bit to be tried: awake, and among the moves to try? */
function toTry(sleep: number, only: number, bit: number): boolean {
  return !(sleep & bit) && (only === ALL || (only & bit) !== 0);
}

function bitOf(rank: ArrayLike<number>, g: number): number {
  const r = rank[gIndexOf(g)] as number;
  return r < 31 ? 1 << r : 0;
}

/**
 * What a depth-first search's stack costs per state on it, for the memory limit: its machine
 * and the machines after its moves share most of their objects, and copy a goroutine, a frame
 * and the objects a move writes (a generous estimate; the stack is as deep as the longest
 * schedule, not as wide as the state space).
 */
const DFS_FRAME_BYTES = 8192;

const DEFAULT_MAX_DEPTH = 100_000;

/**
 * What a machine never shares with the one it was forked from, beyond the estimates above: its
 * heap's list of chunks and the chunks it copied (see Heap), and its array of goroutines.
 * Small for the lessons' programs; for a program of thousands of objects it is the larger
 * part, and the memory limit must see it.
 */
function ownBytes(m: Machine): number {
  return m.h.ownBytes(m.ep) + 8 * m.gs.length;
}

/** States after moves still to try that a depth-first search keeps on its stack, at most. */
const MAX_KEPT_AFTERS = 4_096;

/**
 * Ints per frontier entry: record, depth, sleep set, moves to explore, and the goroutines'
 * ranks as the state's hash named them (3 bits each, when there are at most 8 and the
 * machine is kept; else -1).
 */
const E = 5;

/** The ranks of up to 8 goroutines, 3 bits each, or -1. */
function packRanks(rank: Int32Array, n: number): number {
  if (n > 8) return -1;
  let p = 0;
  for (let i = n - 1; i >= 0; i--) p = (p << 3) | (rank[i] as number);
  return p;
}

const fmt = (n: number) => n.toLocaleString('en-US');

class Search {
  private readonly maxStates: number;
  private readonly maxDepth: number;
  private readonly maxFrontier: number;
  private readonly maxKeptAfters: number;
  private readonly maxMemory: number;
  private readonly every: number;
  private readonly reduce: boolean;
  private readonly ownership: boolean;
  private readonly predict: boolean;
  private readonly policy: Policy;
  private readonly root: Machine;
  private readonly hasher: StateHasher;
  private readonly table: VisitedTable;
  private readonly records = new Records();
  private readonly outcomes = new Map<string, FoundOutcome>();
  private readonly fp = new Footprint();
  /** heap objects private to one goroutine, in the state being expanded */
  private readonly owners = new Owners();
  /** scratch arrays for `expand` (never kept beyond one call) */
  private runnable = new Int32Array(64);
  private asleep = new Int32Array(64);
  /** depth-first: which states after moves `open` keeps (by index in the moves) */
  private keep = new Uint8Array(64);
  /** by index in the moves tried from a state: each one's move after the move made, if known */
  private carried: (Move | null)[] = [];
  /** the moves `movesFrom` chose to try */
  private chosen: readonly Move[] = NONE;
  /**
   * depth-first: the state `visit` passed on, to be expanded next (none while nextM is null),
   * as fields rather than an object made per state
   */
  private nextM: Machine | null = null;
  private nextRec = 0;
  private nextDepth = 0;
  private nextSleep = 0;
  private nextOnly = 0;
  private nextIn: readonly Move[] = NONE;
  /**
   * depth-first: the stack, as frames kept from one state to the next at the same height (a
   * state's frame and its arrays are reused, not made, by the next state at its height)
   */
  private readonly frames: Frame[] = [];
  private readonly depthFirst: boolean;
  /** depth-first: states on the stack (each holds its machine and the states after its moves) */
  private stackDepth = 0;
  /** depth-first: states after moves still to try, kept on the stack (see open) */
  private keptAfters = 0;
  /** the moves from the state being expanded, and how many are known after the last made */
  private nMoves = 0;
  private nInherited = 0;
  private readonly afters: (Machine | null)[] = [];
  /** where `move` leaves the state after the move */
  private readonly out: { m: Machine | null } = { m: null };
  /** the frontier, first in first out: entry n (counting from the start) at n - base */
  private queue = new Int32Array(E * 1024);
  /**
   * what a frontier entry keeps while it is in memory: its machine, and the moves of other
   * goroutines known from its parent, unchanged by the move that led here (parallel arrays,
   * indexed like the queue; no object per entry)
   */
  private hotM: (Machine | null)[] = [];
  private hotIn: (readonly Move[] | null)[] = [];
  /** the expanded state's goroutine ranks, by goroutine index */
  private rank = new Int32Array(64);
  private base = 0;
  private head = 0;
  private tail = 0;
  private inMemory = 0;
  /** ownBytes of the machines kept in the frontier, and of those on a depth-first stack */
  private frontierOwn = 0;
  private stackOwn = 0;
  private cutoff: string | null = null;
  private depthLimited = false;
  private depthReached = 0;
  /** every state fewer than this many moves deep has been expanded */
  private levelDone = 0;
  private transitions = 0;
  /** a move took a WaitGroup counter below zero while Dones were being moved */
  overshot = false;

  constructor(
    program: Program,
    private readonly opts: ExploreOptions,
    moveDones: boolean,
  ) {
    this.maxStates = opts.maxStates ?? 200_000;
    this.maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxFrontier = opts.maxFrontier ?? 50_000;
    this.maxKeptAfters = opts.maxKeptAfters ?? MAX_KEPT_AFTERS;
    this.maxMemory = opts.maxMemory ?? 2 ** 30;
    this.every = opts.progressEvery ?? 1000;
    this.reduce = opts.reduce ?? true;
    this.ownership = this.reduce && (opts.ownership ?? true);
    this.predict = this.reduce && (opts.predict ?? true);
    const facts = programFacts(program);
    const proof = opts.proof ?? false;
    this.policy = {
      postpone: !facts.usesClock,
      eagerSpawn: false,
      eagerWait: proof && facts.addsOnlyInMain,
      eagerDone: moveDones && proof && facts.addsOnlyInMain && facts.waitsOnlyInMain,
    };
    this.depthFirst = proof;
    this.root = new Machine(program, { ...opts, record: false });
    this.table = new VisitedTable(this.maxStates);
    // under -race the detector's clocks name goroutines: no renaming then
    this.hasher = new StateHasher(facts.rangesOverMaps, this.reduce && !opts.race);
  }

  run(): ExploreResult {
    if (this.depthFirst) this.searchDepthFirst();
    else this.visit(this.root.fork(), -1, 0, 0, 0, 0, this.asleep, 0);
    while (!this.cutoff && this.head < this.tail) {
      if (this.opts.shouldStop?.()) {
        this.cutoff = `stopped before the search finished; ${this.covered()}`;
        break;
      }
      this.expand();
    }
    if (!this.cutoff && this.depthLimited)
      this.cutoff = `schedules longer than ${fmt(this.maxDepth)} moves were not explored (the depth limit)`;
    return {
      complete: this.cutoff === null,
      states: this.table.size,
      outcomes: [...this.outcomes.values()],
      cutoff: this.cutoff,
      maxDepthReached: this.depthReached,
      transitions: this.transitions,
    };
  }

  private covered(): string {
    if (this.depthFirst)
      return 'a proof search goes depth first, so until it ends no length of schedule is covered completely';
    return this.levelDone > 0
      ? `every schedule of up to ${fmt(this.levelDone)} moves was covered, longer ones were not`
      : 'no schedule was covered completely';
  }

  /**
   * Take the next state off the frontier (replaying it if it was not kept) and try the moves
   * chosen from it.
   */
  private expand(): void {
    const i = E * (this.head - this.base);
    const q = this.queue;
    const rec = q[i] as number;
    const depth = q[i + 1] as number;
    const sleep = q[i + 2] as number;
    const only = q[i + 3] as number;
    const ranks = q[i + 4] as number;
    let m = this.hotM[this.head - this.base] ?? null;
    const inheritedHere = this.hotIn[this.head - this.base] ?? NONE;
    this.hotM[this.head - this.base] = null;
    this.hotIn[this.head - this.base] = null;
    this.head++;
    if (depth > this.levelDone) this.levelDone = depth;
    if (m) {
      this.inMemory--;
      this.frontierOwn -= ownBytes(m);
      // its ranks, as its hash named them
      if (ranks >= 0) {
        const rank = this.hasher.rank;
        for (let g = 0, p = ranks; g < m.gs.length; g++, p >>>= 3) rank[g] = p & 7;
      } else this.hasher.rename(m);
    } else {
      m = this.records.replay(this.root, rec);
      this.hasher.hash(m, true);
    }
    const afters = this.afters;
    const moves = this.movesFrom(m, inheritedHere, afters);
    if (!moves) return;
    const rn = moves.length;
    const rank = this.rank;
    const chosen = this.chosen;
    // goroutines (as bits by rank) whose moves were tried from here in this visit: later
    // ones need not try them
    let done = 0;
    for (const mv of chosen) {
      const bit = bitOf(rank, mv.g);
      if (this.reduce && !toTry(sleep, only, bit)) continue;
      const k = moves.indexOf(mv);
      let after = afters[k] ?? null;
      if (!after) {
        this.move(m, mv.g, mv.choice);
        after = this.out.m as Machine;
      }
      this.tryMove(rec, depth, moves, rank, k, after, sleep | done);
      if (this.cutoff) break;
      done |= bit;
    }
    for (let k = 0; k < rn; k++) afters[k] = null;
  }

  /**
   * The depth-first search of a proof: from each state, its chosen moves one after the other,
   * each followed to the end before the next, with the same sleep sets and visited table as
   * the breadth-first search (Godefroid, LNCS 1032, ch. 5 is written for depth-first search).
   * The state being expanded was made just before, so its data is still in the processor's
   * caches (a breadth-first frontier's states are not), and memory grows with the depth, not
   * with the width.
   */
  private searchDepthFirst(): void {
    const frames = this.frames;
    /** frames in use: the stack's height */
    let sp = 0;
    this.visit(this.root.fork(), -1, 0, 0, 0, 0, this.asleep, 0);
    for (let top = this.open(sp); top;) {
      sp++;
      this.stackDepth = sp;
      top.own = ownBytes(top.m as Machine);
      this.stackOwn += top.own;
      top = null;
      while (!top && !this.cutoff && sp > 0) {
        const f = frames[sp - 1] as Frame;
        const m = f.m as Machine;
        if (f.next === f.nChosen) {
          sp--;
          this.stackDepth = sp;
          this.stackOwn -= f.own;
          f.clear();
          continue;
        }
        const k = f.chosen[f.next++] as number;
        const bit = bitOf(f.rank, (f.moves[k] as Move).g);
        let after = f.afters[k] ?? null;
        if (after) {
          this.keptAfters--;
          this.stackOwn -= f.afterOwn[k] as number;
        } else {
          // not kept (see open): worked out again, with the objects private in its state
          if (this.ownership) this.owners.prepare(m);
          const mv = f.moves[k] as Move;
          this.move(m, mv.g, mv.choice);
          after = this.out.m as Machine;
        }
        this.tryMove(f.rec, f.depth, f.moves, f.rank, k, after, f.sleep | f.done);
        // (the state after it is on the stack now, if it is new: this frame need not keep it)
        f.afters[k] = null;
        f.done |= bit;
        if (!this.cutoff) top = this.open(sp);
      }
      if (this.cutoff) break;
    }
    // (a search cut short leaves machines in its frames: let them go with it)
    for (const f of frames) f.clear();
  }

  /**
   * The state `visit` has just passed on (in a depth-first search), made ready to expand: its
   * moves, the ones to try (sleeping ones and those not to be tried again left out), and the
   * state after each of those (worked out now, while the objects private to a goroutine
   * are known for this state); null if there is none.
   */
  private open(sp: number): Frame | null {
    const m = this.nextM;
    if (!m) return null;
    this.nextM = null;
    if (this.opts.shouldStop?.()) {
      this.cutoff = `stopped before the search finished; ${this.covered()}`;
      return null;
    }
    const f = (this.frames[sp] ??= new Frame());
    const afters = f.afters;
    const moves = this.movesFrom(m, this.nextIn, afters);
    if (!moves) return null;
    // (plain arrays, written by index from 0: a typed array costs far more to make than to
    // use, for a handful of entries, and these are reused)
    const ng = m.gs.length;
    const rank = f.rank;
    for (let i = 0; i < ng; i++) rank[i] = this.rank[i] as number;
    const chosen = f.chosen;
    let nc = 0;
    for (const mv of this.chosen)
      if (!this.reduce || toTry(this.nextSleep, this.nextOnly, bitOf(rank, mv.g)))
        chosen[nc++] = moves.indexOf(mv);
    // the states after the moves to try are kept while the stack holds few (they are ready
    // when their turn comes); beyond that, they are worked out again then, so that a deep
    // search of many goroutines does not keep a machine per goroutine at every level
    if (this.keep.length < moves.length) this.keep = new Uint8Array(moves.length * 2);
    const keep = this.keep;
    for (let k = 0; k < moves.length; k++) keep[k] = 0;
    for (let i = 0; i < nc; i++) {
      const k = chosen[i] as number;
      // (the first is tried at once, so keeping it never piles up)
      if (i > 0 && this.keptAfters >= this.maxKeptAfters) break;
      keep[k] = 1;
      this.keptAfters++;
      if (!afters[k]) {
        const mv = moves[k] as Move;
        this.move(m, mv.g, mv.choice);
        afters[k] = this.out.m;
      }
      const own = ownBytes(afters[k] as Machine);
      f.afterOwn[k] = own;
      this.stackOwn += own;
    }
    for (let k = 0; k < moves.length; k++) if (!keep[k]) afters[k] = null;
    f.m = m;
    f.rec = this.nextRec;
    f.depth = this.nextDepth;
    f.sleep = this.nextSleep;
    f.only = this.nextOnly;
    f.moves = moves;
    f.nChosen = nc;
    f.next = 0;
    f.done = 0;
    return f;
  }

  /**
   * The moves from state m, one per runnable goroutine (one per ready case for a goroutine at
   * a select with several: reduce.ts) in rank order (`this.rank`, from the
   * hasher's last ranking, which must be m's), those known from its parent taken over and the
   * others worked out, with the state each leads to in `afters`; `this.chosen` gets those to
   * try. Null if the search must stop (a Done that took a counter below zero).
   */
  private movesFrom(
    m: Machine,
    inheritedHere: readonly Move[],
    afters: (Machine | null)[],
  ): Move[] | null {
    const ng = m.gs.length;
    this.roomFor(ng);
    const rank = this.rank;
    for (let i = 0; i < ng; i++) rank[i] = this.hasher.rank[i] as number;
    // in rank order, so that what `choose` picks depends on the state, not on the names
    // (scratch arrays are typed, or written by index: `length = 0` would drop their storage)
    // (from the machine's list of runnable goroutines, without reading every goroutine)
    const runnable = this.runnable;
    const rn = m.runnableCount;
    for (let i = 0; i < rn; i++) {
      const id = m.nthRunnable(i);
      const r = bitOrder(rank, id);
      let j = i;
      while (j > 0 && bitOrder(rank, runnable[j - 1] as number) > r) {
        runnable[j] = runnable[j - 1] as number;
        j--;
      }
      runnable[j] = id;
    }
    // which objects only one goroutine reaches: steps on them need no interleaving
    const owners = this.ownership ? this.owners : null;
    owners?.prepare(m);
    const moves: Move[] = [];
    // the state after each move, when it was computed here (inherited moves have none yet)
    for (let i = 0; i < rn; i++) {
      const g = runnable[i] as number;
      const n = inheritedMoves(inheritedHere, g, moves);
      // a move known from the parent ended at an object that has become private since (the
      // move from here would go on past it): work it out again
      if (n > 0 && !(owners && touchesPrivate(moves[moves.length - 1] as Move, owners))) {
        for (let j = 0; j < n; j++) afters[moves.length - n + j] = null;
        continue;
      }
      moves.length -= n;
      const first = this.move(m, g);
      afters[moves.length] = this.out.m;
      if (first.choice === 0) {
        moves.push(first);
        continue;
      }
      // a select with several ready cases: a move for each
      const all = [first];
      for (const c of first.ready) {
        if (c === first.choice) continue;
        all.push(this.move(m, g, c));
        afters[moves.length + all.length - 1] = this.out.m;
      }
      for (const mv of oneFootprint(all)) moves.push(mv);
    }
    if (this.policy.eagerDone && overshoots(moves)) {
      this.overshot = true;
      this.cutoff = 'a WaitGroup counter went below zero';
      afters.fill(null, 0, moves.length);
      return null;
    }
    this.chosen = this.reduce ? choose(m, moves, this.policy) : moves;
    return moves;
  }

  /**
   * Move k of `moves`, from state m (record rec, `depth` moves deep), has led to `after`: an
   * outcome, or a state to visit with the goroutines whose moves sleep there (those in
   * `asleepHere`, as bits by rank, that the move leaves as they were).
   */
  private tryMove(
    rec: number,
    depth: number,
    moves: readonly Move[],
    rank: ArrayLike<number>,
    k: number,
    after: Machine,
    asleepHere: number,
  ): void {
    const mv = moves[k] as Move;
    const rn = moves.length;
    // (several goroutines could move: the schedule names this one; a goroutine's moves for the
    // cases of one select are next to each other, and name no goroutine)
    const steps = (moves[0] as Move).g !== (moves[rn - 1] as Move).g ? mv.steps : -mv.steps;
    if (after.outcome) {
      this.found(after, rec, mv, steps);
      return;
    }
    let na = 0;
    let ni = 0;
    const carried = this.carried;
    const asleep = this.asleep;
    for (let j = 0; j < rn; j++) {
      const other = moves[j] as Move;
      // (the goroutine that moved has moves of its own from the state after: none known)
      if (other.g === mv.g) {
        carried[j] = null;
        continue;
      }
      // independent of the move made: the same move after it (and asleep there if it was
      // here); a Lock it made wait: known too, but never asleep (it conflicts)
      const independent = !conflicts(other, mv);
      const known = independent ? other : this.predict ? waitsAgain(after, other) : null;
      carried[j] = known;
      if (!known) continue;
      ni++;
      // (a goroutine's moves for the cases of one select are next to each other: once each)
      if (
        independent &&
        this.reduce &&
        asleepHere & bitOf(rank, other.g) &&
        (na === 0 || asleep[na - 1] !== other.g)
      )
        asleep[na++] = other.g;
    }
    // the independent moves are gathered only if the state is kept (./enqueue)
    this.nMoves = rn;
    this.nInherited = ni;
    this.visit(after, rec, mv.g, steps, mv.choice, depth + 1, asleep, na);
  }

  /** Room in the scratch arrays for n goroutines. */
  private roomFor(n: number): void {
    if (this.runnable.length >= n) return;
    this.runnable = new Int32Array(n * 2);
    this.asleep = new Int32Array(n * 2);
    this.keep = new Uint8Array(n * 2);
    this.rank = new Int32Array(n * 2);
  }

  /** Goroutine g's next move from m (taking case `choice` at a select: see reduce.ts). */
  private move(m: Machine, g: number, choice = 0): Move {
    this.transitions++;
    return move(m, g, this.fp, this.out, this.ownership ? this.owners : null, choice);
  }

  /**
   * A state reached by a move (or the initial state, parent -1), with the goroutines whose
   * moves sleep there: new, or seen before with a sleep set that put to sleep a move this
   * visit leaves awake, or nothing new.
   */
  private visit(
    m: Machine,
    parent: number,
    g: number,
    steps: number,
    choice: number,
    depth: number,
    asleep: Int32Array,
    na: number,
  ): void {
    const table = this.table;
    this.hasher.hash(m, true);
    const { a, b } = this.hasher;
    let sleep = 0;
    for (let i = 0; i < na; i++) sleep |= bitOf(this.hasher.rank, asleep[i] as number);
    const at = table.find(a, b);
    if (at >= 0) {
      const was = table.sleep(at);
      const wake = was & ~sleep;
      if (wake === 0) return;
      table.setSleep(at, was & sleep);
      // (the entry that put it in the frontier last, if it has not been expanded yet)
      const p = table.pending(at);
      if (p > this.head) {
        // still waiting in the frontier: it will be expanded with both visits' knowledge
        const i = E * (p - 1 - this.base);
        this.queue[i + 2] = (this.queue[i + 2] as number) & sleep;
        if (this.queue[i + 3] !== ALL) this.queue[i + 3] = (this.queue[i + 3] as number) | wake;
        return;
      }
      if (depth >= this.maxDepth) this.depthLimited = true;
      else this.enqueue(at, this.records.add(parent, g, steps, choice), depth, sleep, wake, m);
      return;
    }
    if (table.size >= this.maxStates) {
      this.cutoff = `stopped at ${fmt(this.maxStates)} states (the state limit); ${this.covered()}`;
      return;
    }
    if (this.bytes() > this.maxMemory) {
      this.cutoff = `stopped at ${fmt(Math.round(this.maxMemory / 2 ** 20))} MB (the memory limit), after ${fmt(table.size)} states; ${this.covered()}`;
      return;
    }
    const state = table.insert(a, b, at);
    table.setSleep(state, sleep);
    if (table.size % this.every === 0)
      this.opts.onProgress?.({
        states: table.size,
        depth,
        outcomes: this.outcomes.size,
        proof: this.depthFirst,
      });
    if (depth > this.depthReached) this.depthReached = depth;
    if (depth >= this.maxDepth) {
      this.depthLimited = true;
      return;
    }
    const rec = parent < 0 ? 0 : this.records.add(parent, g, steps, choice);
    this.enqueue(state, rec, depth, sleep, ALL, m);
  }

  /** @param state its number in the visited table */
  private enqueue(
    state: number,
    rec: number,
    depth: number,
    sleep: number,
    only: number,
    m: Machine,
  ): void {
    if (this.depthFirst) {
      this.nextM = m;
      this.nextRec = rec;
      this.nextDepth = depth;
      this.nextSleep = sleep;
      this.nextOnly = only;
      this.nextIn = this.inherited();
      return;
    }
    if (E * (this.tail - this.base + 1) > this.queue.length) this.makeRoom();
    const i = E * (this.tail - this.base);
    const q = this.queue;
    q[i] = rec;
    q[i + 1] = depth;
    q[i + 2] = sleep;
    q[i + 3] = only;
    q[i + 4] = -1;
    if (this.inMemory < this.maxFrontier) {
      this.inMemory++;
      this.frontierOwn += ownBytes(m);
      q[i + 4] = packRanks(this.hasher.rank, m.gs.length);
      this.hotM[this.tail - this.base] = m;
      this.hotIn[this.tail - this.base] = this.inherited();
    } else {
      this.hotM[this.tail - this.base] = null;
      this.hotIn[this.tail - this.base] = null;
    }
    this.tail++;
    this.table.setPending(state, this.tail);
  }

  /**
   * The moves of the state being expanded that are known after the move just made (see
   * `tryMove`): those independent of it, which are still the same moves, and Locks it made
   * wait (`waitsAgain`); the state reached need not work them out.
   */
  private inherited(): readonly Move[] {
    const n = this.nInherited;
    if (n === 0) return NONE;
    // exactly sized: it is kept in the frontier
    const out = new Array<Move>(n);
    const carried = this.carried;
    let i = 0;
    for (let k = 0; k < this.nMoves; k++) {
      const mv = carried[k];
      if (mv) out[i++] = mv;
    }
    return out;
  }

  /** Drop the expanded part of the queue, or double it. */
  private makeRoom(): void {
    const used = this.head - this.base;
    if (used * 2 >= this.tail - this.base) {
      this.queue.copyWithin(0, E * used, E * (this.tail - this.base));
      this.hotM = this.hotM.slice(used);
      this.hotIn = this.hotIn.slice(used);
      this.base = this.head;
    } else {
      this.queue = grown(this.queue);
    }
  }

  /**
   * Bytes in the search's own tables, and an estimate of what the machines it keeps (a
   * frontier of at most maxFrontier, or a depth-first stack) do not share with each other.
   */
  private bytes(): number {
    return (
      this.table.bytes +
      this.records.bytes +
      this.queue.byteLength +
      16 * this.hotM.length +
      this.frontierOwn +
      DFS_FRAME_BYTES * this.stackDepth +
      this.stackOwn
    );
  }

  private found(m: Machine, parent: number, mv: Move, steps: number): void {
    const o = m.outcome;
    if (!o) return;
    // goroutines left blocked when main returned make an outcome of their own
    // (os.Exit, which names the goroutine that called it, leaves the others as they are)
    const stuck = o.kind === 'exit' && o.g === null ? stuckAtExit(m) : [];
    const id = `${o.code}\u0000${o.first}\u0000${m.stdout}${stuck.length ? '\u0000leak' : ''}`;
    if (this.outcomes.has(id)) return;
    const rec = this.records.add(parent, mv.g, steps, mv.choice);
    this.outcomes.set(id, {
      kind: o.kind,
      exit: o.code,
      first: o.first,
      stdout: m.stdout,
      stderr: m.stderr,
      report: m.runtimeReport,
      schedule: this.records.schedule(rec),
      steps: m.steps,
      leak: stuck.length ? leakWords(m, stuck) : null,
      what: o.code !== 0 && o.kind !== 'race' ? failureWords(m) : null,
      race: raceWords(m),
    });
    if (this.opts.stopOnFailure && (o.code !== 0 || o.kind !== 'exit' || stuck.length))
      this.cutoff = `stopped at the first failing schedule; ${this.covered()}`;
  }
}

const NONE: readonly Move[] = [];

/**
 * A state on a depth-first search's stack; the frame at each height is reused by every state
 * that comes to stand there.
 */
class Frame {
  m: Machine | null = null;
  rec = 0;
  depth = 0;
  /** its sleep set and the moves to try (bits by rank) */
  sleep = 0;
  only = 0;
  moves: readonly Move[] = NONE;
  /** the state after each move still to be tried (by index in moves) */
  readonly afters: (Machine | null)[] = [];
  /** ownBytes of m, and of each state kept in afters (worked out once: see stackOwn) */
  own = 0;
  readonly afterOwn: number[] = [];
  /** goroutine index -> rank, as the state's hash named them */
  readonly rank: number[] = [];
  /** indices in moves of the moves to try (the first nChosen), in order; the next to try */
  readonly chosen: number[] = [];
  nChosen = 0;
  next = 0;
  /** moves tried from here so far (bits by rank) */
  done = 0;

  /** Let go of the state's machines (the frame stays, for the next state at its height). */
  clear(): void {
    this.m = null;
    this.afters.fill(null);
    this.moves = NONE;
  }
}

/** Whether move mv touches a heap object that only its goroutine can reach now. */
function touchesPrivate(mv: Move, owners: Owners): boolean {
  for (const c of mv.objs) if (c >> 1 < FP_SPAWN && owners.privateTo(c >> 1, mv.g)) return true;
  return false;
}

/** What to say of goroutines left stuck when main returned. */
function leakWords(m: Machine, stuck: readonly number[]): string {
  const names = stuck.map((id) => `G${id}`);
  const who =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  // what each waits for, when it is queued where main left it (else it was about to queue)
  const waits = stuck.map((id) => waitEdge(m, m.g(id))).filter((e): e is WaitEdge => e !== null);
  const how = waits.length ? `: ${describeWaits(waits)}` : '';
  return `main returned while ${who} could never continue${how}. Go exits without a word about ${stuck.length === 1 ? 'it' : 'them'}.`;
}

/** Whether one of the moves took a WaitGroup counter below zero. */
function overshoots(moves: readonly Move[]): boolean {
  for (let k = 0; k < moves.length; k++) if ((moves[k] as Move).overshoots) return true;
  return false;
}

function bitOrder(rank: Int32Array, g: number): number {
  return rank[gIndexOf(g)] as number;
}

/** Append goroutine g's moves among those known from the parent to `out`; how many. */
function inheritedMoves(known: readonly Move[], g: number, out: Move[]): number {
  let n = 0;
  for (let i = 0; i < known.length; i++)
    if ((known[i] as Move).g === g) {
      out.push(known[i] as Move);
      n++;
    }
  return n;
}
