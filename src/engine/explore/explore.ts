/**
 * Systematic search over schedules: breadth-first over machine states, so the first
 * schedule found for each outcome is among the shortest; a visited set of canonical state
 * keys keeps equivalent interleavings from being explored twice. Every distinct outcome
 * comes back with a schedule that reproduces it through `run --schedule`.
 */
import type { Program } from '../lang/code';
import { Machine, type MachineOptions, type OutcomeKind } from '../runtime/machine';
import { stateKey } from './key';

export interface ExploreOptions extends MachineOptions {
  /** stop after this many distinct states (the search is then incomplete) */
  readonly maxStates?: number;
  /** do not go deeper than this many steps */
  readonly maxDepth?: number;
  /** called every `progressEvery` states */
  readonly onProgress?: (p: ExploreProgress) => void;
  readonly progressEvery?: number;
  /** asked between batches: return true to stop (the result is then incomplete) */
  readonly shouldStop?: () => boolean;
}

export interface ExploreProgress {
  readonly states: number;
  readonly depth: number;
  readonly outcomes: number;
}

export interface FoundOutcome {
  readonly kind: OutcomeKind;
  readonly exit: number;
  readonly first: string;
  readonly stdout: string;
  readonly stderr: string;
  /** goroutine ids chosen where several could run */
  readonly schedule: readonly number[];
  readonly steps: number;
}

export interface ExploreResult {
  /** every schedule was covered (no bound was hit) */
  readonly complete: boolean;
  readonly states: number;
  readonly outcomes: readonly FoundOutcome[];
  /** why the search is incomplete, in words, or null */
  readonly cutoff: string | null;
  readonly maxDepthReached: number;
}

interface Node {
  readonly m: Machine;
  readonly parent: Node | null;
  /** the schedule entries taken to reach this node from its parent */
  readonly choices: readonly number[];
  readonly depth: number;
}

/**
 * One transition of the search: goroutine g's step, then its following steps for as long as
 * they touch nothing another goroutine can see (local work commutes with everything, so
 * interleaving others between those steps cannot change any outcome). `merged` counts the
 * extra steps, each taken where another goroutine could have run (a choice in the schedule).
 */
export function transitionFrom(
  m0: Machine,
  g: number,
): { readonly m: Machine; readonly merged: number } {
  let cur = m0.fork();
  cur.step(g);
  let merged = 0;
  for (let i = 0; i < 10_000 && !cur.outcome; i++) {
    if (cur.g(g).st !== 'runnable' || cur.runnable().length < 2) break;
    const probe = cur.fork();
    probe.footprint = [];
    const end = probe.step(g);
    if (end !== 'ok' || probe.outcome || probe.footprint.length > 0) break;
    probe.footprint = null;
    cur = probe;
    merged++;
  }
  return { m: cur, merged };
}

function scheduleOf(n: Node): number[] {
  const parts: (readonly number[])[] = [];
  for (let x: Node | null = n; x; x = x.parent) parts.push(x.choices);
  return parts.reverse().flat();
}

export function explore(program: Program, opts: ExploreOptions = {}): ExploreResult {
  const maxStates = opts.maxStates ?? 200_000;
  const maxDepth = opts.maxDepth ?? 10_000;
  const every = opts.progressEvery ?? 1000;
  const root = new Machine(program, { ...opts, record: false });
  const seen = new Set<string>([stateKey(root)]);
  const outcomes = new Map<string, FoundOutcome>();
  let frontier: Node[] = [{ m: root, parent: null, choices: [], depth: 0 }];
  let cutoff: string | null = null;
  let depthReached = 0;
  while (frontier.length > 0 && !cutoff) {
    const next: Node[] = [];
    for (const node of frontier) {
      if (opts.shouldStop?.()) {
        cutoff = 'stopped before the search finished';
        break;
      }
      const runnable = node.m.runnable();
      for (const g of runnable) {
        const t = transitionFrom(node.m, g);
        const m = t.m;
        const choices = [
          ...(runnable.length > 1 ? [g] : []),
          ...new Array<number>(t.merged).fill(g),
        ];
        const child: Node = { m, parent: node, choices, depth: node.depth + 1 };
        if (m.outcome) {
          const o = m.outcome;
          const id = `${o.code}\u0000${o.first}\u0000${m.stdout}`;
          if (!outcomes.has(id))
            outcomes.set(id, {
              kind: o.kind,
              exit: o.code,
              first: o.first,
              stdout: m.stdout,
              stderr: m.stderr,
              schedule: scheduleOf(child),
              steps: m.steps,
            });
          continue;
        }
        const key = stateKey(m);
        if (seen.has(key)) continue;
        seen.add(key);
        if (seen.size % every === 0)
          opts.onProgress?.({ states: seen.size, depth: node.depth + 1, outcomes: outcomes.size });
        if (seen.size >= maxStates) {
          cutoff = `stopped at ${maxStates.toLocaleString('en-US')} states (the state limit)`;
          break;
        }
        if (child.depth >= maxDepth) {
          cutoff = `schedules longer than ${maxDepth} steps were not explored (the depth limit)`;
          continue;
        }
        next.push(child);
      }
      if (cutoff && cutoff.startsWith('stopped')) break;
    }
    if (next.length > 0) depthReached = next[0]?.depth ?? depthReached;
    frontier = next;
  }
  return {
    complete: cutoff === null,
    states: seen.size,
    outcomes: [...outcomes.values()],
    cutoff,
    maxDepthReached: depthReached,
  };
}
