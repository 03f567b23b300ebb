import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import {
  DEFAULT_SCENARIO,
  CUSTOM_ID,
  SCENARIOS,
  customScenario,
  scenarioById,
  type Scenario,
} from '../../scenarios/catalogue';
import type { SharePayload } from '../../embed/share';
import { Catalogue } from '../Catalogue/Catalogue';
import { Crash } from '../Crash/Crash';
import {
  noSuchScenario,
  readRoute,
  readShared,
  unknownScenario,
  writeRoute,
  type Route,
  type View,
} from './route';
import styles from './App.module.css';
import { FocusRequestContext, createFocusRequests } from '../focusRequest';

const SimulatorRoot = lazy(() => import('./SimulatorRoot'));
const Compare = lazy(() => import('../Compare/Compare').then((m) => ({ default: m.Compare })));
const PairView = lazy(() => import('../Pair/PairView').then((m) => ({ default: m.PairView })));

type Theme = 'dark' | 'light';

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem('interleave:theme');
    if (saved === 'dark' || saved === 'light') return saved;
  } catch {
    /* no storage */
  }
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

const VIEW_NAMES: Record<Exclude<View, 'pair'>, string> = {
  simulator: 'Simulator',
  catalogue: 'Catalogue',
  compare: 'Mutex vs RWMutex',
};

const VIEW_LABEL: Record<View, string> = {
  simulator: 'simulator',
  catalogue: 'catalogue',
  compare: 'comparison',
  pair: 'side-by-side view',
};

export function App() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [present, setPresent] = useState(false);
  const [route, setRoute] = useState<Route>(readRoute);
  const [shared, setShared] = useState<{ scenario: Scenario; moment: SharePayload } | null>(null);
  const [notice, setNotice] = useState<string | null>(() => {
    const unknown = unknownScenario();
    return unknown ? noSuchScenario(unknown) : null;
  });
  const scenario = shared?.scenario ?? scenarioById(route.scenario) ?? DEFAULT_SCENARIO;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem('interleave:theme', theme);
    } catch {
      /* not kept */
    }
  }, [theme]);
  useEffect(() => {
    document.documentElement.dataset.mode = present ? 'present' : 'normal';
  }, [present]);
  useEffect(() => {
    void readShared().then((r) => {
      if (!r) return;
      if (!r.ok) {
        setNotice(
          `This share link could not be opened: ${r.reason}. Here is the default program instead; nothing you had saved was changed.`,
        );
        return;
      }
      const s = r.payload.scenario
        ? (scenarioById(r.payload.scenario) ?? DEFAULT_SCENARIO)
        : customScenario(r.payload.program ?? '');
      setShared({ scenario: s, moment: r.payload });
      setRoute({ view: 'simulator', scenario: s.id });
    });
    const onPop = () => {
      setShared(null);
      setRoute(readRoute());
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    const onFull = () => {
      if (!document.fullscreenElement) setPresent(false);
    };
    document.addEventListener('fullscreenchange', onFull);
    return () => document.removeEventListener('fullscreenchange', onFull);
  }, []);

  const [focusRequests] = useState(createFocusRequests);
  const go = useCallback((r: Route) => {
    setShared(null);
    writeRoute(r);
    setRoute(r);
  }, []);
  const open = useCallback(
    (id: string) => {
      // the card or button that opened it goes away: focus goes to the scenario's title
      focusRequests.ask('scenario');
      go({ view: 'simulator', scenario: id });
    },
    [go, focusRequests],
  );
  const togglePresent = () => {
    const on = !present;
    setPresent(on);
    if (on) void document.documentElement.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };
  const pair = scenario.pair ? scenarioById(scenario.pair) : null;

  return (
    <div className={styles.app}>
      <header className={styles.header}>
        <h1 className={styles.brand}>Interleave</h1>
        <nav className={styles.nav} aria-label="Views">
          {(Object.keys(VIEW_NAMES) as (keyof typeof VIEW_NAMES)[]).map((v) => (
            <button
              key={v}
              type="button"
              aria-current={route.view === v ? 'page' : undefined}
              onClick={() => go({ ...route, view: v })}
            >
              {VIEW_NAMES[v]}
            </button>
          ))}
          {pair && (
            <button
              type="button"
              aria-current={route.view === 'pair' ? 'page' : undefined}
              onClick={() => go({ view: 'pair', scenario: scenario.id })}
            >
              Side by side
            </button>
          )}
        </nav>
        {(route.view === 'simulator' || route.view === 'pair') && (
          <label className={styles.picker}>
            Program
            <select
              value={scenario.id}
              onChange={(e) => go({ view: route.view, scenario: e.target.value })}
            >
              {scenario.id === CUSTOM_ID && <option value="custom">A shared program</option>}
              {SCENARIOS.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.group} — {s.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className={styles.spacer} />
        <button
          type="button"
          className={styles.theme}
          onClick={togglePresent}
          aria-pressed={present}
        >
          {present ? 'Leave presentation' : 'Present'}
        </button>
        <button
          type="button"
          className={styles.theme}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-pressed={theme === 'light'}
        >
          {theme === 'dark' ? '☀ Light theme' : '☾ Dark theme'}
        </button>
      </header>
      {notice && (
        <p className={styles.notice} role="alert">
          {notice}{' '}
          <button type="button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      <main className={styles.main}>
        <FocusRequestContext.Provider value={focusRequests}>
          {/* keyed by what is shown, so choosing another view or program clears a failure */}
          <Crash key={`${route.view}:${scenario.id}`} where={VIEW_LABEL[route.view]}>
            <Suspense fallback={<p className={styles.loading}>Loading the Go engine…</p>}>
              {route.view === 'simulator' && (
                <SimulatorRoot
                  key={`${scenario.id}:${shared ? 'shared' : ''}`}
                  scenario={scenario}
                  onOpen={open}
                  moment={shared?.moment ?? null}
                />
              )}
              {route.view === 'catalogue' && <Catalogue onOpen={open} />}
              {route.view === 'compare' && <Compare />}
              {route.view === 'pair' && pair && (
                <PairView
                  key={scenario.id}
                  left={scenario.kind === 'fixed' ? pair : scenario}
                  right={scenario.kind === 'fixed' ? scenario : pair}
                />
              )}
            </Suspense>
          </Crash>
        </FocusRequestContext.Provider>
      </main>
      {present && <Pointer />}
    </div>
  );
}

/** A large halo that follows the mouse, so a room can see what the presenter points at. */
function Pointer() {
  const [p, setP] = useState<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const move = (e: PointerEvent) => setP({ x: e.clientX, y: e.clientY });
    window.addEventListener('pointermove', move);
    return () => window.removeEventListener('pointermove', move);
  }, []);
  if (!p) return null;
  return <div className={styles.pointer} style={{ left: p.x, top: p.y }} aria-hidden="true" />;
}
