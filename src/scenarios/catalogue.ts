/**
 * The tutorial as a playable catalogue: each example and each mistake, broken and fixed, and
 * two steps beyond it (sync/atomic for a counter, sync.Once for a lazily made map), as data:
 * Go source, a title, a one-line hook, what to notice, and the outcome Go gives. The schedule
 * that shows each problem is not written here: the engine's explorer finds it (see
 * catalogue.test.ts and the "Show me" action). No markup in this file.
 */
import unsafeStore from './programs/unsafe-store.go?raw';
import unsafeRead from './programs/unsafe-read-during-write.go?raw';
import unsafeIterate from '../engine/fixtures/tutorial/unsafe-map-read-during-write.go?raw';
import mutexStore from './programs/mutex-store.go?raw';
import rwmutexStore from './programs/rwmutex-store.go?raw';
import forgetUnlock from './programs/forget-unlock.go?raw';
import earlyReturn from '../engine/fixtures/tutorial/why-defer-without-defer.go?raw';
import deferFix from '../engine/fixtures/tutorial/why-defer-with-defer.go?raw';
import unlockWithoutLock from '../engine/fixtures/tutorial/mistake2-unlock-without-lock.go?raw';
import lockBeforeUnlock from '../engine/fixtures/tutorial/mistake2-lock-before-unlock.go?raw';
import lenOutside from '../engine/fixtures/tutorial/mistake3-len-outside-lock.go?raw';
import protectAll from '../engine/fixtures/tutorial/mistake3-protect-all-accesses.go?raw';
import valueReceiver from '../engine/fixtures/tutorial/mistake4-value-receiver.go?raw';
import copyMutex from '../engine/fixtures/tutorial/mistake4-copy-mutex.go?raw';
import usePointers from '../engine/fixtures/tutorial/mistake4-use-pointers.go?raw';
import lockDuringHttp from '../engine/fixtures/tutorial/mistake5-lock-during-http.go?raw';
import releaseFirst from '../engine/fixtures/tutorial/mistake5-release-first.go?raw';
import helperLocksAgain from '../engine/fixtures/tutorial/pattern3-helper-locks-again.go?raw';
import readTwice from './programs/rwmutex-read-twice.go?raw';
import readOnce from './programs/rwmutex-read-once.go?raw';
import panicWithoutDefer from '../engine/fixtures/tutorial/best-practices-panic-without-defer.go?raw';
import panicWithDefer from '../engine/fixtures/tutorial/best-practices-always-defer.go?raw';
import ctxWaits from './programs/context-waits-for-lock.go?raw';
import ctxChecks from './programs/context-checks-after-lock.go?raw';
import lostUpdate from './programs/lost-update.go?raw';
import lostUpdateFixed from './programs/lost-update-fixed.go?raw';
import lockOrder from './programs/lock-order.go?raw';
import lockOrderFixed from './programs/lock-order-fixed.go?raw';
import starvation from './programs/starvation.go?raw';
import storeUnderLoad from './programs/store-under-load.go?raw';
import stripedStore from './programs/striped-store.go?raw';
import atomicHalf from './programs/atomic-half.go?raw';
import atomicAll from './programs/atomic-all.go?raw';
import configPlainPointer from './programs/config-plain-pointer.go?raw';
import configAtomicPointer from './programs/config-atomic-pointer.go?raw';
import lazyNilCheck from './programs/lazy-nil-check.go?raw';
import lazyOnce from './programs/lazy-once.go?raw';
import condIf from './programs/cond-if.go?raw';
import condFor from './programs/cond-for.go?raw';
import scratch from './programs/scratch.go?raw';

export interface Expected {
  /** the exit code `go run` gives in the schedule that shows the point */
  readonly exit: number;
  /** the first line of the runtime's report ('' for a clean exit) */
  readonly first: string;
  /** for clean exits: what the program prints in that schedule */
  readonly stdout?: string;
  /** the point is a lost update: a clean exit with the wrong result */
  readonly lost?: boolean;
  /** the point is a data race: run with the race detector (exit 66) */
  readonly race?: boolean;
  /** every schedule gives this outcome (a fix, or a bug no schedule escapes) */
  readonly always?: boolean;
  /** too many goroutines to search every schedule: checked over seeded runs instead */
  readonly tooLargeToExplore?: boolean;
}

export interface Scenario {
  readonly id: string;
  /** the tutorial's grouping */
  readonly group: string;
  readonly title: string;
  /** one line for the catalogue card */
  readonly hook: string;
  /** broken shows the problem; fixed shows the tutorial's fix */
  readonly kind: 'broken' | 'fixed' | 'demo';
  /** the tutorial section it comes from ('' for the programs beyond the tutorial) */
  readonly section: string;
  /** what to watch for, in the learner's words, tied to lines */
  readonly notice: string;
  readonly source: string;
  readonly expected: Expected;
  /** the scenario that fixes this one (or the broken one a fix answers) */
  readonly pair?: string;
}

const MAP_WRITES = 'fatal error: concurrent map writes';
const DEADLOCK = 'fatal error: all goroutines are asleep - deadlock!';

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'unsafe-store',
    group: 'The problem: race conditions',
    title: 'Unsafe store: two writes at once',
    hook: 'CreateJob on a bare map — run it until two writes overlap.',
    kind: 'broken',
    section: 'The Problem: Race Conditions — Scenario 1',
    notice:
      "Watch the map's writing flag. A write sets it; a second write that finds it set stops the whole program.",
    source: unsafeStore,
    expected: { exit: 2, first: MAP_WRITES },
    pair: 'mutex-store',
  },
  {
    id: 'unsafe-read',
    group: 'The problem: race conditions',
    title: 'Unsafe store: a read during a write',
    hook: 'GetJob reads the map while CreateJob is writing it.',
    kind: 'broken',
    section: 'The Problem: Race Conditions — Scenario 2',
    notice:
      'A lookup checks the writing flag once, when it starts: if a write is in progress, Go stops with a different message.',
    source: unsafeRead,
    expected: { exit: 2, first: 'fatal error: concurrent map read and map write' },
    pair: 'mutex-store',
  },
  {
    id: 'unsafe-iterate',
    group: 'The problem: race conditions',
    title: 'Unsafe store: ranging during a write',
    hook: 'GetJobs ranges over the map while CreateJob writes it.',
    kind: 'broken',
    section: 'The Problem: Race Conditions — Scenario 2',
    notice: 'A range loop checks the flag at every element, not just at the start.',
    source: unsafeIterate,
    expected: { exit: 2, first: 'fatal error: concurrent map iteration and map write' },
    pair: 'rwmutex-store',
  },
  {
    id: 'mutex-store',
    group: 'The fix: a mutex',
    title: 'The Mutex store',
    hook: 'Lock, defer Unlock: one goroutine at a time, under every schedule.',
    kind: 'fixed',
    section: 'Using Mutexes in Our Store',
    notice:
      "Only the goroutine holding mu touches the map; the others wait in mu's queue, in order.",
    source: mutexStore,
    expected: { exit: 0, first: '', stdout: '3 jobs\n', always: true },
    pair: 'unsafe-store',
  },
  {
    id: 'rwmutex-store',
    group: 'The fix: a mutex',
    title: 'The RWMutex store',
    hook: 'Readers together, the writer alone.',
    kind: 'fixed',
    section: 'Use RWMutex for Read-Heavy Workloads',
    notice:
      'Several goroutines can hold the read lock at once; Lock waits until the readers inside have left.',
    source: rwmutexStore,
    expected: { exit: 0, first: '', stdout: '3 jobs\n', always: true },
    pair: 'unsafe-iterate',
  },
  {
    id: 'forget-unlock',
    group: 'Mistake 1: forgetting to unlock',
    title: 'Lock without Unlock',
    hook: 'The first goroutine locks and never unlocks: the second waits forever.',
    kind: 'broken',
    section: 'Common Mistakes — Mistake 1',
    notice:
      'mu stays held by a goroutine that has already finished. Go reports the deadlock when every goroutine is stuck.',
    source: forgetUnlock,
    expected: { exit: 2, first: DEADLOCK, always: true },
    pair: 'defer-fix',
  },
  {
    id: 'early-return',
    group: 'Mistake 1: forgetting to unlock',
    title: 'The early return (why defer?)',
    hook: 'An error path returns before Unlock: the next request waits forever.',
    kind: 'broken',
    section: 'Lock and Unlock Patterns — Why defer?',
    notice: 'Follow the goroutine that takes the early return: it leaves with mu still locked.',
    source: earlyReturn,
    expected: { exit: 2, first: DEADLOCK, always: true },
    pair: 'defer-fix',
  },
  {
    id: 'defer-fix',
    group: 'Mistake 1: forgetting to unlock',
    title: 'defer Unlock on every path',
    hook: 'The same early return, with defer: every path unlocks.',
    kind: 'fixed',
    section: 'Lock and Unlock Patterns — Why defer?',
    notice: 'The deferred Unlock runs on the error path too: watch it fire at the return.',
    source: deferFix,
    expected: { exit: 0, first: '', always: true },
    pair: 'early-return',
  },
  {
    id: 'unlock-without-lock',
    group: 'Mistake 2: unlocking without locking',
    title: 'Unlock of an unlocked mutex',
    hook: 'A fatal error — and recover() cannot save it.',
    kind: 'broken',
    section: 'Common Mistakes — Mistake 2',
    notice:
      'The deferred recover is there, and still the program dies: a fatal error is not a panic.',
    source: unlockWithoutLock,
    expected: { exit: 2, first: 'fatal error: sync: unlock of unlocked mutex', always: true },
    pair: 'lock-before-unlock',
  },
  {
    id: 'lock-before-unlock',
    group: 'Mistake 2: unlocking without locking',
    title: 'Lock before Unlock',
    hook: 'Pair every Unlock with its Lock.',
    kind: 'fixed',
    section: 'Common Mistakes — Mistake 2',
    notice: 'Each Unlock releases a lock the same goroutine took.',
    source: lockBeforeUnlock,
    expected: { exit: 0, first: '', always: true },
    pair: 'unlock-without-lock',
  },
  {
    id: 'len-outside-lock',
    group: 'Mistake 3: not protecting all accesses',
    title: 'len(s.jobs) outside the lock',
    hook: 'No crash, ever — and still a data race the race detector reports.',
    kind: 'broken',
    section: 'Common Mistakes — Mistake 3',
    notice:
      'len reads the map without checking the writing flag, so nothing crashes. Run with the race detector to see the report.',
    source: lenOutside,
    expected: { exit: 66, first: 'WARNING: DATA RACE', race: true, always: true },
    pair: 'protect-all',
  },
  {
    id: 'protect-all',
    group: 'Mistake 3: not protecting all accesses',
    title: 'Every access under the lock',
    hook: 'len inside the lock too: the race detector stays quiet.',
    kind: 'fixed',
    section: 'Common Mistakes — Mistake 3',
    notice: 'With the read under mu as well, Unlock orders it after every write.',
    source: protectAll,
    expected: { exit: 0, first: '', race: true, always: true },
    pair: 'len-outside-lock',
  },
  {
    id: 'value-receiver',
    group: 'Mistake 4: copying the mutex',
    title: 'A value receiver copies the mutex',
    hook: 'func (s Store) locks a copy — go vet warns, and the copy protects nothing.',
    kind: 'broken',
    section: 'Common Mistakes — Mistake 4',
    notice: 'Each call locks its own copy of mu ("mu (copy)"), while all copies share one map.',
    source: valueReceiver,
    expected: { exit: 2, first: MAP_WRITES },
    pair: 'use-pointers',
  },
  {
    id: 'copy-mutex',
    group: 'Mistake 4: copying the mutex',
    title: 'store2 := store1',
    hook: 'Two stores, two mutexes, one map.',
    kind: 'broken',
    section: 'Common Mistakes — Mistake 4',
    notice:
      "store2 has its own mu, but its jobs map is store1's: locking either lock does not stop the other writer.",
    source: copyMutex,
    expected: { exit: 2, first: MAP_WRITES },
    pair: 'use-pointers',
  },
  {
    id: 'use-pointers',
    group: 'Mistake 4: copying the mutex',
    title: 'Always use pointers',
    hook: 'store2 := store1 copies a pointer: one store, one mutex.',
    kind: 'fixed',
    section: 'Common Mistakes — Mistake 4',
    notice: 'Both names reach the same mu, so its queue orders every write.',
    source: usePointers,
    expected: { exit: 0, first: '', always: true },
    pair: 'copy-mutex',
  },
  {
    id: 'lock-during-http',
    group: 'Mistake 5: holding the lock too long',
    title: 'Lock held across http.Get',
    hook: "Every request waits for everyone else's 50 ms network call.",
    kind: 'broken',
    section: 'Common Mistakes — Mistake 5',
    notice:
      'Watch the wait queue and the figures: the second request waits the whole 50 ms of the first.',
    source: lockDuringHttp,
    expected: { exit: 0, first: '', stdout: '2 jobs in 100 ms\n', always: true },
    pair: 'release-first',
  },
  {
    id: 'release-first',
    group: 'Mistake 5: holding the lock too long',
    title: 'Unlock before the slow call',
    hook: 'The map write is locked; the network call is not.',
    kind: 'fixed',
    section: 'Common Mistakes — Mistake 5; Best Practices — Keep Critical Sections Small',
    notice: 'Both calls run at the same time: total time halves.',
    source: releaseFirst,
    expected: { exit: 0, first: '', stdout: '2 jobs in 50 ms\n', always: true },
    pair: 'lock-during-http',
  },
  {
    id: 'helper-locks-again',
    group: 'Pattern 3: a helper that locks again',
    title: 'The helper that locks again',
    hook: 'ComplexOperation holds mu and calls helperMethod, which asks for mu.',
    kind: 'broken',
    section: 'Lock and Unlock Patterns — Pattern 3',
    notice: 'One goroutine waits for itself: a Mutex is not reentrant.',
    source: helperLocksAgain,
    expected: { exit: 2, first: DEADLOCK, always: true },
  },
  {
    id: 'rwmutex-read-twice',
    group: 'RWMutex: a read lock taken twice',
    title: 'RLock twice while a writer arrives',
    hook: 'GetJobs holds RLock and calls Count, which RLocks again.',
    kind: 'broken',
    section: 'Use RWMutex for Read-Heavy Workloads',
    notice:
      'Once the writer waits, new readers wait too — even the goroutine that already holds a read lock.',
    source: readTwice,
    expected: { exit: 2, first: DEADLOCK },
    pair: 'rwmutex-read-once',
  },
  {
    id: 'rwmutex-read-once',
    group: 'RWMutex: a read lock taken twice',
    title: 'One read lock, a locked helper',
    hook: 'Count and GetJobs share countLocked, which assumes the lock is held.',
    kind: 'fixed',
    section: 'Use RWMutex for Read-Heavy Workloads',
    notice: 'The writer waits for one reader, not for a reader waiting on it.',
    source: readOnce,
    expected: { exit: 0, first: '', stdout: '2 jobs\n', always: true },
    pair: 'rwmutex-read-twice',
  },
  {
    id: 'panic-without-defer',
    group: 'Panics in the critical section',
    title: 'A recovered panic leaves mu locked',
    hook: 'The handler recovers, as net/http does — and the next request blocks forever.',
    kind: 'broken',
    section: 'Best Practices — Always Use defer',
    notice: 'The panic skips the manual Unlock; recover saves the goroutine but not the lock.',
    source: panicWithoutDefer,
    expected: { exit: 2, first: DEADLOCK, always: true },
    pair: 'panic-with-defer',
  },
  {
    id: 'panic-with-defer',
    group: 'Panics in the critical section',
    title: 'defer Unlock survives the panic',
    hook: 'The same panic, with defer: the lock is released on the way out.',
    kind: 'fixed',
    section: 'Best Practices — Always Use defer',
    notice: "Deferred calls run while the panic unwinds: Unlock first, then the handler's recover.",
    source: panicWithDefer,
    expected: { exit: 0, first: '', always: true },
    pair: 'panic-without-defer',
  },
  {
    id: 'context-waits',
    group: 'Context and locks',
    title: 'A cancelled request still waits for Lock',
    hook: 'Its context expires after 10 ms; Lock does not care.',
    kind: 'broken',
    section: 'Context in the Storage Layer',
    notice:
      'The request waits 50 ms for mu although its context gave up long before, then writes anyway.',
    source: ctxWaits,
    expected: { exit: 0, first: '', always: true },
    pair: 'context-checks',
  },
  {
    id: 'context-checks',
    group: 'Context and locks',
    title: 'Check ctx.Err() once the lock is held',
    hook: 'Lock still waits, but the request no longer writes for nobody.',
    kind: 'fixed',
    section: 'Context in the Storage Layer',
    notice: 'After Lock returns, ctx.Err() says the caller is gone: the write is skipped.',
    source: ctxChecks,
    expected: { exit: 0, first: '', always: true },
    pair: 'context-waits',
  },
  {
    id: 'lost-update',
    group: 'Lost updates',
    title: 'Read-modify-write in two locked steps',
    hook: 'Every access is locked — and a view still goes missing.',
    kind: 'broken',
    section: 'Best Practices — Protect All Accesses',
    notice:
      'Both goroutines read 0 before either writes 1. No crash, no race report: the lost update is yours to spot.',
    source: lostUpdate,
    expected: { exit: 0, first: '', stdout: 'views: 1\n', lost: true },
    pair: 'lost-update-fixed',
  },
  {
    id: 'lost-update-fixed',
    group: 'Lost updates',
    title: 'Read and write under one Lock',
    hook: 'The increment happens in one critical section.',
    kind: 'fixed',
    section: 'Best Practices — Protect All Accesses',
    notice: 'Every schedule counts both views.',
    source: lostUpdateFixed,
    expected: { exit: 0, first: '', stdout: 'views: 2\n', always: true },
    pair: 'lost-update',
  },
  {
    id: 'lock-order',
    group: 'Lock ordering',
    title: 'Two mutexes, opposite orders',
    hook: 'One move locks pending then running; the other, running then pending.',
    kind: 'broken',
    section: 'Lock and Unlock Patterns — Pattern 3: Multiple Locks',
    notice: 'Each goroutine holds one lock and waits for the other: the classic cycle.',
    source: lockOrder,
    expected: { exit: 2, first: DEADLOCK },
    pair: 'lock-order-fixed',
  },
  {
    id: 'lock-order-fixed',
    group: 'Lock ordering',
    title: 'One global lock order',
    hook: 'Both moves lock the lower-ranked queue first.',
    kind: 'fixed',
    section: 'Lock and Unlock Patterns — Pattern 3: Multiple Locks',
    notice: 'Whoever gets the first lock gets both; the other waits at the first.',
    source: lockOrderFixed,
    expected: { exit: 0, first: '', always: true },
    pair: 'lock-order',
  },
  {
    id: 'starvation',
    group: 'Fairness: starvation mode',
    title: 'Overtaken until starvation mode',
    hook: 'A busy goroutine keeps re-locking; after 1 ms the waiter is served.',
    kind: 'demo',
    section: 'How Mutexes Work',
    notice:
      'The woken waiter loses to the barging goroutine and goes back to the head of the queue — until it has waited 1 ms and the mutex switches to starvation mode.',
    source: starvation,
    expected: { exit: 0, first: '', stdout: 'waiter got the lock after 1.1ms\n' },
  },
  {
    id: 'store-under-load',
    group: 'Under load',
    title: 'The Mutex store under load',
    hook: '64 requests share one lock: watch the queue grow and drain.',
    kind: 'demo',
    section: 'Best Practices — Keep Critical Sections Small',
    notice: "Most goroutines spend their time in mu's wait queue.",
    source: storeUnderLoad,
    expected: { exit: 0, first: '', stdout: '1280 jobs\n', always: true, tooLargeToExplore: true },
  },
  {
    id: 'striped-store',
    group: 'Under load',
    title: 'A lock per shard',
    hook: 'The store split in four, each part with its own mutex: who still waits?',
    kind: 'demo',
    section: 'Best Practices — Keep Critical Sections Small',
    notice:
      'job-0 and job-4 hash to the same shard, so one of them may wait for the other; job-1 has a shard of its own and never waits for them.',
    source: stripedStore,
    expected: { exit: 0, first: '', stdout: '3 jobs\n', always: true },
  },
  {
    id: 'atomic-half',
    group: 'Beyond the mutex: sync/atomic',
    title: 'A counter, half atomic',
    hook: 'One goroutine adds atomically, the other with hits++.',
    kind: 'broken',
    section: '',
    notice:
      'hits++ reads, then writes: the atomic add can land in between and be overwritten. Under -race it is reported too.',
    source: atomicHalf,
    expected: { exit: 0, first: '', stdout: 'hits: 1\n', lost: true },
    pair: 'atomic-all',
  },
  {
    id: 'atomic-all',
    group: 'Beyond the mutex: sync/atomic',
    title: 'Every access atomic',
    hook: 'Both goroutines use atomic.AddInt64: no lock, no lost hit.',
    kind: 'fixed',
    section: '',
    notice: 'Each add is one indivisible step, so every schedule counts both hits.',
    source: atomicAll,
    expected: { exit: 0, first: '', stdout: 'hits: 2\n', always: true },
    pair: 'atomic-half',
  },
  {
    id: 'config-plain-pointer',
    group: 'Beyond the mutex: atomic.Pointer',
    title: 'Swapping a config through a plain pointer',
    hook: 'One goroutine replaces the config while another reads it.',
    kind: 'broken',
    section: '',
    notice:
      'Nothing crashes and the program prints the new config, but the read and the write of current are not ordered: under every schedule the race detector reports them.',
    source: configPlainPointer,
    expected: { exit: 66, first: 'WARNING: DATA RACE', race: true, always: true },
    pair: 'config-atomic-pointer',
  },
  {
    id: 'config-atomic-pointer',
    group: 'Beyond the mutex: atomic.Pointer',
    title: 'Swapping a config with atomic.Pointer',
    hook: 'current.Store and current.Load: no lock, no race.',
    kind: 'fixed',
    section: '',
    notice:
      'Store and Load are one step each: a reader gets the old config or the new one, never half of each, and the store orders the new config’s fields before the reader sees them.',
    source: configAtomicPointer,
    expected: { exit: 0, first: '', stdout: 'config: large\n', race: true, always: true },
    pair: 'config-plain-pointer',
  },
  {
    id: 'lazy-nil-check',
    group: 'Beyond the mutex: sync.Once',
    title: 'Making the map on first use, with a nil check',
    hook: 'Three CreateJob calls find no map yet, and each makes one.',
    kind: 'broken',
    section: '',
    notice:
      'Every goroutine checks before the first has finished making the map, so each makes its own: jobs written into a map that is then replaced are lost.',
    source: lazyNilCheck,
    expected: {
      exit: 0,
      first: '',
      stdout: 'made the map\nmade the map\nmade the map\n1 jobs\n',
      lost: true,
    },
    pair: 'lazy-once',
  },
  {
    id: 'lazy-once',
    group: 'Beyond the mutex: sync.Once',
    title: 'Making the map once, with sync.Once',
    hook: 'once.Do runs the set-up once; the others wait for it.',
    kind: 'fixed',
    section: '',
    notice:
      "The goroutine that runs f holds the Once's mutex (once.m); the others queue for it, then find the map made.",
    source: lazyOnce,
    expected: { exit: 0, first: '', stdout: 'made the map\n3 jobs\n', always: true },
    pair: 'lazy-nil-check',
  },
  {
    id: 'cond-if',
    group: 'Beyond the mutex: sync.Cond',
    title: 'Waiting for a job with if',
    hook: 'A taker woken by Signal finds the job already gone.',
    kind: 'broken',
    section: '',
    notice:
      'Signal wakes a taker, but it must take the lock again before Wait returns: another taker can get there first and take the job. The woken one does not look again.',
    source: condIf,
    expected: {
      exit: 2,
      first: 'panic: runtime error: index out of range [0] with length 0',
    },
    pair: 'cond-for',
  },
  {
    id: 'cond-for',
    group: 'Beyond the mutex: sync.Cond',
    title: 'Waiting for a job in a for loop',
    hook: 'for len(q.jobs) == 0 { q.cond.Wait() }: look again after every wake-up.',
    kind: 'fixed',
    section: '',
    notice:
      'Wait unlocks q.mu and sleeps (drawn in the Cond, with its tickets); Signal wakes one taker, which locks q.mu again and looks at the queue before taking a job.',
    source: condFor,
    expected: { exit: 0, first: '', stdout: 'took [a b]\n', always: true },
    pair: 'cond-if',
  },
  {
    id: 'scratch',
    group: 'Your own program',
    title: 'Write your own',
    hook: 'A small counter to start from: edit it, break it, fix it.',
    kind: 'demo',
    section: 'Using Mutexes in Our Store',
    notice: 'Press "Edit code" to change the program; your edits are kept in this browser.',
    source: scratch,
    expected: { exit: 0, first: '', stdout: '3 hits\n', always: true },
  },
];

/** A program that is not in the catalogue (opened from a share link or an embed). */
/** The id of a program that came with a link or a host page, not from the catalogue. */
export const CUSTOM_ID = 'custom';

export function customScenario(source: string): Scenario {
  return {
    id: CUSTOM_ID,
    group: 'Your own program',
    title: 'A shared program',
    hook: 'A program someone shared with you.',
    kind: 'demo',
    section: '',
    notice: 'This program came with the link. Edit it freely: your copy is kept in this browser.',
    source,
    expected: { exit: 0, first: '' },
  };
}

export const DEFAULT_SCENARIO = SCENARIOS[0] as Scenario;

export function scenarioById(id: string | null): Scenario | null {
  return SCENARIOS.find((s) => s.id === id) ?? null;
}

/** The groups, in the tutorial's order. */
export function groups(): { readonly name: string; readonly scenarios: readonly Scenario[] }[] {
  const out: { name: string; scenarios: Scenario[] }[] = [];
  for (const s of SCENARIOS) {
    const g = out.find((x) => x.name === s.group);
    if (g) g.scenarios.push(s);
    else out.push({ name: s.group, scenarios: [s] });
  }
  return out;
}
