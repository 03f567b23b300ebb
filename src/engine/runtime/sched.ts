/**
 * Who runs next. Deterministic policies only: a seeded random choice (the default; its
 * generator lives in the machine, so forks and replays agree), round-robin, a given list of
 * choices (a schedule), or the caller's choice (manual play, the explorer).
 *
 * A schedule lists goroutine ids at the steps where more than one goroutine could run;
 * steps with a single runnable goroutine consume nothing. It also lists, as negative numbers
 * (written `c2` on the command line), the case each select with two or more ready cases
 * takes, right after the step that ran it (-2: the second case in source order); a select of
 * that kind with no such entry takes the case its seeded poll order comes to first. When the
 * schedule runs out, the fallback policy continues.
 */
import type { Machine } from './machine';

export type PolicyName = 'random' | 'roundrobin';

export class ScheduleError extends Error {}

export class Scheduler {
  private cursor = 0;
  /** the choices actually made (goroutines at branch points, cases as -c): they replay the run */
  readonly made: number[] = [];

  constructor(
    readonly policy: PolicyName = 'random',
    readonly schedule: readonly number[] = [],
  ) {}

  /** Take the next step: the goroutine and, at a select, the case the schedule names. */
  step(m: Machine): void {
    const g = this.pick(m);
    const c = caseAt(this.schedule, this.cursor);
    m.choose(c);
    m.step(g);
    const took = m.took;
    if (!took) return;
    this.made.push(-took.c);
    if (took.refused)
      throw new ScheduleError(
        `schedule entry ${this.cursor + 1} (${formatEntry(-took.refused)}): case ${took.refused} of G${took.g}'s select at line ${took.line} was not ready; the ready cases were ${took.ready.join(', ')}`,
      );
    if (c) this.cursor++;
  }

  pick(m: Machine): number {
    // (no array of the runnable goroutines per step: with 64 of them, that was a tenth of
    // the engine's time)
    const n = m.runnableCount;
    if (n === 0) throw new Error('internal: nothing to run');
    if (n === 1) return m.nthRunnable(0);
    let g: number;
    if (this.cursor < this.schedule.length) {
      g = this.schedule[this.cursor] as number;
      if (g < 0)
        throw new ScheduleError(
          `schedule entry ${this.cursor + 1} (${formatEntry(g)}): no select with two or more ready cases ran before it; runnable: ${m.runnable().join(', ')}`,
        );
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

/** The case schedule entry i names (a number from 1), or 0 if it names a goroutine or none. */
export function caseAt(schedule: readonly number[], i: number): number {
  const x = schedule[i] ?? 0;
  return x < 0 ? -x : 0;
}

/** An entry of a schedule as the command line writes it: a goroutine id, or `c2` for a case. */
export function formatEntry(x: number): string {
  return x < 0 ? `c${-x}` : String(x);
}

/** A schedule as the command line writes it: `1,6,6,c2,7`. */
export function formatSchedule(list: readonly number[]): string {
  return list.map(formatEntry).join(',');
}

/** A schedule written as `formatSchedule` writes it (or with -2 for c2), or null if it is not one. */
export function parseSchedule(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const x = part.trim();
    if (x === '') continue;
    const m = /^(c|-)?([1-9][0-9]{0,8})$/.exec(x);
    if (!m) return null;
    out.push(m[1] ? -Number(m[2]) : Number(m[2]));
  }
  return out;
}

/** The first runnable goroutine (in the machine's order, by id) whose id is above `id`, if any. */
function nextAfter(m: Machine, id: number): number | null {
  for (let k = 0; k < m.runnableCount; k++) if (m.nthRunnable(k) > id) return m.nthRunnable(k);
  return null;
}
