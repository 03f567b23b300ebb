import { memo, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSim, useSimStore } from '../Sim/SimContext';
import { colorIndex } from '../places';
import { highlightLines, type Piece } from './highlight';
import { useRegionName } from '../Sim/regionName';
import styles from './CodePanel.module.css';

interface Marker {
  readonly id: number;
  readonly line: number;
  readonly state: string;
}

/**
 * Goroutines marked at one line before the rest are counted in one mark: sixty-four at a
 * Lock would stack their marks down the panel and push the program's lines apart.
 */
const MARKS_SHOWN = 3;

/** A line's marks ("id:state,…") to draw, the running one among them, and the others. */
function splitMarks(marks: string): { shown: string[]; rest: string[] } {
  const all = marks.split(',').filter(Boolean);
  if (all.length <= MARKS_SHOWN) return { shown: all, rest: [] };
  const running = all.filter((mk) => mk.endsWith(':running'));
  const order = [...running, ...all.filter((mk) => !mk.endsWith(':running'))];
  return { shown: order.slice(0, MARKS_SHOWN), rest: order.slice(MARKS_SHOWN) };
}

/** One line: re-rendered only when its marks or emphasis change. */
const Line = memo(function Line(props: {
  readonly n: number;
  readonly pieces: readonly Piece[];
  readonly marks: string;
  readonly active: boolean;
  readonly crash: boolean;
  readonly sub: string;
  /** the compile error on this line, as the Go toolchain prints it, or '' */
  readonly error: string;
}) {
  const { n, pieces, marks, active, crash, sub, error } = props;
  const subG = Number(sub.slice(0, sub.indexOf(':')));
  const { shown, rest } = splitMarks(marks);
  return (
    <li
      className={styles.line}
      data-line={n}
      data-active={active}
      data-crash={crash || error !== ''}
      aria-current={active ? 'step' : undefined}
    >
      <span className={styles.num} aria-hidden="true">
        {n}
      </span>
      <span className={styles.marks}>
        {shown.map((mk) => {
          const [id, state] = mk.split(':');
          return (
            <span
              key={id}
              className={styles.mark}
              data-color={colorIndex(Number(id))}
              data-state={state}
              title={`G${id} (${state}) is at line ${n}`}
            >
              G{id}
            </span>
          );
        })}
        {rest.length > 0 && (
          <span
            className={styles.mark}
            data-more
            title={`${rest.map((mk) => `G${mk.slice(0, mk.indexOf(':'))}`).join(', ')} are at line ${n} too`}
          >
            +{rest.length}
          </span>
        )}
      </span>
      <code className={styles.text}>
        {pieces.length === 0
          ? ' '
          : pieces.map((p, j) => (
              <span key={j} className={p.cls || undefined}>
                {p.text}
              </span>
            ))}
      </code>
      {sub && (
        <span className={styles.sub} data-color={colorIndex(subG)}>
          G{sub.slice(0, sub.indexOf(':'))}: {sub.slice(sub.indexOf(':') + 1)}
        </span>
      )}
      {error && (
        <span className={styles.error} role="note">
          ✕ {error}
        </span>
      )}
    </li>
  );
});

/** The program, with each goroutine's current line marked in its colour. */
export function CodePanel() {
  const source = useSim((s) => s.source);
  const regionName = useRegionName("Program source, with each goroutine's line");
  const lines = useMemo(() => highlightLines(source), [source]);
  const markersKey = useSim(
    useShallow((s) =>
      (s.snapshot?.goroutines ?? [])
        .filter((g) => g.state !== 'done' && g.pos.line > 0)
        .map((g) => `${g.id}:${g.pos.line}:${g.state}`),
    ),
  );
  const step = useSim((s) => s.snapshot?.step ?? 0);
  const crashLine = useSim((s) => s.snapshot?.outcome?.pos?.line ?? 0);
  const diagnostics = useSim((s) => s.diagnostics);
  // a program that does not compile: each error at its line (the first, where there are more)
  const errors = new Map<number, string>();
  for (const d of diagnostics)
    if (!errors.has(d.pos.line)) errors.set(d.pos.line, `${d.pos.line}:${d.pos.col}: ${d.msg}`);
  const store = useSimStore();
  const last = step > 0 ? store.getState().history().steps[step - 1] : undefined;
  const fast = useSim((s) => s.playing && (s.speed === 'max' || s.speed > 10));
  const panel = useRef<HTMLElement>(null);
  const activeLine = last?.line ?? 0;
  /** scrolls the panel to the line being run (nothing when there is none to follow) */
  const keep = useRef<() => void>(() => undefined);
  useEffect(() => {
    // keep the line being run in view, unless lines fly by too fast to read; by scrolling the
    // panel only (scrollIntoView would scroll the page too, where the page scrolls: on a
    // narrow screen it would pull the reader away from the goroutines at every step)
    const box = panel.current;
    keep.current = () => {
      if (fast || activeLine === 0 || !box) return;
      const line = box.querySelector<HTMLElement>(`[data-line="${activeLine}"]`);
      if (!line) return;
      const view = box.getBoundingClientRect();
      const at = line.getBoundingClientRect();
      if (at.top < view.top) box.scrollTop -= view.top - at.top;
      else if (at.bottom > view.bottom) box.scrollTop += at.bottom - view.bottom;
    };
    keep.current();
  }, [activeLine, fast]);
  useEffect(() => {
    // and again whenever the panel changes size (a window resized, a layout that moved)
    const box = panel.current;
    if (!box) return;
    const ro = new ResizeObserver(() => keep.current());
    ro.observe(box);
    return () => ro.disconnect();
  }, []);
  const markers: Marker[] = markersKey.map((k) => {
    const [id, line, state] = k.split(':');
    return { id: Number(id), line: Number(line), state: state ?? '' };
  });
  const byLine = new Map<number, Marker[]>();
  for (const mk of markers) byLine.set(mk.line, [...(byLine.get(mk.line) ?? []), mk]);
  return (
    <section tabIndex={0} className={styles.panel} aria-label={regionName} ref={panel}>
      <ol className={styles.code}>
        {lines.map((pieces, i) => {
          const n = i + 1;
          const here = byLine.get(n) ?? [];
          const active = last?.line === n;
          return (
            <Line
              key={n}
              n={n}
              pieces={pieces}
              marks={here.map((mk) => `${mk.id}:${mk.state}`).join(',')}
              active={active}
              crash={crashLine === n}
              error={errors.get(n) ?? ''}
              sub={
                active && last
                  ? `${last.g}:${last.label === 'statement' ? 'ran this line' : last.label}`
                  : ''
              }
            />
          );
        })}
      </ol>
    </section>
  );
}
