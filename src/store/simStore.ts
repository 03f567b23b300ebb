/**
 * One store per mounted simulator (never a module singleton), holding what the UI draws:
 * the compiled program, the current snapshot, playback settings and the run's history. The
 * machine itself and its checkpoints live beside the store, not in React state; components
 * subscribe narrowly and event handlers read with getState().
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { compileGo, Machine, type Diagnostic, type EngineEvent, type Program } from '../engine';
import { caseAt } from '../engine/runtime/sched';
import {
  pictureNames,
  snapshot,
  type GoroutineState,
  type Snapshot,
} from '../engine/runtime/snapshot';
import { CHECKPOINT_EVERY, History } from './history';
import { narrate } from './narrate';

/** A program that never ends stops politely after this many steps in the page. */
export const UI_STEP_BUDGET = 200_000;

export type Speed = 1 | 2 | 5 | 10 | 30 | 100 | 1000 | 'max';
export const SPEEDS: readonly Speed[] = [1, 2, 5, 10, 30, 100, 1000, 'max'];

export interface SimProps {
  readonly source: string;
  readonly seed?: number;
  readonly speed?: Speed;
  readonly fileName?: string;
  /** run with the race detector, as `go run -race` */
  readonly race?: boolean;
}

export interface SimState {
  readonly source: string;
  readonly program: Program | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly seed: number;
  readonly race: boolean;
  readonly snapshot: Snapshot | null;
  /** the furthest step this run has been to (the scrubber's end) */
  readonly total: number;
  readonly playing: boolean;
  readonly speed: Speed;
  /** the learner picks who runs next */
  readonly manual: boolean;
  /** events of the step just taken */
  readonly events: readonly EngineEvent[];
  /** a sentence about the step just taken, for the live region */
  readonly narration: string;
  /** bumped whenever the history changes, so the timeline can redraw */
  readonly historyVersion: number;
  readonly notice: string | null;
  /** the learner is the scheduler and tries to make this happen */
  readonly challenge: Challenge | null;
  /** a guided tour: the captions are shown large and the learner steps with → */
  readonly guided: boolean;
  /**
   * while the learner picks who runs: the goroutines whose next step is a select with two or
   * more ready cases, and those cases (the learner may pick the case too)
   */
  readonly offers: readonly SelectOffer[];
}

/** A runnable goroutine whose next step is a select that could take any of several cases. */
export interface SelectOffer {
  readonly g: number;
  /** the ready cases, in source order: number (from 1) and words (`receive from jobs`) */
  readonly cases: readonly { readonly c: number; readonly label: string }[];
}

export interface Challenge {
  readonly goal: { readonly exit: number; readonly first: string; readonly stdout?: string };
  readonly won: boolean;
  /** steps the learner needed */
  readonly steps: number;
}

export interface SimActions {
  load(source: string): void;
  restart(): void;
  setSeed(seed: number): void;
  setRace(race: boolean): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: Speed): void;
  faster(): void;
  slower(): void;
  setManual(manual: boolean): void;
  /** one step (a sub-step of a statement) */
  step(): void;
  /** steps until the goroutine that moves next finishes its statement */
  stepStatement(): void;
  back(): void;
  /** rewind or replay to step n */
  seek(n: number): void;
  /** run goroutine g next (manual scheduling); at a select with several ready cases, case c */
  choose(g: number, c?: number): void;
  /**
   * Advance by up to `steps` steps or until `deadline()` says stop; returns steps taken.
   * With `publish: false` the picture is not redrawn (the run loop draws at most once a frame).
   */
  advance(steps: number, deadline: () => boolean, publish?: boolean): number;
  /** redraw from the machine as it is now */
  publish(): void;
  history(): History;
  machine(): Machine | null;
  /** restart and follow this schedule (the explorer's format), then the usual policy */
  loadSchedule(schedule: readonly number[]): void;
  /** restart, follow the schedule and stop at step n (a shared moment) */
  openMoment(schedule: readonly number[], step: number): void;
  startChallenge(goal: Challenge['goal']): void;
  setGuided(on: boolean): void;
  endChallenge(): void;
}

export type SimStore = StoreApi<SimState & SimActions>;

const NO_OFFERS: readonly SelectOffer[] = [];

export function createSimStore(props: SimProps): SimStore {
  let machine: Machine | null = null;
  let history = new History();
  /**
   * a schedule to follow (goroutine ids at the steps where several could run, and the cases
   * selects take: see Scheduler)
   */
  let plan: readonly number[] = [];
  let planAt = 0;
  const fileName = props.fileName ?? 'main.go';

  const store = createStore<SimState & SimActions>()((set, get) => {
    const fresh = (program: Program, seed: number): Machine =>
      new Machine(program, {
        seed,
        record: true,
        fileName,
        race: get().race,
        limits: { steps: UI_STEP_BUDGET },
      });

    /**
     * Take one step with goroutine g (already checked runnable); at a select with several
     * ready cases, case c if given, else the one the schedule names, else the seed's.
     */
    const stepWith = (g: number, c = 0): void => {
      const m = machine as Machine;
      const n = m.steps;
      const info = m.nextStep(g);
      const prev = m.lastG;
      history.branch[n] = m.runnableCount > 1;
      // a select's case the schedule names, right after the goroutine that runs it
      const planned = caseAt(plan, planAt);
      m.choose(c || planned);
      m.step(g);
      const took = m.took;
      if (took?.refused) plan = [];
      else if (took && planned) planAt++;
      history.cases[n] = took ? took.c : 0;
      history.choices[n] = g;
      const ev = m.events.slice();
      history.events[n] = ev;
      history.steps[n] = { g, line: info.pos.line, label: info.label, now: m.now };
      // only the goroutines this step may have changed: the one that ran, the one that ran
      // before it (no longer running), and those the machine says it started or moved
      recordState(history, m, g);
      if (prev !== g && prev > 0) recordState(history, m, prev);
      for (const id of m.changed) recordState(history, m, id);
      history.recorded(n + 1);
      recordHolds(history, ev, n + 1, m.now);
      for (const e of ev) if (e.t === 'lost-update') history.lost.push({ step: n + 1, event: e });
      if ((n + 1) % CHECKPOINT_EVERY === 0 && !history.checkpoints[(n + 1) / CHECKPOINT_EVERY])
        history.checkpoints[(n + 1) / CHECKPOINT_EVERY] = m.fork();
    };

    /** Who moves at the current step: the recorded choice when replaying, else the policy. */
    const nextChoice = (): number | null => {
      const m = machine;
      if (!m || m.outcome) return null;
      const n = m.runnableCount;
      const recorded = history.choices[m.steps];
      if (recorded !== undefined && m.isRunnable(recorded)) return recorded;
      if (recorded !== undefined) history.truncate(m.steps);
      if (n === 0) return null;
      if (n === 1) return m.nthRunnable(0);
      if (planAt < plan.length) {
        const g = plan[planAt] as number;
        if (m.isRunnable(g)) {
          planAt++;
          return g;
        }
        plan = [];
      }
      if (get().manual) return null;
      return m.nthRunnable(m.schedDraw() % n);
    };

    /**
     * The goroutines whose next step is a select with several ready cases, and the cases
     * (worked out by taking that step on a copy of the machine).
     */
    const offers = (m: Machine): SelectOffer[] => {
      const out: SelectOffer[] = [];
      if (m.outcome) return out;
      for (const g of m.runnable()) {
        const f = m.fork();
        f.choose(0);
        f.step(g);
        const took = f.took;
        const ev = f.events.find((e) => e.t === 'select');
        if (!took || ev?.t !== 'select') continue;
        out.push({
          g,
          cases: took.ready.map((c, i) => ({ c, label: ev.ready[i] ?? `case ${c}` })),
        });
      }
      return out;
    };

    const publish = (extra: Partial<SimState> = {}): void => {
      const m = machine;
      if (!m) return;
      const events = history.events[m.steps - 1] ?? [];
      const snap = snapshot(m);
      set({
        snapshot: snap,
        total: Math.max(history.choices.length, m.steps),
        events,
        narration:
          m.steps === 0
            ? 'Ready: main is about to start.'
            : narrate(
                m,
                events,
                history.choices[m.steps - 1] ?? 0,
                history.steps[m.steps - 1]?.line ?? 0,
                pictureNames(snap),
              ),
        historyVersion: get().historyVersion + 1,
        offers: (extra.manual ?? get().manual) ? offers(m) : NO_OFFERS,
        ...extra,
      });
      if (m.outcome && get().playing) set({ playing: false });
      const c = get().challenge;
      if (c && !c.won && m.outcome) {
        const o = m.outcome;
        const won =
          o.code === c.goal.exit &&
          o.first === c.goal.first &&
          (c.goal.stdout === undefined || m.stdout === c.goal.stdout);
        set({ challenge: { ...c, won, steps: m.steps } });
      }
    };

    const start = (program: Program, seed: number, schedule: readonly number[] = []): void => {
      machine = fresh(program, seed);
      history = new History();
      plan = schedule;
      planAt = 0;
      history.checkpoints[0] = machine.fork();
      publish({ playing: false });
    };

    const initial = compileGo(props.source);
    const state: SimState & SimActions = {
      source: props.source,
      program: initial.ok ? initial.program : null,
      diagnostics: initial.ok ? [] : initial.diagnostics,
      seed: props.seed ?? 1,
      race: props.race ?? false,
      snapshot: null,
      total: 0,
      playing: false,
      speed: props.speed ?? 5,
      manual: false,
      events: [],
      narration: initial.ok ? '' : notCompiled(initial.diagnostics),
      historyVersion: 0,
      notice: null,
      challenge: null,
      guided: false,
      offers: NO_OFFERS,

      load(source) {
        const c = compileGo(source);
        if (!c.ok) {
          machine = null;
          set({
            source,
            program: null,
            diagnostics: c.diagnostics,
            snapshot: null,
            playing: false,
            narration: notCompiled(c.diagnostics),
            events: [],
          });
          return;
        }
        set({ source, program: c.program, diagnostics: [] });
        start(c.program, get().seed);
      },
      restart() {
        const p = get().program;
        if (p) start(p, get().seed);
      },
      setSeed(seed) {
        set({ seed });
        get().restart();
      },
      setRace(race) {
        set({ race });
        get().restart();
      },
      play() {
        if (machine && !machine.outcome) set({ playing: true });
      },
      pause() {
        set({ playing: false });
      },
      togglePlay() {
        if (get().playing) get().pause();
        else get().play();
      },
      setSpeed(speed) {
        set({ speed });
      },
      faster() {
        const i = SPEEDS.indexOf(get().speed);
        set({ speed: SPEEDS[Math.min(SPEEDS.length - 1, i + 1)] as Speed });
      },
      slower() {
        const i = SPEEDS.indexOf(get().speed);
        set({ speed: SPEEDS[Math.max(0, i - 1)] as Speed });
      },
      setManual(manual) {
        set({ manual, playing: manual ? false : get().playing });
        publish();
      },
      step() {
        const g = nextChoice();
        if (g === null) return;
        stepWith(g);
        publish();
      },
      stepStatement() {
        const m = machine;
        const first = nextChoice();
        if (!m || first === null) return;
        stepWith(first);
        for (let i = 0; i < 1000 && !m.outcome; i++) {
          const st = m.g(first).st;
          if (st !== 'runnable') break;
          if (m.nextStep(first).label === 'statement') break;
          const g = nextChoice();
          if (g === null) break;
          stepWith(g);
        }
        publish();
      },
      back() {
        if (machine && machine.steps > 0) get().seek(machine.steps - 1);
      },
      seek(n) {
        const m0 = machine;
        if (!m0) return;
        const target = Math.max(0, n);
        const recorded = history.choices.length;
        if (target < m0.steps || Math.min(target, recorded) - m0.steps > CHECKPOINT_EVERY) {
          const cp = Math.min(
            Math.floor(Math.min(target, recorded) / CHECKPOINT_EVERY),
            history.checkpoints.length - 1,
          );
          let base = cp;
          while (base > 0 && !history.checkpoints[base]) base--;
          machine = (history.checkpoints[base] as Machine).fork();
        }
        const m = machine as Machine;
        // replay what was recorded, then (seeking past the end) keep running as Play would
        while (m.steps < target && m.steps < recorded && !m.outcome) {
          m.choose(history.cases[m.steps] ?? 0);
          m.step(history.choices[m.steps] as number);
        }
        while (m.steps < target && !m.outcome) {
          const g = nextChoice();
          if (g === null) break;
          stepWith(g);
        }
        publish({ playing: false });
      },
      choose(g, c = 0) {
        const m = machine;
        if (!m || m.outcome || !m.runnable().includes(g)) return;
        if (history.choices[m.steps] !== g || (c && history.cases[m.steps] !== c))
          history.truncate(m.steps);
        stepWith(g, c);
        publish();
      },
      publish() {
        publish();
      },
      advance(steps, deadline, doPublish = true) {
        const m = machine;
        if (!m) return 0;
        let n = 0;
        while (n < steps && !m.outcome) {
          const g = nextChoice();
          if (g === null) break;
          stepWith(g);
          n++;
          if ((n & 31) === 0 && deadline()) break;
        }
        if (n > 0 && (doPublish || m.outcome)) publish();
        return n;
      },
      history: () => history,
      machine: () => machine,
      loadSchedule(schedule) {
        const p = get().program;
        if (p) start(p, get().seed, schedule);
      },
      openMoment(schedule, step) {
        const p = get().program;
        if (!p) return;
        start(p, get().seed, schedule);
        const m = machine as Machine;
        while (m.steps < step && !m.outcome) {
          const g = nextChoice();
          if (g === null) break;
          stepWith(g);
        }
        publish({ playing: false });
      },
      setGuided(on) {
        set({ guided: on, playing: false });
      },
      startChallenge(goal) {
        set({ challenge: { goal, won: false, steps: 0 }, manual: true, playing: false });
        get().restart();
      },
      endChallenge() {
        set({ challenge: null, manual: false, offers: NO_OFFERS });
      },
    };
    return state;
  });
  store.getState().restart();
  return store;
}

/** Goroutine id's state after the machine's last step, in the timeline. */
function recordState(h: History, m: Machine, id: number): void {
  h.recordState(m.steps, id, stateOf(m, id), m.g(id).reason);
}

function stateOf(m: Machine, id: number): GoroutineState {
  const g = m.g(id);
  if (g.st === 'runnable' && id === m.lastG && !m.outcome) return 'running';
  return g.st;
}

function recordHolds(h: History, events: readonly EngineEvent[], step: number, now: number): void {
  for (const e of events) {
    if (e.t === 'acquire')
      h.holds.push({
        obj: e.obj,
        lock: e.name,
        g: e.g,
        from: step,
        to: -1,
        fromTime: now,
        toTime: -1,
        mode: e.mode,
      });
    else if (e.t === 'release') {
      for (let i = h.holds.length - 1; i >= 0; i--) {
        const s = h.holds[i];
        if (
          s &&
          s.obj === e.obj &&
          s.mode === e.mode &&
          s.to < 0 &&
          (s.g === e.g || e.mode === 'lock')
        ) {
          s.to = step;
          s.toTime = now;
          break;
        }
      }
    }
  }
}

/** What the narration says while the program does not compile (nothing can run). */
function notCompiled(diagnostics: readonly Diagnostic[]): string {
  const d = diagnostics[0];
  if (!d) return '';
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
  const what =
    d.kind === 'unsupported' ? 'uses something Interleave does not simulate' : 'does not compile';
  return `The program ${what}: line ${d.pos.line}, column ${d.pos.col}${more}, marked in the code. Nothing can run until it is fixed.`;
}
