import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimStore, type Speed } from './simStore';
import { DRAW_EVERY_MS, startRunLoop, type Clock } from './runLoop';

const source = readFileSync(
  new URL('../scenarios/programs/store-under-load.go', import.meta.url),
  'utf8',
);

/**
 * A clock the test moves: each frame comes 16.7 ms after the last, and each reading of the
 * time inside a frame moves it on a little, as work does (so a frame's budget runs out).
 */
function fakeClock() {
  let t = 1000;
  let cb: (() => void) | null = null;
  const clock: Clock = {
    now: () => (t += 0.5),
    request: (f) => {
      cb = f;
      return 1;
    },
    cancel: () => {
      cb = null;
    },
  };
  const frame = () => {
    t += 16.7;
    const f = cb;
    cb = null;
    f?.();
  };
  return { clock, frame, at: () => t };
}

/** Run frames at a speed, noting for each whether the engine stepped and whether it drew. */
function frames(speed: Speed, n: number) {
  const store = createSimStore({ source, speed });
  const { clock, frame, at } = fakeClock();
  const stop = startRunLoop(store, clock);
  store.getState().play();
  const start = at();
  const seen: { stepped: boolean; drew: boolean; at: number }[] = [];
  for (let i = 0; i < n && store.getState().playing; i++) {
    const steps = store.getState().machine()?.steps ?? 0;
    const version = store.getState().historyVersion;
    frame();
    seen.push({
      stepped: (store.getState().machine()?.steps ?? 0) !== steps,
      drew: store.getState().historyVersion !== version,
      at: at(),
    });
  }
  return { store, seen, frame, stop, elapsed: at() - start };
}

describe('the run loop', () => {
  it('at full speed, a frame draws or steps the engine, never both, and draws at most every DRAW_EVERY_MS', () => {
    const { seen, stop } = frames('max', 60);
    stop();
    expect(seen.filter((f) => f.stepped).length).toBeGreaterThan(20);
    const drawn = seen.filter((f) => f.drew);
    expect(drawn.length).toBeGreaterThan(10);
    for (const f of seen) expect(f.stepped && f.drew).toBe(false);
    for (let i = 1; i < drawn.length; i++)
      expect((drawn[i]?.at ?? 0) - (drawn[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(DRAW_EVERY_MS);
  });

  it('at 1000 steps a second it keeps the speed while it draws only some frames', () => {
    const { store, seen, stop, elapsed } = frames(1000, 60);
    stop();
    for (const f of seen) expect(f.stepped && f.drew).toBe(false);
    expect(seen.filter((f) => f.drew).length).toBeLessThan(seen.length / 2);
    // a step a millisecond, frames that draw included (each frame's budget allows far more)
    const steps = store.getState().machine()?.steps ?? 0;
    expect(steps).toBeGreaterThan(elapsed * 0.95);
    expect(steps).toBeLessThanOrEqual(elapsed);
  });

  it('at a speed one can follow, every frame that takes a step draws it', () => {
    const { seen, stop } = frames(30, 60);
    stop();
    expect(seen.filter((f) => f.stepped).length).toBeGreaterThan(20);
    for (const f of seen) expect(f.drew).toBe(f.stepped);
  });

  it('paused at full speed, the picture shows the step the engine reached', () => {
    const { store, frame, stop } = behindAtFullSpeed();
    store.getState().pause();
    frame();
    stop();
    expect(pictured(store)).toBe(true);
  });
});

describe('the run loop, slowed down', () => {
  it('from full speed to a step a second, draws at once what the fast frames stepped', () => {
    const { store, frame, stop } = behindAtFullSpeed();
    store.getState().setSpeed(1);
    frame();
    stop();
    expect(pictured(store)).toBe(true);
  });
});

/** Whether the picture shows the step the engine has reached. */
function pictured(store: ReturnType<typeof createSimStore>): boolean {
  return store.getState().snapshot?.step === store.getState().machine()?.steps;
}

/**
 * A run played at full speed for the frames until one has stepped the engine past the picture
 * (the next would draw it).
 */
function behindAtFullSpeed() {
  const store = createSimStore({ source, speed: 'max' });
  const { clock, frame } = fakeClock();
  const stop = startRunLoop(store, clock);
  store.getState().play();
  for (let i = 0; i < 10 && pictured(store); i++) frame();
  expect(pictured(store)).toBe(false);
  return { store, frame, stop };
}
