import { useEffect, useRef } from 'react';
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

function draw(
  canvas: HTMLCanvasElement,
  h: History,
  step: number,
  total: number,
  crash: { g: number | null } | null,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const rows = [...h.spans.keys()].sort((a, b) => a - b);
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = Math.max(ROW * 2, rows.length * ROW + 18);
  canvas.style.height = `${height}px`;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const css = palette(canvas);
  const span = Math.max(1, total);
  const x = (s: number) => LABEL + ((width - LABEL - 4) * s) / span;
  const fg = css('--fg');
  const muted = css('--muted');
  const danger = css('--danger');
  ctx.font = '11px "Liberation Mono", monospace';
  rows.forEach((g, i) => {
    const y = i * ROW + 2;
    ctx.fillStyle = muted;
    ctx.fillText(`G${g}`, 4, y + 11);
    const color = css(`--g${colorIndex(g)}`);
    // One pass per row over pixel columns, not spans: a long run has far more spans than
    // the canvas has pixels. Each column shows the most telling state in its step range.
    const cols = columns(h.spans.get(g) ?? [], x);
    let c = 0;
    while (c < cols.length) {
      const st = cols[c] as ColState;
      let j = c + 1;
      while (j < cols.length && cols[j] === st) j++;
      const x0 = LABEL + c;
      const w = j - c;
      if (st === RUNNING || st === RUNNABLE) {
        ctx.fillStyle = color;
        ctx.globalAlpha = st === RUNNING ? 1 : 0.35;
        ctx.fillRect(x0, y + 3, w, ROW - 6);
        ctx.globalAlpha = 1;
      } else if (st === BLOCKED) {
        ctx.strokeStyle = danger;
        ctx.lineWidth = 1;
        ctx.strokeRect(x0 + 0.5, y + 3.5, Math.max(1, w - 1), ROW - 7);
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0, y + 3, w, ROW - 6);
        ctx.clip();
        ctx.beginPath();
        for (let hx = x0 - ROW; hx < x0 + w; hx += 5) {
          ctx.moveTo(hx, y + ROW - 3);
          ctx.lineTo(hx + ROW - 6, y + 3);
        }
        ctx.stroke();
        ctx.restore();
      } else if (st === SLEEPING) {
        ctx.strokeStyle = muted;
        ctx.setLineDash([3, 3]);
        ctx.beginPath();
        ctx.moveTo(x0, y + ROW / 2);
        ctx.lineTo(x0 + w, y + ROW / 2);
        ctx.stroke();
        ctx.setLineDash([]);
      } else if (st === CRASHED) {
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
    ctx.fillRect(x(total) - 2, 0, 3, height);
  }
  ctx.fillStyle = fg;
  ctx.fillRect(x(step) - 1, 0, 2, height);
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

/** One row per goroutine over the run, like go tool trace's goroutine view; click to rewind. */
export function Timeline() {
  const ref = useRef<HTMLCanvasElement>(null);
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
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const crash = outcome && outcome.code !== 0 ? { g: outcome.g } : null;
    draw(c, store.getState().history(), step, Math.max(total, step), crash);
  }, [store, version, step, total, outcome]);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const ro = new ResizeObserver(() =>
      draw(
        c,
        store.getState().history(),
        store.getState().snapshot?.step ?? 0,
        store.getState().total,
        null,
      ),
    );
    ro.observe(c);
    return () => ro.disconnect();
  }, [store]);
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
    <section className={styles.timeline} aria-label="Timeline" tabIndex={0}>
      <h2 className={styles.title}>
        Timeline{' '}
        <span className={styles.legend}>
          ▮ running · ▯ runnable · ▨ blocked · ┄ sleeping · ▁ holds a lock · ✕ crashed
        </span>
      </h2>
      <canvas
        ref={ref}
        data-timeline
        className={styles.canvas}
        onClick={onClick}
        role="img"
        aria-label={`Timeline of ${count} goroutines over ${total} steps; the scrubber below rewinds with the keyboard.`}
      />
    </section>
  );
}
