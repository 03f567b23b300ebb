import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { DEFAULT_SCENARIO, SCENARIOS, scenarioById } from '../../scenarios/catalogue';
import { Catalogue } from '../Catalogue/Catalogue';
import styles from './App.module.css';

const SimulatorRoot = lazy(() => import('./SimulatorRoot'));
const Compare = lazy(() => import('../Compare/Compare').then((m) => ({ default: m.Compare })));

type Theme = 'dark' | 'light';
type View = 'simulator' | 'catalogue' | 'compare';

function initialTheme(): Theme {
  const saved = localStorage.getItem('interleave:theme');
  if (saved === 'dark' || saved === 'light') return saved;
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

interface Route {
  readonly view: View;
  readonly scenario: string;
}

function readRoute(): Route {
  const q = new URLSearchParams(window.location.search);
  const v = q.get('view');
  const view: View = v === 'catalogue' || v === 'compare' ? v : 'simulator';
  return { view, scenario: scenarioById(q.get('scenario'))?.id ?? DEFAULT_SCENARIO.id };
}

function writeRoute(r: Route): void {
  const q = new URLSearchParams(window.location.search);
  q.delete('view');
  q.delete('scenario');
  if (r.view !== 'simulator') q.set('view', r.view);
  else q.set('scenario', r.scenario);
  window.history.pushState(null, '', `?${q.toString()}`);
}

export function App() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [route, setRoute] = useState<Route>(readRoute);
  const scenario = scenarioById(route.scenario) ?? DEFAULT_SCENARIO;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('interleave:theme', theme);
  }, [theme]);
  useEffect(() => {
    const onPop = () => setRoute(readRoute());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((r: Route) => {
    writeRoute(r);
    setRoute(r);
  }, []);
  const open = useCallback((id: string) => go({ view: 'simulator', scenario: id }), [go]);
  return (
    <div className={styles.app}>
      <header className={styles.header}>
        <h1 className={styles.brand}>Interleave</h1>
        <nav className={styles.nav} aria-label="Views">
          {(['simulator', 'catalogue', 'compare'] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-current={route.view === v ? 'page' : undefined}
              onClick={() => go({ ...route, view: v })}
            >
              {v === 'simulator'
                ? 'Simulator'
                : v === 'catalogue'
                  ? 'Catalogue'
                  : 'Mutex vs RWMutex'}
            </button>
          ))}
        </nav>
        {route.view === 'simulator' && (
          <label className={styles.picker}>
            Program
            <select value={scenario.id} onChange={(e) => open(e.target.value)}>
              {SCENARIOS.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.group} — {s.title}
                </option>
              ))}
            </select>
          </label>
        )}
        {route.view === 'simulator' && <p className={styles.hook}>{scenario.hook}</p>}
        <button
          type="button"
          className={styles.theme}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-pressed={theme === 'light'}
        >
          {theme === 'dark' ? '☀ Light theme' : '☾ Dark theme'}
        </button>
      </header>
      <main className={styles.main}>
        <Suspense fallback={<p className={styles.loading}>Loading the Go engine…</p>}>
          {route.view === 'simulator' && (
            <SimulatorRoot key={scenario.id} scenario={scenario} onOpen={open} />
          )}
          {route.view === 'catalogue' && <Catalogue onOpen={open} />}
          {route.view === 'compare' && <Compare />}
        </Suspense>
      </main>
    </div>
  );
}
