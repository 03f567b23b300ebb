import { groups, type Scenario } from '../../scenarios/catalogue';
import styles from './Catalogue.module.css';

function badge(s: Scenario): { text: string; tone: 'bad' | 'ok' | 'warn' } {
  const e = s.expected;
  if (e.race && e.exit === 66) return { text: 'data race', tone: 'warn' };
  if (e.exit !== 0) {
    if (e.first.includes('deadlock')) return { text: 'deadlock', tone: 'bad' };
    if (e.first.includes('concurrent map'))
      return { text: e.first.replace('fatal error: ', ''), tone: 'bad' };
    return { text: e.first.replace('fatal error: ', ''), tone: 'bad' };
  }
  if (s.kind === 'broken')
    return { text: e.lost ? 'lost update' : 'clean exit, slow', tone: 'warn' };
  return { text: e.always ? 'clean under every schedule' : 'clean', tone: 'ok' };
}

/** The tutorial, grouped the way it is taught: each card a program to open, run and break. */
export function Catalogue({ onOpen }: { readonly onOpen: (id: string) => void }) {
  return (
    <div className={styles.catalogue}>
      <p className={styles.intro}>
        Every example and every mistake from “Concurrency Safety with Mutexes”, broken and fixed.
        Open one, press Play, or let the explorer show you the schedule that breaks it.
      </p>
      {groups().map((g) => (
        <section key={g.name} className={styles.group} aria-labelledby={`g-${g.name}`}>
          <h2 id={`g-${g.name}`} className={styles.groupTitle}>
            {g.name}
          </h2>
          <ul className={styles.cards}>
            {g.scenarios.map((s) => {
              const b = badge(s);
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    className={styles.card}
                    onClick={() => onOpen(s.id)}
                    data-scenario={s.id}
                  >
                    <span className={styles.kind} data-kind={s.kind}>
                      {s.kind}
                    </span>
                    <span className={styles.cardTitle}>{s.title}</span>
                    <span className={styles.hook}>{s.hook}</span>
                    <span className={styles.badge} data-tone={b.tone}>
                      {b.tone === 'ok' ? '✓ ' : b.tone === 'bad' ? '✕ ' : '! '}
                      {b.text}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
