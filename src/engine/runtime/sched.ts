/**
 * Who runs next. Deterministic policies only: a seeded random choice (the default; its
 * generator lives in the machine, so forks and replays agree), round-robin, a given list of
 * choices (a schedule), or the caller's choice (manual play, the explorer).
 *
 * A schedule lists goroutine ids at the steps where more than one goroutine could run;
 * steps with a single runnable goroutine consume nothing. When it runs out, the fallback
 * policy continues.
 */
import type { Machine } from './machine';

export type PolicyName = 'random' | 'roundrobin';

export class ScheduleError extends Error {}

export class Scheduler {
  private cursor = 0;
  /** the choices actually made at branch points: replaying them reproduces the run */
  readonly made: number[] = [];

  constructor(
    readonly policy: PolicyName = 'random',
    readonly schedule: readonly number[] = [],
  ) {}

  pick(m: Machine): number {
    // (no array of the runnable goroutines per step: with 64 of them, that was a tenth of
    // the engine's time)
    const n = m.runnableCount;
    if (n === 0) throw new Error('internal: nothing to run');
    if (n === 1) return m.nthRunnable(0);
    let g: number;
    if (this.cursor < this.schedule.length) {
      g = this.schedule[this.cursor] as number;
      if (!m.isRunnable(g)) {
        const st = m.gs.find((x) => x.id === g);
        const why = !st
          ? 'does not exist yet'
          : st.st === 'done'
            ? 'has finished'
            : `is ${st.st}${st.reason ? ` in ${st.reason}` : ''}`;
        throw new ScheduleError(
          `schedule entry ${this.cursor + 1} (${g}): goroutine ${g} ${why}; runnable: ${m.runnable().join(', ')}`,
        );
      }
      this.cursor++;
    } else if (this.policy === 'roundrobin') g = nextAfter(m, m.lastG) ?? m.nthRunnable(0);
    else g = m.nthRunnable(m.schedDraw() % n);
    this.made.push(g);
    return g;
  }
}

/** The first runnable goroutine (in the machine's order, by id) whose id is above `id`, if any. */
function nextAfter(m: Machine, id: number): number | null {
  for (let k = 0; k < m.runnableCount; k++) if (m.nthRunnable(k) > id) return m.nthRunnable(k);
  return null;
}
