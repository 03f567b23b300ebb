import { useEffect, useRef } from 'react';
import { useSim, useSimStore } from '../Sim/SimContext';
import { colorIndex } from '../places';
import type { History } from '../../store/history';
import styles from './Timeline.module.css';

const ROW = 16;
const LABEL = 44;

function css(el: Element, name: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || '#888';
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
  const span = Math.max(1, total);
  const x = (s: number) => LABEL + ((width - LABEL - 4) * s) / span;
  const fg = css(canvas, '--fg');
  const muted = css(canvas, '--muted');
  const danger = css(canvas, '--danger');
  ctx.font = '11px "Liberation Mono", monospace';
  rows.forEach((g, i) => {
    const y = i * ROW + 2;
    ctx.fillStyle = muted;
    ctx.fillText(`G${g}`, 4, y + 11);
    const color = css(canvas, `--g${colorIndex(g)}`);
    for (const s of h.spans.get(g) ?? []) {
      const x0 = x(s.from - 1);
      const w = Math.max(1, x(s.to) - x0);
      if (s.state === 'running' || s.state === 'runnable') {
        ctx.fillStyle = color;
        ctx.globalAlpha = s.state === 'running' ? 1 : 0.35;
        ctx.fillRect(x0, y + 3, w, ROW - 6);
        ctx.globalAlpha = 1;
      } else if (s.state === 'blocked') {
        ctx.strokeStyle = danger;
        ctx.lineWidth = 1;
        ctx.strokeRect(x0 + 0.5, y + 3.5, w - 1, ROW - 7);
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0, y + 3, w, ROW - 6);
        ctx.clip();
        for (let hx = x0 - ROW; hx < x0 + w; hx += 5) {
          ctx.beginPath();
          ctx.moveTo(hx, y + ROW - 3);
          ctx.lineTo(hx + ROW - 6, y + 3);
          ctx.stroke();
        }
        ctx.restore();
      } else if (s.state === 'sleeping') {
        ctx.strokeStyle = muted;
        ctx.setLineDash([3, 3]);
        ctx.beginPath();
        ctx.moveTo(x0, y + ROW / 2);
        ctx.lineTo(x0 + w, y + ROW / 2);
        ctx.stroke();
        ctx.setLineDash([]);
      } else if (s.state === 'crashed') {
        ctx.fillStyle = danger;
        ctx.font = 'bold 13px sans-serif';
        ctx.fillText('✕', x0, y + 12);
        ctx.font = '11px "Liberation Mono", monospace';
      }
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

/** One row per goroutine over the run, like go tool trace's goroutine view; click to rewind. */
export function Timeline() {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useSimStore();
  const version = useSim((s) => s.historyVersion);
  const step = useSim((s) => s.snapshot?.step ?? 0);
  const total = useSim((s) => s.total);
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
        className={styles.canvas}
        onClick={onClick}
        role="img"
        aria-label={`Timeline of ${count} goroutines over ${total} steps; the scrubber below rewinds with the keyboard.`}
      />
    </section>
  );
}
