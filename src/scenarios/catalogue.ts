/**
 * The tutorial's programs as data: Go source, a title, a one-line hook and what Go does.
 * No markup here; the UI decides how to show it.
 */
import unsafeStore from './programs/unsafe-store.go?raw';
import mutexStore from './programs/mutex-store.go?raw';
import rwmutexStore from './programs/rwmutex-store.go?raw';
import forgetUnlock from './programs/forget-unlock.go?raw';
import storeUnderLoad from './programs/store-under-load.go?raw';

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** one line for the catalogue card */
  readonly hook: string;
  readonly group: string;
  /** the tutorial section it comes from */
  readonly section: string;
  readonly source: string;
  /** what Go gives, in the schedule that shows the point (exit code and first report line) */
  readonly expected: { readonly exit: number; readonly first: string };
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'unsafe-store',
    title: 'The unsafe store',
    hook: 'CreateJob on a bare map: run it until two writes overlap.',
    group: 'The problem',
    section: 'The Problem: Race Conditions',
    source: unsafeStore,
    expected: { exit: 2, first: 'fatal error: concurrent map writes' },
  },
  {
    id: 'mutex-store',
    title: 'The Mutex store',
    hook: 'Lock, defer Unlock: one goroutine at a time, under every schedule.',
    group: 'The fix',
    section: 'Using Mutexes in Our Store',
    source: mutexStore,
    expected: { exit: 0, first: '' },
  },
  {
    id: 'rwmutex-store',
    title: 'The RWMutex store',
    hook: 'Readers together, the writer alone.',
    group: 'The fix',
    section: 'Use RWMutex for Read-Heavy Workloads',
    source: rwmutexStore,
    expected: { exit: 0, first: '' },
  },
  {
    id: 'forget-unlock',
    title: 'Mistake 1: forgetting to unlock',
    hook: 'The first goroutine locks and never unlocks: the second waits forever.',
    group: 'Common mistakes',
    section: 'Common Mistakes — Mistake 1: Forgetting to Unlock',
    source: forgetUnlock,
    expected: { exit: 2, first: 'fatal error: all goroutines are asleep - deadlock!' },
  },
  {
    id: 'store-under-load',
    title: 'The Mutex store under load',
    hook: '64 requests share one lock: watch the queue grow and drain.',
    group: 'Under load',
    section: 'Best Practices — Keep Critical Sections Small',
    source: storeUnderLoad,
    expected: { exit: 0, first: '' },
  },
];

export const DEFAULT_SCENARIO = SCENARIOS[0] as Scenario;

export function scenarioById(id: string | null): Scenario | null {
  return SCENARIOS.find((s) => s.id === id) ?? null;
}
