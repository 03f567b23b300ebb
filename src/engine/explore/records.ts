/**
 * How each state of a search was reached, in typed arrays (16 bytes a record): the parent
 * record, the goroutine that moved, the machine steps it took (negated when it was the
 * only goroutine that could run, so the schedule names no choice for them), and the case its
 * last step's select took among several ready ones (0 if none: see Machine.choose). Record 0 is the
 * initial state. A state's schedule and the state itself can be rebuilt from its record, so
 * the frontier need not keep every machine.
 */
import type { Machine } from '../runtime/machine';
import { grown } from '../runtime/typed';

export class Records {
  private parent = new Int32Array(4096);
  private g = new Int32Array(4096);
  private steps = new Int32Array(4096);
  private choice = new Int32Array(4096);
  size = 1;

  add(parent: number, g: number, steps: number, choice: number): number {
    if (this.size === this.parent.length) {
      this.parent = grown(this.parent);
      this.g = grown(this.g);
      this.steps = grown(this.steps);
      this.choice = grown(this.choice);
    }
    const r = this.size++;
    this.parent[r] = parent;
    this.g[r] = g;
    this.steps[r] = steps;
    this.choice[r] = choice;
    return r;
  }

  /** Bytes held by the arrays. */
  get bytes(): number {
    return this.parent.byteLength * 4;
  }

  /** The records from the initial state to r, first first. */
  private path(r: number): number[] {
    const out: number[] = [];
    for (let x = r; x > 0; x = this.parent[x] as number) out.push(x);
    return out.reverse();
  }

  /**
   * The goroutine chosen at each step where several could run, and each select's case, as
   * `run --schedule` takes them (see Scheduler).
   */
  schedule(r: number): number[] {
    const out: number[] = [];
    for (const x of this.path(r)) {
      const n = this.steps[x] as number;
      for (let i = 0; i < n; i++) out.push(this.g[x] as number);
      const c = this.choice[x] as number;
      if (c > 0) out.push(-c);
    }
    return out;
  }

  /** Record r's state, replayed on a fork of the initial state. */
  replay(root: Machine, r: number): Machine {
    const m = root.fork();
    for (const x of this.path(r)) {
      const g = this.g[x] as number;
      const n = Math.abs(this.steps[x] as number);
      const c = this.choice[x] as number;
      for (let i = 0; i < n; i++) {
        // (as the move was made: the case held for each of its steps, and only its last
        // runs a select that takes it)
        m.choose(c);
        m.step(g);
      }
    }
    m.choose(0);
    return m;
  }
}
