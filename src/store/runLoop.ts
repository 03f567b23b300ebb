/**
 * The playback driver, outside the engine (as nand2tetris's web IDE does it): on each
 * animation frame it advances the engine within a time budget, at the chosen speed, and
 * the store publishes once per frame.
 */
import type { SimStore } from './simStore';

/** Milliseconds of engine work allowed per frame, leaving the rest for rendering. */
export const FRAME_BUDGET_MS = 6;

/** At full speed (and any speed past FRAME_SPEED), how often the picture is redrawn. */
export const DRAW_EVERY_MS = 50;

/**
 * Steps per second up to which every frame that takes a step is drawn; beyond, steps come
 * faster than anyone can follow them, and the picture is redrawn every DRAW_EVERY_MS.
 */
export const FRAME_SPEED = 100;

export interface Clock {
  now(): number;
  request(cb: () => void): number;
  cancel(id: number): void;
}

export const browserClock: Clock = {
  now: () => performance.now(),
  request: (cb) => requestAnimationFrame(cb),
  cancel: (id) => cancelAnimationFrame(id),
};

/** Start driving the store; returns a function that stops. */
export function startRunLoop(store: SimStore, clock: Clock = browserClock): () => void {
  let frame = 0;
  let last = clock.now();
  let owed = 0;
  let lastDraw = 0;
  /** steps taken since the picture was last drawn (fast speeds only) */
  let undrawn = false;
  /** draw the machine's step, unless the picture shows it already */
  const drawIfBehind = () => {
    const s = store.getState();
    if (s.snapshot?.step !== s.machine()?.steps) s.publish();
  };
  const tick = () => {
    const now = clock.now();
    const dt = Math.min(250, now - last);
    last = now;
    const s = store.getState();
    if (s.playing) {
      const deadline = now + FRAME_BUDGET_MS;
      const max = s.speed === 'max';
      let steps = Number.MAX_SAFE_INTEGER;
      if (!max) {
        owed += (s.speed * dt) / 1000;
        steps = Math.floor(owed);
        owed -= steps;
      }
      if (max || s.speed > FRAME_SPEED) {
        // fast: a frame either draws what the frames before it did, or steps the engine, never
        // both, so that a drawing frame (the page's costliest, with many goroutines) has the
        // whole frame to itself; software-rendered classroom machines keep their frame rate
        if (undrawn && now - lastDraw >= DRAW_EVERY_MS) {
          s.publish();
          lastDraw = now;
          undrawn = false;
          // (the steps owed meanwhile are taken in the next frame)
          if (!max) owed += steps;
        } else if (steps > 0 && s.advance(steps, () => clock.now() > deadline, false) > 0)
          undrawn = true;
      } else {
        if (steps > 0) s.advance(steps, () => clock.now() > deadline);
        // (slowed down from a fast speed: what the fast frames stepped is drawn now, not at
        // the next step, which may be a second away)
        if (undrawn) drawIfBehind();
        undrawn = false;
      }
    } else {
      owed = 0;
      // what the last frames did is drawn when the run is paused
      if (undrawn) drawIfBehind();
      undrawn = false;
    }
    frame = clock.request(tick);
  };
  frame = clock.request(tick);
  return () => clock.cancel(frame);
}
