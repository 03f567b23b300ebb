import { useCallback, useEffect, useRef } from 'react';
import { useSim, useSimStore } from '../Sim/SimContext';
import { useThrottled } from '../Sim/useThrottled';
import { colorIndex } from '../places';
import type { History, Span } from '../../store/history';
import styles from './Timeline.module.css';

const ROW = 16;
const LABEL = 44;

/** Theme colours, read once per draw (each getComputedStyle forces a style pass). */
function palette(el: Element): (name: string) => string {
  const cs = getComputedStyle(el);
  const cache = new Map<string, string>();
  return (name) => {
    let v = cache.get(name);
    if (v === undefined) {
      v = cs.getPropertyValue(name).trim() || '#888';
      cache.set(name, v);
    }
    return v;
  };
}

/** Where a crash is marked (a red line at the end), or null. */
type Crash = { readonly g: number | null } | null;

function rowsOf(h: History): number[] {
  return h.goroutines().sort((a, b) => a - b);
}

/** The height the rows take, in CSS pixels. */
function rowsHeight(h: History): number {
  return Math.max(ROW * 2, h.goroutines().length * ROW + 18);
}

/** A run or a wait for the lock, as the rows draw it (also the export's legend). */
function bar(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y: number,
  w: number,
  color: string,
  alpha: number,
): void {
  ctx.fillStyle = color;
  ctx.globalAlpha = alpha;
  ctx.fillRect(x0, y + 3, w, ROW - 6);
  ctx.globalAlpha = 1;
}

/**
 * The blocked hatching as a pattern, made at the canvas's scale: one fill per run of columns
 * instead of a line every 5 pixels (a run of 64 goroutines is thousands of runs to hatch).
 */
function hatching(ctx: CanvasRenderingContext2D, danger: string): CanvasPattern | null {
  const scale = ctx.getTransform().a || 1;
  const n = Math.max(1, Math.round(5 * scale));
  const tile = document.createElement('canvas');
  tile.width = n;
  tile.height = n;
  const t = tile.getContext('2d');
  if (!t) return null;
  t.strokeStyle = danger;
  t.lineWidth = scale;
  t.beginPath();
  // the diagonal, and the corners of the ones beside it (so that tiles join without gaps)
  t.moveTo(-1, n + 1);
  t.lineTo(n + 1, -1);
  t.moveTo(-1, 1);
  t.lineTo(1, -1);
  t.moveTo(n - 1, n + 1);
  t.lineTo(n + 1, n - 1);
  t.stroke();
  const pattern = ctx.createPattern(tile, 'repeat');
  pattern?.setTransform(new DOMMatrix().scale(1 / (n / 5)));
  return pattern;
}

function hatched(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y: number,
  w: number,
  danger: string,
  pattern: CanvasPattern | null,
): void {
  ctx.strokeStyle = danger;
  ctx.lineWidth = 1;
  ctx.strokeRect(x0 + 0.5, y + 3.5, Math.max(1, w - 1), ROW - 7);
  if (!pattern) return;
  ctx.fillStyle = pattern;
  ctx.fillRect(x0, y + 3, w, ROW - 6);
}

function dashed(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y: number,
  w: number,
  muted: string,
): void {
  ctx.strokeStyle = muted;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(x0, y + ROW / 2);
  ctx.lineTo(x0 + w, y + ROW / 2);
  ctx.stroke();
  ctx.setLineDash([]);
}

/**
 * Draw the rows into ctx (already scaled), `width` CSS pixels wide, from `top`: `height`
 * pixels of them, the first `skip` pixels of rows left out (those scrolled out of view).
 */
function paint(
  ctx: CanvasRenderingContext2D,
  css: (name: string) => string,
  h: History,
  step: number,
  total: number,
  crash: Crash,
  width: number,
  top: number,
  skip = 0,
  height = rowsHeight(h),
): void {
  const span = Math.max(1, total);
  const x = (s: number) => LABEL + ((width - LABEL - 4) * s) / span;
  const fg = css('--fg');
  const muted = css('--muted');
  const danger = css('--danger');
  const hatch = hatching(ctx, danger);
  ctx.font = '11px "Liberation Mono", monospace';
  rowsOf(h).forEach((g, i) => {
    const y = top + i * ROW + 2 - skip;
    // (only the rows in view: 64 goroutines' rows are four times the panel's height)
    if (y + ROW <= top || y >= top + height) return;
    ctx.fillStyle = muted;
    ctx.fillText(`G${g}`, 4, y + 11);
    const color = css(`--g${colorIndex(g)}`);
    // One pass per row over pixel columns, not spans: a long run has far more spans than
    // the canvas has pixels. Each column shows the most telling state in its step range.
    const cols = columns(h.spansOf(g), x);
    let c = 0;
    while (c < cols.length) {
      const st = cols[c] as ColState;
      let j = c + 1;
      while (j < cols.length && cols[j] === st) j++;
      const x0 = LABEL + c;
      const w = j - c;
      if (st === RUNNING || st === RUNNABLE) bar(ctx, x0, y, w, color, st === RUNNING ? 1 : 0.35);
      else if (st === BLOCKED) hatched(ctx, x0, y, w, danger, hatch);
      else if (st === SLEEPING) dashed(ctx, x0, y, w, muted);
      else if (st === CRASHED) {
        ctx.fillStyle = danger;
        ctx.font = 'bold 13px sans-serif';
        ctx.fillText('✕', x0, y + 12);
        ctx.font = '11px "Liberation Mono", monospace';
      }
      c = j;
    }
    // lock holds, as a thin bar under the row
    for (const hold of h.holds) {
      if (hold.g !== g) continue;
      const to = hold.to < 0 ? Math.max(step, hold.from) : hold.to;
      ctx.fillStyle = fg;
      ctx.fillRect(x(hold.from - 1), y + ROW - 3, Math.max(1, x(to) - x(hold.from - 1)), 2);
    }
  });
  if (crash) {
    ctx.fillStyle = danger;
    ctx.fillRect(x(total) - 2, top, 3, height);
  }
  ctx.fillStyle = fg;
  ctx.fillRect(x(step) - 1, top, 2, height);
}

/**
 * Draw the rows in view into the canvas: it is as tall as the panel shows (it stays in view
 * while the rows' box, as tall as every row, scrolls), and draws the rows from `skip`
 * pixels down.
 */
function draw(
  canvas: HTMLCanvasElement,
  width: number,
  view: number,
  skip: number,
  h: History,
  step: number,
  total: number,
  crash: Crash,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  const height = Math.min(rowsHeight(h), view);
  canvas.style.height = `${height}px`;
  // (setting a canvas's size, even to the same, makes a new bitmap: only when it changes)
  const w = Math.round(width * dpr);
  const hh = Math.round(height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== hh) canvas.height = hh;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  paint(ctx, palette(canvas), h, step, total, crash, width, 0, skip, height);
}

const EXPORT_WIDTH = 1200;
const EXPORT_SCALE = 2;

/**
 * The timeline as an image to keep or put on a slide: a title and a line saying which run
 * and how it ended above the rows, the legend below, drawn afresh at twice the resolution in
 * the page's colours (`el` gives the theme).
 */
export function timelineImage(
  el: Element,
  h: History,
  step: number,
  total: number,
  crash: Crash,
  title: string,
  detail: string,
): HTMLCanvasElement {
  const css = palette(el);
  const head = 46;
  const foot = 26;
  const height = head + rowsHeight(h) + foot;
  const canvas = document.createElement('canvas');
  canvas.width = EXPORT_WIDTH * EXPORT_SCALE;
  canvas.height = height * EXPORT_SCALE;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.scale(EXPORT_SCALE, EXPORT_SCALE);
  ctx.fillStyle = css('--panel');
  ctx.fillRect(0, 0, EXPORT_WIDTH, height);
  ctx.fillStyle = css('--fg');
  ctx.font = 'bold 15px "Liberation Sans", sans-serif';
  ctx.fillText(title, 4, 18);
  ctx.fillStyle = css('--muted');
  ctx.font = '12px "Liberation Sans", sans-serif';
  ctx.fillText(detail, 4, 36);
  paint(ctx, css, h, step, total, crash, EXPORT_WIDTH, head);
  // the legend, with the marks the rows use
  const y = head + rowsHeight(h) + 4;
  const items: [string, (x: number) => void][] = [
    ['running', (x) => bar(ctx, x, y, 18, css('--g1'), 1)],
    ['runnable', (x) => bar(ctx, x, y, 18, css('--g1'), 0.35)],
    ['blocked', (x) => hatched(ctx, x, y, 18, css('--danger'), hatching(ctx, css('--danger')))],
    ['sleeping', (x) => dashed(ctx, x, y, 18, css('--muted'))],
    [
      'holds a lock',
      (x) => {
        ctx.fillStyle = css('--fg');
        ctx.fillRect(x, y + ROW - 3, 18, 2);
      },
    ],
  ];
  let x = LABEL;
  ctx.font = '12px "Liberation Sans", sans-serif';
  for (const [name, mark] of items) {
    mark(x);
    ctx.fillStyle = css('--muted');
    ctx.fillText(name, x + 24, y + 12);
    x += 24 + ctx.measureText(name).width + 18;
  }
  return canvas;
}

type ColState = number;
const DONE = 1;
const SLEEPING = 2;
const RUNNABLE = 3;
const BLOCKED = 4;
const RUNNING = 5;
const CRASHED = 6;
const RANK: Record<Span['state'], ColState> = {
  done: DONE,
  sleeping: SLEEPING,
  runnable: RUNNABLE,
  blocked: BLOCKED,
  running: RUNNING,
  crashed: CRASHED,
};

/** The state to draw in each pixel column: the highest-ranked state in its step range. */
function columns(spans: readonly Span[], x: (s: number) => number): Uint8Array {
  const last = spans[spans.length - 1];
  const width = last ? Math.ceil(x(last.to)) - LABEL + 1 : 0;
  const out = new Uint8Array(Math.max(0, width));
  for (const sp of spans) {
    const a = Math.max(0, Math.floor(x(sp.from - 1)) - LABEL);
    const b = Math.max(a + 1, Math.ceil(x(sp.to)) - LABEL);
    const r = RANK[sp.state];
    for (let c = a; c < b && c < out.length; c++) if ((out[c] as number) < r) out[c] = r;
  }
  return out;
}

/** A run that ended in failure is marked at its end (a resize kept the mark too). */
export function crashOf(
  outcome: { readonly code: number; readonly g: number | null } | null,
): Crash {
  return outcome && outcome.code !== 0 ? { g: outcome.g } : null;
}

/** One row per goroutine over the run, like go tool trace's goroutine view; click to rewind. */
export function Timeline() {
  const ref = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLElement>(null);
  const rows = useRef<HTMLDivElement>(null);
  const store = useSimStore();
  const playing = useSim((s) => s.playing);
  const version = useThrottled(
    useSim((s) => s.historyVersion),
    playing ? 200 : 0,
  );
  const step = useThrottled(
    useSim((s) => s.snapshot?.step ?? 0),
    playing ? 200 : 0,
  );
  const total = useThrottled(
    useSim((s) => s.total),
    playing ? 200 : 0,
  );
  const outcome = useSim((s) => s.snapshot?.outcome ?? null);
  const count = useSim((s) => s.snapshot?.goroutines.length ?? 0);
  /**
   * the panel's geometry, kept from its resize and scroll events (so that drawing reads no
   * layout): the rows' width, the panel's height, where the rows begin in it, its scroll
   */
  const geo = useRef({ width: 0, view: 0, top: 0, scroll: 0 });
  /** the moment drawn (throttled while playing) */
  const shown = useRef<{ step: number; total: number; crash: Crash }>({
    step: 0,
    total: 0,
    crash: null,
  });
  const paintNow = useCallback(() => {
    const c = ref.current;
    const r = rows.current;
    const g = geo.current;
    if (!c || !r || g.width <= 0) return;
    const h = store.getState().history();
    const all = rowsHeight(h);
    const view = Math.min(all, g.view);
    const skip = Math.max(0, Math.min(all - view, g.scroll - g.top));
    r.style.height = `${all}px`;
    c.style.top = `${skip}px`;
    const { step, total, crash } = shown.current;
    draw(c, g.width, view, skip, h, step, total, crash);
  }, [store]);
  useEffect(() => {
    shown.current = { step, total: Math.max(total, step), crash: crashOf(outcome) };
    paintNow();
  }, [paintNow, version, step, total, outcome]);
  useEffect(() => {
    const b = box.current;
    const r = rows.current;
    if (!b || !r) return;
    const ro = new ResizeObserver(() => {
      geo.current = {
        width: r.clientWidth,
        view: b.clientHeight,
        top: r.getBoundingClientRect().top - b.getBoundingClientRect().top + b.scrollTop,
        scroll: b.scrollTop,
      };
      paintNow();
    });
    ro.observe(b);
    ro.observe(r);
    return () => ro.disconnect();
  }, [paintNow]);
  const onScroll = () => {
    const b = box.current;
    if (!b) return;
    geo.current.scroll = b.scrollTop;
    paintNow();
  };
  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const c = ref.current;
    if (!c) return;
    const r = c.getBoundingClientRect();
    const px = e.clientX - r.left;
    const t = Math.max(store.getState().total, 1);
    const s = Math.round(((px - LABEL) / (r.width - LABEL - 4)) * t);
    store.getState().seek(Math.max(0, Math.min(t, s)));
  };
  return (
    <section
      ref={box}
      className={styles.timeline}
      aria-label="Timeline"
      tabIndex={0}
      onScroll={onScroll}
    >
      <h2 className={styles.title}>
        Timeline{' '}
        <span className={styles.legend}>
          ▮ running · ▯ runnable · ▨ blocked · ┄ sleeping · ▁ holds a lock · ✕ crashed
        </span>
      </h2>
      {/* (as tall as every row; the canvas in it draws the rows in view) */}
      <div ref={rows} className={styles.rows}>
        <canvas
          ref={ref}
          data-timeline
          className={styles.canvas}
          onClick={onClick}
          role="img"
          aria-label={`Timeline of ${count} goroutines over ${total} steps; the scrubber below rewinds with the keyboard.`}
        />
      </div>
    </section>
  );
}
