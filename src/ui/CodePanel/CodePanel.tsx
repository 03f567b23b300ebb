import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSim, useSimStore } from '../Sim/SimContext';
import { colorIndex } from '../places';
import { highlightLines } from './highlight';
import styles from './CodePanel.module.css';

interface Marker {
  readonly id: number;
  readonly line: number;
  readonly state: string;
}

/** The program, with each goroutine's current line marked in its colour. */
export function CodePanel() {
  const source = useSim((s) => s.source);
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
  const store = useSimStore();
  const last = step > 0 ? store.getState().history().steps[step - 1] : undefined;
  const markers: Marker[] = markersKey.map((k) => {
    const [id, line, state] = k.split(':');
    return { id: Number(id), line: Number(line), state: state ?? '' };
  });
  const byLine = new Map<number, Marker[]>();
  for (const mk of markers) byLine.set(mk.line, [...(byLine.get(mk.line) ?? []), mk]);
  return (
    <section tabIndex={0} className={styles.panel} aria-label="Program source">
      <h2 className={styles.title}>main.go</h2>
      <ol className={styles.code}>
        {lines.map((pieces, i) => {
          const n = i + 1;
          const here = byLine.get(n) ?? [];
          const active = last?.line === n;
          return (
            <li
              key={n}
              className={styles.line}
              data-line={n}
              data-active={active}
              data-crash={crashLine === n}
              aria-current={active ? 'step' : undefined}
            >
              <span className={styles.num} aria-hidden="true">
                {n}
              </span>
              <span className={styles.marks}>
                {here.map((mk) => (
                  <span
                    key={mk.id}
                    className={styles.mark}
                    data-color={colorIndex(mk.id)}
                    data-state={mk.state}
                    title={`G${mk.id} (${mk.state}) is at line ${n}`}
                  >
                    G{mk.id}
                  </span>
                ))}
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
              {active && last && (
                <span className={styles.sub} data-color={colorIndex(last.g)}>
                  G{last.g}: {last.label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
