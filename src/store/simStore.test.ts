import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGo } from '../engine';
import { explore } from '../engine/explore/explore';
import { figures } from '../ui/Figures/figures';
import { pictureNames } from '../engine/runtime/snapshot';
import { Machine } from '../engine/runtime/machine';
import type { Span } from './history';
import { createSimStore, UI_STEP_BUDGET } from './simStore';

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const unsafe = read('../scenarios/programs/unsafe-store.go');
const lenOutside = read('../engine/fixtures/tutorial/mistake3-len-outside-lock.go');

function runAll(store: ReturnType<typeof createSimStore>): void {
  store.getState().advance(100_000, () => false);
}

/** Run the program to its end, then the narration of each step, from the first. */
function narrations(store: ReturnType<typeof createSimStore>): string[] {
  runAll(store);
  const told: string[] = [];
  const end = store.getState().snapshot?.step ?? 0;
  for (let n = 1; n <= end; n++) {
    store.getState().seek(n);
    told.push(store.getState().narration);
  }
  return told;
}

describe('a simulator store', () => {
  it('narrates atomic operations with the value they leave or read', () => {
    const store = createSimStore({
      source: read('../scenarios/programs/atomic-all.go'),
      seed: 1,
    });
    const said: string[] = [];
    for (let i = 0; i < 200 && !store.getState().snapshot?.outcome; i++) {
      store.getState().step();
      said.push(store.getState().narration);
    }
    expect(said).toContain('G6 adds to hits atomically: now 1.');
    expect(said.filter((x) => /adds to hits atomically: now 2\.$/.test(x))).toHaveLength(1);
    expect(said).toContain('G1 reads hits atomically: 2.');
  });

  it('two locks that share a field name are told apart by main’s variables, in words and figures', () => {
    const source = read('../scenarios/programs/lock-order.go');
    const c = compileGo(source);
    if (!c.ok) throw new Error('compile');
    const found = explore(c.program, { stopOnFailure: true }).outcomes.find((o) => o.exit === 2);
    if (!found) throw new Error('no deadlock');
    const store = createSimStore({ source });
    store.getState().loadSchedule(found.schedule);
    const said: string[] = [];
    for (let i = 0; i < 200 && !store.getState().snapshot?.outcome; i++) {
      store.getState().step();
      said.push(store.getState().narration);
    }
    const s = store.getState();
    expect(s.snapshot?.locks.map((l) => l.name)).toEqual(['pending.mu', 'running.mu']);
    // G6 moves pending to running, G7 the other way: each takes its from.mu first
    expect(said).toContain('G6 takes pending.mu.');
    expect(said).toContain('G7 takes running.mu.');
    // one blocks on the other's lock (whose block then ends the run, told as the deadlock)
    expect(said).toContainEqual(
      expect.stringMatching(
        /^(G7 blocks on pending\.mu\.Lock; G6 holds it|G6 blocks on running\.mu\.Lock; G7 holds it)\.$/,
      ),
    );
    const held = figures(s.history(), s.snapshot?.step ?? 0, 0, pictureNames(s.snapshot!));
    expect(held.locks.map((l) => l.lock).sort()).toEqual(['pending.mu', 'running.mu']);
  });

  it('narrates a Cond’s Wait and Signal, a WaitGroup’s counter and a cancelled context', () => {
    const source = read('../scenarios/programs/cond-if.go');
    const c = compileGo(source);
    if (!c.ok) throw new Error('compile');
    const found = explore(c.program, { stopOnFailure: true }).outcomes.find((o) => o.exit === 2);
    if (!found) throw new Error('no panic');
    const store = createSimStore({ source });
    store.getState().loadSchedule(found.schedule);
    const said: string[] = [];
    for (let i = 0; i < 300 && !store.getState().snapshot?.outcome; i++) {
      store.getState().step();
      said.push(store.getState().narration);
    }
    expect(said).toContainEqual(
      expect.stringMatching(/^G\d+ calls cond\.Wait: it takes a ticket and unlocks L\.$/),
    );
    expect(said).toContainEqual(
      expect.stringMatching(
        /^G1 calls cond\.Signal: (G\d+ wakes up and will lock L again|the goroutine it notifies has not gone to sleep yet, and now will not)\.$/,
      ),
    );
    expect(said).toContainEqual(expect.stringMatching(/^G1 sets wg's counter to [12]\.$/));

    const told = narrations(
      createSimStore({ source: read('../scenarios/programs/context-waits-for-lock.go') }),
    );
    expect(told).toContainEqual(
      expect.stringContaining('A context is cancelled: context deadline exceeded.'),
    );
    // an Unlock wakes the waiter; the last Done wakes main
    expect(told).toContainEqual(
      expect.stringMatching(/^G\d+ unlocks mu\. G\d+ wakes G\d+, which waited for mu\.$/),
    );
    expect(told).toContainEqual(
      expect.stringMatching(/^G\d+ sets wg's counter to 0\. G\d+ wakes G1, which waited for wg\./),
    );
  });

  it('narrates channels: a send, a receive that waits, a select the clock wakes, a close', () => {
    const store = createSimStore({
      source: `package main

import (
	"fmt"
	"time"
)

func main() {
	jobs := make(chan string, 1)
	jobs <- "a"
	fmt.Println(<-jobs)
	done := make(chan bool)
	select {
	case <-done:
	case <-time.After(time.Millisecond):
	}
	close(done)
	<-done
}
`,
    });
    const told = narrations(store);
    expect(told).toContainEqual(expect.stringContaining('G1 sends "a" on jobs.'));
    expect(told).toContainEqual(expect.stringContaining('G1 receives "a" from jobs.'));
    expect(told).toContainEqual(
      expect.stringContaining(
        'G1 waits in a select: none of its cases is ready, so it waits on all of their channels.',
      ),
    );
    expect(told).toContainEqual(expect.stringContaining('The clock wakes G1, which waited for'));
    expect(told).toContainEqual(expect.stringContaining('G1 closes done.'));
    expect(told).toContainEqual(
      expect.stringContaining(
        'G1 receives from done, which is closed and empty: the zero value, false, and ok is false.',
      ),
    );
  });

  it('replays a schedule the explorer found to the same outcome, with the race detector when asked', () => {
    const c = compileGo(lenOutside);
    if (!c.ok) throw new Error('compile');
    const found = explore(c.program, { race: true }).outcomes[0];
    if (!found) throw new Error('no outcome');
    const store = createSimStore({ source: lenOutside, race: true });
    store.getState().loadSchedule(found.schedule);
    runAll(store);
    expect(store.getState().snapshot?.outcome?.code).toBe(found.exit);
    expect(store.getState().snapshot?.stderr).toContain('WARNING: DATA RACE');
  });

  it('replays the case a schedule names for each select, rewinds to it, and records it for a link', () => {
    // a worker that may take the quit before the job, which is then never printed
    const source = read('../engine/fixtures/select-quit-first.go');
    const c = compileGo(source);
    if (!c.ok) throw new Error('compile');
    const found = explore(c.program).outcomes;
    expect(found.map((o) => o.stdout).sort()).toEqual(['', 'job 1\n']);
    for (const o of found) {
      expect(o.schedule.some((x) => x < 0)).toBe(true);
      // under every seed: the schedule decides the case, not the seed's poll order
      for (const seed of [1, 2, 3, 4]) {
        const store = createSimStore({ source, seed });
        store.getState().loadSchedule(o.schedule);
        runAll(store);
        const end = store.getState().snapshot;
        expect(end?.stdout).toBe(o.stdout);
        expect(store.getState().history().schedule()).toEqual(o.schedule);
        // a rewind to the start and back makes the same choices again
        store.getState().seek(0);
        store.getState().seek(end?.step ?? 0);
        expect(store.getState().snapshot?.stdout).toBe(o.stdout);
      }
      // the step that chose says so
      const store = createSimStore({ source });
      store.getState().loadSchedule(o.schedule);
      const took = o.stdout === '' ? 'receive from quit' : 'receive from jobs';
      expect(narrations(store)).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^G6's select has two cases ready \\(receive from jobs, receive from quit\\) and takes the ${took}: Go takes one of them at random\\. G6 receives (1|true) from (jobs|quit)\\.$`,
          ),
        ),
      );
    }
  });

  it("lets the learner who picks who runs pick a select's case too", () => {
    const source = read('../engine/fixtures/select-either.go');
    for (const c of [1, 2]) {
      const store = createSimStore({ source, seed: 1 });
      store.getState().setManual(true);
      for (let i = 0; i < 50 && store.getState().offers.length === 0; i++) store.getState().step();
      expect(store.getState().offers).toEqual([
        {
          g: 1,
          cases: [
            { c: 1, label: 'receive from a' },
            { c: 2, label: 'receive from b' },
          ],
        },
      ]);
      store.getState().choose(1, c);
      expect(store.getState().offers).toEqual([]);
      expect(store.getState().narration).toBe(
        `G1's select has two cases ready (receive from a, receive from b) and takes the receive from ${c === 1 ? 'a' : 'b'}: Go takes one of them at random. G1 receives ${c} from ${c === 1 ? 'a' : 'b'}.`,
      );
      runAll(store);
      expect(store.getState().snapshot?.stdout).toBe(`${c}\n`);
      expect(store.getState().history().schedule()).toEqual([-c]);
    }
    // not while the run plays on its own
    const off = createSimStore({ source, seed: 1 });
    for (let i = 0; i < 50 && !off.getState().snapshot?.outcome; i++) {
      off.getState().step();
      expect(off.getState().offers).toEqual([]);
    }
  });

  it('rewinds and replays identically until a choice changes', () => {
    const store = createSimStore({ source: unsafe, seed: 5 });
    runAll(store);
    const end = store.getState().snapshot;
    store.getState().seek(7);
    expect(store.getState().snapshot?.step).toBe(7);
    expect(store.getState().snapshot?.outcome).toBeNull();
    store.getState().seek(end?.step ?? 0);
    expect(store.getState().snapshot?.stdout).toBe(end?.stdout);
    expect(store.getState().snapshot?.stderr).toBe(end?.stderr);
  });

  it('forgets the recorded future when the learner picks another goroutine', () => {
    const store = createSimStore({ source: unsafe, seed: 5 });
    runAll(store);
    const total = store.getState().total;
    for (let i = 0; i < 200 && (store.getState().snapshot?.runnable.length ?? 0) < 2; i++)
      store.getState().seek(i);
    const s = store.getState();
    const runnable = s.snapshot?.runnable ?? [];
    const recorded = s.history().choices[s.snapshot?.step ?? 0];
    const other = runnable.find((g) => g !== recorded);
    if (other === undefined) throw new Error('no alternative');
    s.choose(other);
    expect(store.getState().total).toBeLessThan(total);
    expect(store.getState().history().choices[(store.getState().snapshot?.step ?? 1) - 1]).toBe(
      other,
    );
  });

  it('wins a challenge when the learner reaches the goal', () => {
    const c0 = compileGo(unsafe);
    if (!c0.ok) throw new Error('compile');
    const crash = explore(c0.program).outcomes.find(
      (o) => o.first === 'fatal error: concurrent map writes',
    );
    if (!crash) throw new Error('no crash found');
    const store = createSimStore({ source: unsafe, seed: 1 });
    store.getState().startChallenge({ exit: 2, first: 'fatal error: concurrent map writes' });
    expect(store.getState().manual).toBe(true);
    // the learner clicks the goroutines the explorer's schedule names, at each choice
    let i = 0;
    for (let n = 0; n < 500 && !store.getState().snapshot?.outcome; n++) {
      const r = store.getState().snapshot?.runnable ?? [];
      if (r.length > 1) store.getState().choose(crash.schedule[i++] as number);
      else store.getState().step();
    }
    const c = store.getState().challenge;
    expect(store.getState().snapshot?.outcome?.first).toBe('fatal error: concurrent map writes');
    expect(c?.won).toBe(true);
  });
});

describe("the timeline's spans", () => {
  /**
   * What the timeline held when every goroutine was recorded at every step: replay the store's
   * choices on a machine of its own and scan all goroutines after each step.
   */
  function scanned(source: string, seed: number, choices: readonly number[]) {
    const c = compileGo(source);
    if (!c.ok) throw new Error('compile');
    const m = new Machine(c.program, { seed, record: true, limits: { steps: UI_STEP_BUDGET } });
    const spans = new Map<number, Span[]>();
    choices.forEach((g, i) => {
      m.step(g);
      for (const x of m.gs) {
        const st = x.st === 'runnable' && x.id === m.lastG && !m.outcome ? 'running' : x.st;
        let list = spans.get(x.id);
        if (!list) spans.set(x.id, (list = []));
        const last = list[list.length - 1];
        if (last && last.state === st && last.reason === x.reason) last.to = i + 1;
        else {
          if (last) last.to = i;
          list.push({ from: i + 1, to: i + 1, state: st, reason: x.reason });
        }
      }
    });
    return spans;
  }

  function expectSameAsScan(
    store: ReturnType<typeof createSimStore>,
    source: string,
    seed: number,
  ) {
    const h = store.getState().history();
    const want = scanned(source, seed, h.choices);
    expect(h.goroutines().sort((a, b) => a - b)).toEqual([...want.keys()].sort((a, b) => a - b));
    for (const [g, spans] of want) expect(h.spansOf(g), `G${g}`).toEqual(spans);
  }

  it('record only what each step changed, and still hold what scanning every goroutine did', () => {
    // every catalogue and tutorial program (sleeps, timers, WaitGroups, Conds, crashes,
    // deadlocks, recovered panics)
    const files = ['../scenarios/programs/', '../engine/fixtures/tutorial/'].flatMap((d) => {
      const dir = new URL(d, import.meta.url);
      return readdirSync(dir)
        .filter((f) => f.endsWith('.go'))
        .map((f) => new URL(f, dir));
    });
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const source = readFileSync(f, 'utf8');
      for (const seed of [1, 7]) {
        const store = createSimStore({ source, seed });
        runAll(store);
        expectSameAsScan(store, source, seed);
      }
    }
  });

  it('after a rewind and another choice there', () => {
    const source = read('../scenarios/programs/rwmutex-store.go');
    const store = createSimStore({ source, seed: 3 });
    runAll(store);
    const total = store.getState().history().choices.length;
    let changed = 0;
    for (const at of [Math.floor(total / 3), Math.floor(total / 2), 5]) {
      store.getState().seek(at);
      const s = store.getState().snapshot;
      const other = s?.runnable.find((g) => g !== store.getState().history().choices[at]);
      if (other === undefined) continue;
      store.getState().choose(other);
      changed++;
      runAll(store);
      expectSameAsScan(store, source, 3);
    }
    expect(changed).toBeGreaterThan(1);
  });
});
