import { useEffect, useRef, useState } from 'react';
import type { CheckResult, FoundOutcome } from '../../engine/explore/explore';
import { DEFAULT_LIMITS } from '../../engine/runtime/messages';
import type { Scenario } from '../../scenarios/catalogue';
import { useSimStore } from '../Sim/SimContext';
import { momentLink } from '../Tools/momentLink';
import { printed } from '../printed';
import styles from './ExploreResults.module.css';

const n = (x: number) => x.toLocaleString('en-US');

function title(o: FoundOutcome): string {
  if (o.first) return o.first;
  if (o.leak) return 'exits, leaving goroutines stuck';
  return o.exit === 0 ? 'exits normally' : `exit status ${o.exit}`;
}

/** A search in which no run reached an end. */
const ENDLESS =
  'no run ended within the bounds: the program may never end (a loop with no way out, goroutines that keep each other busy), or its runs are longer than the search could follow';

/**
 * What a search found, in short: the failing outcomes, how many clean results, the verdict.
 * Clean runs that print different things may be a lost update: a warning, unless the
 * catalogue vouches for the program searched (a fix or a demo, unedited): then only its
 * output depends on the schedule.
 */
function verdictOf(result: CheckResult, vouched: boolean) {
  // goroutines left stuck when main returned count as a failure, though Go says nothing
  const failing = result.outcomes.filter((o) => o.exit !== 0 || o.leak);
  const outputs = new Set(
    result.outcomes.filter((o) => o.exit === 0 && !o.leak && !o.first).map((o) => o.stdout),
  ).size;
  const verdict =
    failing.length > 0
      ? 'bad'
      : result.outcomes.length === 0
        ? 'endless'
        : outputs > 1 && !vouched
          ? 'warn'
          : 'ok';
  return { failing, outputs, verdict } as const;
}

/** The verdict in one sentence, for a screen reader to announce when a search ends. */
export function verdictWords(result: CheckResult, vouched: boolean): string {
  const { failing, outputs, verdict } = verdictOf(result, vouched);
  const scope = result.complete ? 'every schedule covered' : 'not complete';
  if (verdict === 'bad')
    return `Search finished: ${failing.length} way${failing.length > 1 ? 's' : ''} to fail (${scope}); the outcomes are listed below.`;
  if (verdict === 'warn')
    return `Search finished: no crash, but ${outputs} different results (${scope}); the outcomes are listed below.`;
  if (verdict === 'endless') return `Search finished: ${ENDLESS} (${scope}).`;
  return result.complete
    ? `Search finished: no schedule fails (${scope}).`
    : `Search finished: no failure in the states checked (${scope}).`;
}

/** Every distinct outcome the explorer reached, each a card to replay or share. */
export function ExploreResults({
  result,
  scenario,
  vouched,
  budget,
  further,
  onSearchFurther,
}: {
  readonly result: CheckResult;
  readonly scenario: Scenario;
  /** the catalogue says the program searched is right (see verdictOf) */
  readonly vouched: boolean;
  /** the state limit each search had */
  readonly budget: number;
  /** a larger state limit to offer when the search stopped at this one */
  readonly further?: number;
  readonly onSearchFurther?: (states: number) => void;
}) {
  const store = useSimStore();
  const [shared, setShared] = useState<string | null>(null);
  // the verdict and the cards appear below the scenario's buttons: bring them into view (the
  // side column scrolls, and at presentation size they start below the fold)
  const box = useRef<HTMLDivElement>(null);
  // (a block, not an expression: Chromium's scrollIntoView now returns a promise, and React
  // calls whatever an effect returns as its cleanup when the results go)
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start' });
  }, [result]);
  const { failing, outputs, verdict } = verdictOf(result, vouched);
  // the outcome the scenario is there to show, when it is a wrong result rather than a crash
  const lost = scenario.expected.lost ? scenario.expected.stdout : undefined;
  const share = async (o: FoundOutcome) => {
    try {
      const link = await momentLink(store.getState(), scenario, o.schedule, o.steps);
      setShared(link);
      await navigator.clipboard?.writeText(link).catch(() => undefined);
    } catch (e) {
      setShared(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div ref={box} className={styles.results} aria-label="Outcomes found">
      <p
        className={styles.verdict}
        data-verdict={verdict === 'ok' && !result.complete ? 'partial' : verdict}
      >
        {verdict === 'ok'
          ? `Checked ${n(result.states)} states: ${result.complete ? 'no schedule fails' : 'none of them fails'}${outputs > 1 ? ` (what it prints depends on the schedule: ${outputs} results below)` : ''}.`
          : verdict === 'warn'
            ? `Checked ${n(result.states)} states: no schedule crashes, but the schedule decides what it prints (${outputs} different results below); if only one of them is right, the program has a race.`
            : verdict === 'endless'
              ? `Checked ${n(result.states)} states: ${ENDLESS}.`
              : `${failing.length} way${failing.length > 1 ? 's' : ''} to fail, found in ${n(result.states)} states.`}{' '}
        {result.complete
          ? `Every schedule was covered, within bounds it never reached: ${n(budget)} states per search, ${n(DEFAULT_LIMITS.steps)} steps per run.`
          : `Not complete: ${result.cutoff ?? 'a bound was hit'}.`}
        {result.proved &&
          ` The shortest-schedule search ran out of states, so a proof search, which covers the same outcomes in fewer states, ${result.complete ? 'gave the verdict' : 'went on from there'}: a schedule it found may be longer than the shortest.`}
      </p>
      {!result.complete &&
        result.cutoff?.includes('(the state limit)') &&
        further !== undefined &&
        onSearchFurther && (
          <button type="button" className={styles.further} onClick={() => onSearchFurther(further)}>
            Search further (up to {n(further)} states)
          </button>
        )}
      <ul className={styles.cards}>
        {result.outcomes.map((o) => (
          <li
            key={`${o.exit}|${o.first}|${o.stdout}|${o.leak ? 'leak' : ''}`}
            className={styles.card}
            data-exit={o.exit}
            data-leak={o.leak ? 'true' : undefined}
          >
            <span className={styles.first}>
              {title(o)}
              {lost !== undefined && o.exit === 0 && o.stdout === lost && (
                <strong className={styles.lost}> — the lost update</strong>
              )}
            </span>
            {o.leak && <span className={styles.leak}>{o.leak}</span>}
            {o.what && <span className={styles.what}>{o.what}</span>}
            {o.race && <span className={styles.what}>Data race: {o.race}.</span>}
            {o.stdout && (
              <span className={styles.stdout} title={o.stdout}>
                prints “{printed(o.stdout, 60)}”
              </span>
            )}
            <span className={styles.meta}>
              exit {o.exit} · {o.steps} steps
            </span>
            <span className={styles.actions}>
              <button
                type="button"
                onClick={() => (
                  store.getState().loadSchedule(o.schedule),
                  store.getState().setSpeed(10),
                  store.getState().play()
                )}
              >
                Replay
              </button>
              <button type="button" onClick={() => void share(o)}>
                Share
              </button>
            </span>
          </li>
        ))}
      </ul>
      {shared && (
        <input
          className={styles.link}
          readOnly
          value={shared}
          aria-label="Link to this outcome"
          onFocus={(e) => e.target.select()}
        />
      )}
    </div>
  );
}
