/**
 * The playback driver, outside the engine (as nand2tetris's web IDE does it): on each
 * animation frame it advances the engine within a time budget, at the chosen speed, and
 * the store publishes once per frame.
 */
import type { SimStore } from './simStore';

/** Milliseconds of engine work allowed per frame, leaving the rest for rendering. */
export const FRAME_BUDGET_MS = 6;

/** At full speed, how often the picture is redrawn. */
export const DRAW_EVERY_MS = 50;

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
  const tick = () => {
    const now = clock.now();
    const dt = Math.min(250, now - last);
    last = now;
    const s = store.getState();
    if (s.playing) {
      const deadline = now + FRAME_BUDGET_MS;
      if (s.speed === 'max') {
        // at full speed the engine runs every frame; the picture is redrawn at most
        // DRAW_EVERY_MS, so software-rendered classroom machines keep their frame rate
        const draw = now - lastDraw >= DRAW_EVERY_MS;
        if (s.advance(Number.MAX_SAFE_INTEGER, () => clock.now() > deadline, draw) > 0 && draw)
          lastDraw = now;
      } else {
        owed += (s.speed * dt) / 1000;
        const whole = Math.floor(owed);
        if (whole > 0) {
          owed -= whole;
          s.advance(whole, () => clock.now() > deadline);
        }
      }
    } else owed = 0;
    frame = clock.request(tick);
  };
  frame = clock.request(tick);
  return () => clock.cancel(frame);
}
