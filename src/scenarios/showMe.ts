/**
 * "Show me": the schedule that produces a scenario's point, found by the engine's explorer
 * (breadth-first, so among the shortest), never written by hand.
 */
import { compileGo } from '../engine';
import { explore, type FoundOutcome } from '../engine/explore/explore';
import type { Expected, Scenario } from './catalogue';

export function matches(
  o: { readonly exit: number; readonly first: string; readonly stdout: string },
  e: Expected,
): boolean {
  return (
    o.exit === e.exit && o.first === e.first && (e.stdout === undefined || o.stdout === e.stdout)
  );
}

export interface Shown {
  readonly outcome: FoundOutcome | null;
  readonly all: readonly FoundOutcome[];
  readonly complete: boolean;
  readonly states: number;
}

/** Search the scenario's schedules for its expected outcome. */
export function showMe(s: Scenario, maxStates = 200_000): Shown {
  const c = compileGo(s.source);
  if (!c.ok) return { outcome: null, all: [], complete: false, states: 0 };
  const r = explore(c.program, { maxStates, race: s.expected.race ?? false });
  const found =
    r.outcomes.filter((o) => matches(o, s.expected)).sort((a, b) => a.steps - b.steps)[0] ?? null;
  return { outcome: found, all: r.outcomes, complete: r.complete, states: r.states };
}
