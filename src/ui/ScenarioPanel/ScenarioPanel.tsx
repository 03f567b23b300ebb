import { useContext, useEffect, useRef, useState, type MouseEvent } from 'react';
import { CUSTOM_ID, scenarioById, type Scenario } from '../../scenarios/catalogue';
import { matches } from '../../scenarios/showMe';
import { useExplore } from '../Explore/useExplore';
import { useSim, useSimStore } from '../Sim/SimContext';
import { ExploreResults, verdictWords } from '../Explore/ExploreResults';
import { printed } from '../printed';
import { FocusRequestContext } from '../focusRequest';
import styles from './ScenarioPanel.module.css';

/** States the explorer may visit per search in the page (each search runs in a worker). */
const EXPLORE_BUDGET = 200_000;
/** "Search further" multiplies the last budget by this, up to MAX_BUDGET. */
const FURTHER = 5;
const MAX_BUDGET = 5_000_000;

/**
 * Keyboard focus for an action that disables the button that started it: while `active`, focus
 * is on `to` (Cancel, Stop); after, back on the button, if it was focused and focus has been
 * lost to the page meanwhile. The first of the pair is for the button's click handler to call.
 */
function useFocusHandOff(active: boolean) {
  const started = useRef<HTMLElement | null>(null);
  const to = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const from = started.current;
    if (!from) return;
    if (active) to.current?.focus();
    else {
      started.current = null;
      const lost = document.activeElement === null || document.activeElement === document.body;
      // (without scrolling to it: a search's results have just been scrolled into view below
      // it, and focus moving there must not scroll them away again)
      if (lost) from.focus({ preventScroll: true });
    }
  }, [active]);
  const from = (e: MouseEvent<HTMLButtonElement>) => {
    started.current = document.activeElement === e.currentTarget ? e.currentTarget : null;
  };
  return [from, to] as const;
}

function searchFailed(message: string): string {
  return `The explorer could not run this program: ${message}`;
}

function outcomeWords(e: Scenario['expected']): string {
  if (e.race)
    return e.exit === 66
      ? 'a data race report (exit 66 under -race)'
      : 'no race report under -race';
  if (e.exit === 0) return e.stdout ? `exit 0, printing “${printed(e.stdout)}”` : 'exit 0';
  return e.first.replace('fatal error: ', '');
}

/** The scenario's story: what to notice, and the actions that show, break and fix it. */
export function ScenarioPanel({
  scenario,
  onOpen,
}: {
  readonly scenario: Scenario;
  readonly onOpen: (id: string) => void;
}) {
  const store = useSimStore();
  const challenge = useSim((s) => s.challenge);
  const race = useSim((s) => s.race);
  // the learner has changed the program: what the catalogue says is about the original
  const edited = useSim((s) => s.source) !== scenario.source;
  const { state, run, cancel, reset, warm } = useExplore();
  // a search button about to be pressed: the explorer's worker gets ready for it
  const warmUp = {
    onPointerEnter: () => warm(store.getState().source),
    onFocus: () => warm(store.getState().source),
  };
  const [found, setFound] = useState<string | null>(null);
  const [lastSearch, setLastSearch] = useState<'replay' | 'guide' | 'check'>('check');
  // the program the last search ran on: the catalogue vouches for a fix only as written
  const [searched, setSearched] = useState('');
  const vouched =
    searched === scenario.source && (scenario.kind === 'fixed' || scenario.kind === 'demo');
  const titleRef = useRef<HTMLHeadingElement>(null);
  const focusRequests = useContext(FocusRequestContext);
  useEffect(() => {
    if (focusRequests?.take('scenario')) titleRef.current?.focus();
  }, [focusRequests]);
  // keyboard focus through a search: the button pressed is disabled while it runs, so focus
  // goes to Cancel, and comes back to the button when the search ends (not lost to the page)
  const [searchStarted, cancelRef] = useFocusHandOff(state.k === 'running');
  const searchFrom = (then: 'replay' | 'guide' | 'check', e: MouseEvent<HTMLButtonElement>) => {
    searchStarted(e);
    void search(then);
  };
  // the same through a challenge: to its Stop button, and back to "Try to break it"
  const [challengeStarted, stopRef] = useFocusHandOff(challenge !== null);
  const pair = scenario.pair ? scenarioById(scenario.pair) : null;
  const broken = scenario.kind === 'broken';
  // a program from a link or an embed: nobody has said what it should do
  const own = scenario.id === CUSTOM_ID;

  // the state limit of the last search ("Search further" raises it)
  const [budget, setBudget] = useState(EXPLORE_BUDGET);
  const search = async (then: 'replay' | 'guide' | 'check', states = EXPLORE_BUDGET) => {
    setFound(null);
    setLastSearch(then);
    setBudget(states);
    const s0 = store.getState();
    // "Explore" searches the program as it is now (edits included); "Show me" the scenario
    const explored = then === 'check';
    // a demo too large to search whose every schedule ends the same way (the catalogue's tests
    // check it over seeded runs): any run of the original shows it, so show this seed's rather
    // than search for an end no search reaches
    const anyRun = scenario.expected.tooLargeToExplore && scenario.expected.always;
    if (!explored && anyRun && s0.source === scenario.source) {
      reset();
      s0.restart();
      s0.setGuided(then === 'guide');
      setFound(
        `Every schedule ends this way, so there is nothing to search for: this is the run with seed ${s0.seed}. ${then === 'guide' ? 'Step through it with → and read each caption.' : ''}`,
      );
      if (then === 'replay') {
        s0.setSpeed(10);
        s0.play();
      }
      return;
    }
    // always the program on screen: a schedule found for the original would replay the
    // edited program, which may do something else
    const source = s0.source;
    setSearched(source);
    const r = await run({
      source,
      race: explored ? s0.race : (scenario.expected.race ?? false),
      maxStates: states,
      mode: explored ? 'check' : 'find',
    });
    if (!r || explored) return;
    const hit = r.outcomes
      .filter((o) => matches(o, scenario.expected))
      .sort((a, b) => a.steps - b.steps)[0];
    if (!hit) {
      setFound(
        `The explorer checked ${r.states.toLocaleString('en-US')} states and did not reach it${source === scenario.source ? '.' : ' in your edited program (“Explore all schedules” lists what yours does instead); the original reaches it, and “Reset to original” brings it back.'}`,
      );
      return;
    }
    const s = store.getState();
    if (scenario.expected.race && !s.race) s.setRace(true);
    s.loadSchedule(hit.schedule);
    setFound(
      `The explorer found it after ${r.states.toLocaleString('en-US')} states: a run of ${hit.steps} steps. ${then === 'guide' ? 'Step through it with → and read each caption.' : ''}`,
    );
    s.setGuided(then === 'guide');
    if (then === 'replay') {
      s.setSpeed(10);
      s.play();
    }
  };

  return (
    <section
      className={styles.panel}
      aria-label="Scenario"
      data-scenario={scenario.id}
      data-kind={scenario.kind}
      data-expected-exit={scenario.expected.exit}
      data-expected-first={scenario.expected.first}
      data-expected-stdout={scenario.expected.stdout ?? ''}
      data-always={scenario.expected.always ? 'true' : 'false'}
    >
      <header className={styles.head}>
        <span className={styles.kind} data-kind={scenario.kind}>
          {scenario.kind}
        </span>
        <h2 className={styles.title} tabIndex={-1} ref={titleRef}>
          {scenario.title}
        </h2>
      </header>
      <p className={styles.notice}>
        <strong>Notice. </strong>
        {scenario.notice}
      </p>
      {own ? (
        <p className={styles.meta}>
          Not from the catalogue, so Interleave does not know what it should do: “Explore all
          schedules” lists everything it can do.
        </p>
      ) : (
        <p className={styles.meta}>
          Go gives <strong>{outcomeWords(scenario.expected)}</strong>
          {scenario.expected.always ? ' under every schedule' : ' under some schedules'}.
          {scenario.section && <> From the tutorial: {scenario.section}.</>}
          {scenario.expected.tooLargeToExplore && (
            <> It has too many schedules for a search to cover them all.</>
          )}
        </p>
      )}
      <div className={styles.actions}>
        {scenario.kind !== 'fixed' && !own && (
          <button
            type="button"
            onClick={(e) => searchFrom('replay', e)}
            {...warmUp}
            disabled={state.k === 'running'}
          >
            Show me {broken ? 'the problem' : 'it'}
          </button>
        )}
        {scenario.kind !== 'fixed' && !own && (
          <button
            type="button"
            onClick={(e) => searchFrom('guide', e)}
            {...warmUp}
            disabled={state.k === 'running'}
          >
            Guided tour
          </button>
        )}
        {broken && !scenario.expected.always && (
          <button
            type="button"
            onClick={(e) => {
              challengeStarted(e);
              store.getState().startChallenge(scenario.expected);
            }}
            disabled={!!challenge && !challenge.won}
          >
            Try to break it
          </button>
        )}
        <button
          type="button"
          onClick={(e) => searchFrom('check', e)}
          {...warmUp}
          disabled={state.k === 'running'}
          title="Search every schedule of the program as it is now, and list each outcome"
        >
          {scenario.kind === 'fixed' ? 'Check every schedule' : 'Explore all schedules'}
        </button>
        {pair && (
          <button type="button" onClick={() => onOpen(pair.id)}>
            {broken ? 'See the fix →' : '← See the problem'}
          </button>
        )}
        <label className={styles.race}>
          <input
            type="checkbox"
            checked={race}
            onChange={(e) => store.getState().setRace(e.target.checked)}
          />{' '}
          Race detector (-race)
        </label>
      </div>
      {edited && !own && (
        <p className={styles.meta} data-testid="edited-note">
          You have edited the program: what Go gives above is for the original, and the buttons work
          on yours.
        </p>
      )}
      {/* the search's status, one live region that is always there, so that each change is
          announced once: the progress numbers change ten times a second and are not read out */}
      <div className={styles.search}>
        <p className={styles.status} role="status" data-testid="search-status">
          {state.k === 'running' && (
            <>
              Exploring schedules…{' '}
              <span aria-hidden="true" data-testid="search-progress">
                {state.progress
                  ? `${state.progress.proof ? 'proof search, depth first: ' : ''}${state.progress.states.toLocaleString('en-US')} states, depth ${state.progress.depth}, ${state.progress.outcomes} outcomes`
                  : ''}
              </span>
            </>
          )}
          {state.k === 'cancelled' && 'Search cancelled.'}
          {state.k === 'error' && searchFailed(state.message)}
          {(state.k === 'done' || state.k === 'idle') && found}
          {state.k === 'done' && lastSearch === 'check' && (
            <span className={styles.srOnly}>{verdictWords(state.result, vouched)}</span>
          )}
        </p>
        {state.k === 'running' && (
          <button type="button" onClick={cancel} ref={cancelRef}>
            Cancel
          </button>
        )}
      </div>
      {state.k === 'done' && lastSearch === 'check' && (
        <ExploreResults
          result={state.result}
          scenario={scenario}
          vouched={vouched}
          budget={budget}
          {...(budget < MAX_BUDGET && {
            further: Math.min(budget * FURTHER, MAX_BUDGET),
            onSearchFurther: (states: number) => void search('check', states),
          })}
        />
      )}
      {challenge && (
        <div className={styles.challenge} role="status" data-won={challenge.won}>
          {challenge.won
            ? `You broke it in ${challenge.steps} steps: ${challenge.goal.first || `it printed “${printed(challenge.goal.stdout ?? '')}”`}. ${pair ? 'Now see the fix.' : ''}`
            : `Challenge: you are the scheduler. Click a runnable goroutine (or press its number) to run it next, until the program ends in “${challenge.goal.first || printed(challenge.goal.stdout ?? '')}”.`}{' '}
          <button type="button" onClick={() => store.getState().endChallenge()} ref={stopRef}>
            {challenge.won ? 'Done' : 'Stop the challenge'}
          </button>
        </div>
      )}
    </section>
  );
}
