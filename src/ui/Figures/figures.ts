import type { History } from '../../store/history';

export interface RunFigures {
  readonly finished: number;
  readonly waits: readonly { readonly g: number; readonly steps: number; readonly time: number }[];
  readonly locks: readonly {
    readonly lock: string;
    readonly steps: number;
    readonly time: number;
  }[];
}

/**
 * Time each goroutine spent blocked and each lock spent held, up to step `upTo`; locks named
 * by `names` (heap id to the picture's name) where it has them.
 */
export function figures(
  h: History,
  upTo: number,
  now: number,
  names: ReadonlyMap<number, string> = new Map(),
): RunFigures {
  const timeAt = (s: number) =>
    s <= 0 ? 0 : (h.steps[Math.min(s, h.steps.length) - 1]?.now ?? now);
  const waits = h
    .goroutines()
    .sort((a, b) => a - b)
    .map((g) => {
      const spans = h.spansOf(g);
      let steps = 0;
      let time = 0;
      for (const s of spans) {
        if (s.state !== 'blocked' || s.from > upTo) continue;
        const to = Math.min(s.to, upTo);
        steps += to - s.from + 1;
        time += timeAt(to) - timeAt(s.from - 1);
      }
      return { g, steps, time };
    });
  // by lock (two locks may share a field's name), named as the picture names them
  const locks = new Map<number, { lock: string; steps: number; time: number }>();
  for (const hold of h.holds) {
    if (hold.from > upTo) continue;
    const to = hold.to < 0 || hold.to > upTo ? upTo : hold.to;
    const cur = locks.get(hold.obj) ?? {
      lock: names.get(hold.obj) ?? hold.lock,
      steps: 0,
      time: 0,
    };
    cur.steps += to - hold.from;
    cur.time += timeAt(to) - timeAt(hold.from);
    locks.set(hold.obj, cur);
  }
  let finished = 0;
  for (const g of h.goroutines()) {
    if (g === 1) continue;
    if (h.spansOf(g).some((s) => s.state === 'done' && s.from <= upTo)) finished++;
  }
  return { finished, waits, locks: [...locks.values()] };
}
