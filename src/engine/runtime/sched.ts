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
    const runnable = m.runnable();
    if (runnable.length === 0) throw new Error('internal: nothing to run');
    if (runnable.length === 1) return runnable[0] as number;
    let g: number;
    if (this.cursor < this.schedule.length) {
      g = this.schedule[this.cursor] as number;
      if (!runnable.includes(g)) {
        const st = m.gs.find((x) => x.id === g);
        const why = !st
          ? 'does not exist yet'
          : st.st === 'done'
            ? 'has finished'
            : `is ${st.st}${st.reason ? ` in ${st.reason}` : ''}`;
        throw new ScheduleError(
          `schedule entry ${this.cursor + 1} (${g}): goroutine ${g} ${why}; runnable: ${runnable.join(', ')}`,
        );
      }
      this.cursor++;
    } else if (this.policy === 'roundrobin')
      g = runnable.find((id) => id > m.lastG) ?? (runnable[0] as number);
    else g = runnable[m.schedDraw() % runnable.length] as number;
    this.made.push(g);
    return g;
  }
}
