/**
 * What the simulator remembers of a run, outside React: checkpoints to rewind from, the
 * goroutine chosen at every step (so a rewound run replays identically), each goroutine's
 * state over time for the timeline, and the figures.
 */
import type { EngineEvent } from '../engine';
import type { Machine } from '../engine';
import type { GoroutineState } from '../engine/runtime/snapshot';

export const CHECKPOINT_EVERY = 128;

export interface Span {
  readonly from: number;
  to: number;
  readonly state: GoroutineState;
  readonly reason: string | null;
}

export interface StepRecord {
  readonly g: number;
  readonly line: number;
  readonly label: string;
  readonly now: number;
}

export interface LockSpan {
  /** the lock's heap id, and its name in the event (the picture may name it more precisely) */
  readonly obj: number;
  readonly lock: string;
  readonly g: number;
  readonly from: number;
  to: number;
  readonly fromTime: number;
  toTime: number;
  readonly mode: 'lock' | 'rlock';
}

export class History {
  /** machine states at steps 0, CHECKPOINT_EVERY, 2×CHECKPOINT_EVERY, … */
  readonly checkpoints: Machine[] = [];
  /** choices[i]: the goroutine that took step i+1 */
  readonly choices: number[] = [];
  /** branch[i]: several goroutines could have taken step i+1 (a choice a schedule records) */
  readonly branch: boolean[] = [];
  /**
   * cases[i]: the case step i+1's select took among two or more ready ones (a number from 1),
   * or 0 (a choice a schedule records too, and a replay makes again: Machine.choose)
   */
  readonly cases: number[] = [];
  readonly steps: StepRecord[] = [];
  /**
   * per goroutine, its states as spans over steps; the last span of each goes on to `end`,
   * which `spansOf` writes into it (so that a step updates only the goroutines it changed)
   */
  private readonly spans = new Map<number, Span[]>();
  /** the last step whose states are recorded */
  private end = 0;
  readonly holds: LockSpan[] = [];
  readonly events: EngineEvent[][] = [];
  /** lost updates seen, by the step they happened at */
  readonly lost: { readonly step: number; readonly event: EngineEvent & { t: 'lost-update' } }[] =
    [];

  /** Forget everything after step n (the user changed the schedule there). */
  truncate(n: number): void {
    this.choices.length = n;
    this.branch.length = n;
    this.cases.length = n;
    this.steps.length = n;
    this.events.length = n;
    while (this.lost.length > 0 && (this.lost[this.lost.length - 1]?.step ?? 0) > n)
      this.lost.pop();
    this.checkpoints.length = Math.floor(n / CHECKPOINT_EVERY) + 1;
    this.end = Math.min(this.end, n);
    for (const [g, list] of this.spans) {
      const kept = list.filter((s) => s.from <= n);
      const last = kept[kept.length - 1];
      if (last && last.to > n) last.to = n;
      if (kept.length === 0) this.spans.delete(g);
      else this.spans.set(g, kept);
    }
    for (let i = this.holds.length - 1; i >= 0; i--) {
      const h = this.holds[i] as LockSpan;
      if (h.from > n) this.holds.splice(i, 1);
      else if (h.to > n || h.to < 0) h.to = -1;
    }
  }

  /**
   * The choices made where several goroutines could run, and the cases selects took, in the
   * explorer's schedule format (see Scheduler).
   */
  schedule(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.choices.length; i++) {
      if (this.branch[i]) out.push(this.choices[i] as number);
      const c = this.cases[i] ?? 0;
      if (c > 0) out.push(-c);
    }
    return out;
  }

  /**
   * Record goroutine `id`'s state after step n, if the step may have changed it (a goroutine
   * not recorded at step n keeps the state it had before); then `recorded(n)`.
   */
  recordState(n: number, id: number, state: GoroutineState, reason: string | null): void {
    let list = this.spans.get(id);
    if (!list) {
      list = [];
      this.spans.set(id, list);
    }
    const last = list[list.length - 1];
    if (last && last.state === state && last.reason === reason) return;
    if (last) last.to = n - 1;
    list.push({ from: n, to: n, state, reason });
  }

  /** Every goroutine's state is recorded up to step n. */
  recorded(n: number): void {
    this.end = n;
  }

  /** The goroutines with a timeline, by id. */
  goroutines(): number[] {
    return [...this.spans.keys()];
  }

  /** Goroutine id's states over the steps recorded (empty if it has none). */
  spansOf(id: number): readonly Span[] {
    const list = this.spans.get(id);
    if (!list) return [];
    const last = list[list.length - 1];
    if (last && last.to < this.end) last.to = this.end;
    return list;
  }
}
