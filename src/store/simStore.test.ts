import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGo } from '../engine';
import { explore } from '../engine/explore/explore';
import { figures } from '../ui/Figures/figures';
import { pictureNames } from '../engine/runtime/snapshot';
import { createSimStore } from './simStore';

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const unsafe = read('../scenarios/programs/unsafe-store.go');
const lenOutside = read('../engine/fixtures/tutorial/mistake3-len-outside-lock.go');

function runAll(store: ReturnType<typeof createSimStore>): void {
  store.getState().advance(100_000, () => false);
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

    const ctx = createSimStore({ source: read('../scenarios/programs/context-waits-for-lock.go') });
    runAll(ctx);
    const told: string[] = [];
    const end = ctx.getState().snapshot?.step ?? 0;
    for (let n = 1; n <= end; n++) {
      ctx.getState().seek(n);
      told.push(ctx.getState().narration);
    }
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
