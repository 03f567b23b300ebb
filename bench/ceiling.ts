/**
 * A reference point for bench/run.ts, not part of Interleave: bench/models/spin.pml explored
 * the way SPIN explores it, hand-written in TypeScript for this one model. A state is a row
 * of bytes in one array (the mutex bit, the WaitGroup counter, main's place, each worker's
 * place and loop counter, the map's cells), successors are made by copying the row and
 * changing a byte or two, and visited rows sit in an open-addressing table of row numbers;
 * breadth first, no reduction. Its state counts come near SPIN's (62,209 and 870,913 against
 * 66,842 and 937,755: SPIN keeps a few more intermediate states), so its states per second
 * show what the language can do on this model when a state is a few dozen contiguous bytes,
 * which Interleave's states (objects for each goroutine, frame and heap object, shared
 * between states until written) are not.
 */

/** Bytes per state: mu, wg, main's place, N places, N loop counters, N×K map cells. */
function width(n: number, k: number): number {
  return (3 + 2 * n + n * k + 3) & ~3;
}

export interface CeilingRun {
  readonly states: number;
  readonly transitions: number;
}

/** Every state of the model for N workers × K writes, breadth first. */
export function exploreBytes(n: number, k: number): CeilingRun {
  const w = width(n, k);
  const PC = 3;
  const I = 3 + n;
  const M = 3 + 2 * n;
  let cap = 1 << 12;
  let rows = new Uint8Array(cap * w);
  let table = new Int32Array(1 << 13).fill(-1);
  let states = 0;
  let transitions = 0;
  const cur = new Uint8Array(w);
  const next = new Uint8Array(w);

  const hashOf = (buf: Uint8Array, at: number) => {
    let h = 0x811c9dc5;
    for (let j = 0; j < w; j++) h = Math.imul(h ^ (buf[at + j] as number), 16777619);
    return (h ^ (h >>> 15)) >>> 0;
  };
  const same = (at: number) => {
    for (let j = 0; j < w; j++) if (rows[at + j] !== next[j]) return false;
    return true;
  };
  const place = (t: Int32Array, s: number) => {
    const mask = t.length - 1;
    let h = hashOf(rows, s * w) & mask;
    while ((t[h] as number) >= 0) h = (h + 1) & mask;
    t[h] = s;
  };
  /** `next`, stored if new */
  const visit = () => {
    transitions++;
    const mask = table.length - 1;
    let h = hashOf(next, 0) & mask;
    for (let s = table[h] as number; s >= 0; s = table[h] as number) {
      if (same(s * w)) return;
      h = (h + 1) & mask;
    }
    if (states === cap) {
      const bigger = new Uint8Array(cap * 2 * w);
      bigger.set(rows);
      rows = bigger;
      cap *= 2;
    }
    rows.set(next, states * w);
    table[h] = states++;
    if (states * 2 > table.length) {
      table = new Int32Array(table.length * 2).fill(-1);
      for (let s = 0; s < states; s++) place(table, s);
    }
  };

  // main has started the workers (in one atomic step, as in the Promela model) and waits
  next.fill(0);
  next[1] = n;
  next[2] = 1;
  visit();
  transitions = 0;
  for (let head = 0; head < states; head++) {
    cur.set(rows.subarray(head * w, head * w + w));
    if (cur[2] === 1 && cur[1] === 0) {
      next.set(cur);
      next[2] = 2; // wg.Wait() returns
      visit();
    }
    for (let p = 0; p < n; p++) {
      const pc = cur[PC + p] as number;
      const i = cur[I + p] as number;
      next.set(cur);
      if (pc === 0) {
        next[PC + p] = i < k ? 1 : 5; // the loop's test
        visit();
      } else if (pc === 1) {
        if (cur[0] !== 0) continue; // mu.Lock() waits
        next[0] = 1;
        next[PC + p] = 2;
        visit();
      } else if (pc === 2) {
        next[M + p * k + i] = i; // m[id*K+i] = i
        next[PC + p] = 3;
        visit();
      } else if (pc === 3) {
        next[0] = 0; // mu.Unlock()
        next[PC + p] = 4;
        visit();
      } else if (pc === 4) {
        next[I + p] = i + 1;
        next[PC + p] = 0;
        visit();
      } else if (pc === 5) {
        next[1] = (cur[1] as number) - 1; // wg.Done()
        next[PC + p] = 6;
        visit();
      }
    }
  }
  return { states, transitions };
}
