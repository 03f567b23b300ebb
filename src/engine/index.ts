/**
 * Interleave's engine: Go-subset source in, a deterministic Go machine out. Pure TypeScript
 * with no DOM, clock or ambient randomness, so it runs the same in Node, a Web Worker or
 * the page.
 */
import type { Program } from './lang/code';
import { compileGo, type CompileResult } from './lang/compile';
import type { EngineEvent } from './runtime/events';
import { Machine, type MachineOptions, type Outcome } from './runtime/machine';
import { Scheduler, type PolicyName } from './runtime/sched';

export { compileGo, type CompileResult };
export type { Program };
export { Machine, type MachineOptions, type Outcome };
export {
  Scheduler,
  ScheduleError,
  formatSchedule,
  parseSchedule,
  type PolicyName,
} from './runtime/sched';
export type { EngineEvent };
export { formatDiagnostic, type Diagnostic } from './lang/source';

export interface RunOptions extends MachineOptions {
  readonly policy?: PolicyName;
  readonly schedule?: readonly number[];
}

export interface RunResult {
  readonly outcome: Outcome;
  readonly stdout: string;
  readonly stderr: string;
  readonly steps: number;
  /** the goroutine chosen at each step where several could run, and each select's case (see Scheduler) */
  readonly schedule: readonly number[];
  readonly machine: Machine;
}

/** Run a compiled program to its end (or to a limit) under one scheduling policy. */
export function runProgram(program: Program, opts: RunOptions = {}): RunResult {
  const m = new Machine(program, opts);
  const s = new Scheduler(opts.policy ?? 'random', opts.schedule ?? []);
  while (!m.outcome) s.step(m);
  return {
    outcome: m.outcome,
    stdout: m.stdout,
    stderr: m.stderr,
    steps: m.steps,
    schedule: s.made,
    machine: m,
  };
}

/**
 * One step as a pure transition: the state is not changed; a new state and the step's events
 * come back. (The run loop and the explorer use `Machine.step` on forks for speed.)
 */
export function transition(
  state: Machine,
  g: number,
): { readonly state: Machine; readonly events: readonly EngineEvent[] } {
  const next = state.fork();
  next.record = true;
  next.events = [];
  next.step(g);
  return { state: next, events: next.events.slice() };
}
