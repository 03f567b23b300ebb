import { Suspense, lazy, useEffect, useState } from 'react';
import { DEFAULT_SCENARIO, SCENARIOS, scenarioById } from '../../scenarios/catalogue';
import styles from './App.module.css';

const SimulatorRoot = lazy(() => import('./SimulatorRoot'));

type Theme = 'dark' | 'light';

function initialTheme(): Theme {
  const saved = localStorage.getItem('interleave:theme');
  if (saved === 'dark' || saved === 'light') return saved;
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

function initialScenario(): string {
  const id = new URLSearchParams(window.location.search).get('scenario');
  return scenarioById(id)?.id ?? DEFAULT_SCENARIO.id;
}

export function App() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [scenarioId, setScenarioId] = useState(initialScenario);
  const scenario = scenarioById(scenarioId) ?? DEFAULT_SCENARIO;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('interleave:theme', theme);
  }, [theme]);
  return (
    <div className={styles.app}>
      <header className={styles.header}>
        <h1 className={styles.brand}>Interleave</h1>
        <p className={styles.tagline}>Go concurrency, step by step</p>
        <label className={styles.picker}>
          Program
          <select value={scenario.id} onChange={(e) => setScenarioId(e.target.value)}>
            {SCENARIOS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        <p className={styles.hook}>{scenario.hook}</p>
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
          <SimulatorRoot key={scenario.id} source={scenario.source} />
        </Suspense>
      </main>
    </div>
  );
}
