/**
 * One catalogue of messages: the Go runtime's texts, verbatim (runtime/map.go, sync/mutex.go,
 * sync/rwmutex.go, sync/waitgroup.go, runtime/proc.go, runtime/panic.go), and Interleave's own
 * words for limits and diagnoses beside them.
 */

export const GO = {
  concurrentMapWrites: 'concurrent map writes',
  concurrentMapReadWrite: 'concurrent map read and map write',
  concurrentMapIterWrite: 'concurrent map iteration and map write',
  concurrentMapCloneWrite: 'concurrent map clone and map write',
  unlockOfUnlockedMutex: 'sync: unlock of unlocked mutex',
  runlockOfUnlockedRW: 'sync: RUnlock of unlocked RWMutex',
  unlockOfUnlockedRW: 'sync: Unlock of unlocked RWMutex',
  negativeWaitGroup: 'sync: negative WaitGroup counter',
  deadlock: 'all goroutines are asleep - deadlock!',
  nilMapWrite: 'assignment to entry in nil map',
  sendOnClosedChannel: 'send on closed channel',
  closeOfClosedChannel: 'close of closed channel',
  closeOfNilChannel: 'close of nil channel',
  makechanSize: 'makechan: size out of range',
  /** time/tick.go's panics (strings, as the package raises them) */
  tickerInterval: 'non-positive interval for NewTicker',
  tickerReset: 'non-positive interval for Ticker.Reset',
  nilDeref: 'runtime error: invalid memory address or nil pointer dereference',
  nilDerefSignal: '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]',
  divideByZero: 'runtime error: integer divide by zero',
  negativeShift: 'runtime error: negative shift amount',
  stackOverflow: 'stack overflow',
  stackExceeded: 'runtime: goroutine stack exceeds 1000000000-byte limit',
  contextCanceled: 'context canceled',
  deadlineExceeded: 'context deadline exceeded',
} as const;

export function indexOutOfRange(i: number, len: number): string {
  return `runtime error: index out of range [${i}] with length ${len}`;
}

export function sliceOutOfRange(detail: string): string {
  return `runtime error: slice bounds out of range ${detail}`;
}

/** The limits every run has, so a runaway program stops politely instead of freezing a tab. */
export interface Limits {
  readonly steps: number;
  readonly goroutines: number;
  readonly heapObjects: number;
  readonly mapEntries: number;
  readonly sliceLength: number;
  readonly outputBytes: number;
  /** the longest string a program may make (strings.Repeat, +) */
  readonly stringBytes: number;
  readonly frames: number;
  /** virtual time, in nanoseconds */
  readonly time: number;
  readonly instructionsPerStep: number;
  /**
   * where JavaScript numbers stop being exact integers (2^53 - 1): past it, a library function
   * that computes in numbers, or an instant far from 2000, stops the run (Go's own integers
   * are exact to 2^63 here: see int64.ts)
   */
  readonly exactInteger: number;
}

export const DEFAULT_LIMITS: Limits = {
  steps: 1_000_000,
  goroutines: 10_000,
  heapObjects: 2_000_000,
  mapEntries: 100_000,
  sliceLength: 1_000_000,
  outputBytes: 1_000_000,
  stringBytes: 16_000_000,
  frames: 10_000,
  time: 24 * 3600 * 1e9,
  instructionsPerStep: 100_000,
  exactInteger: Number.MAX_SAFE_INTEGER,
};

export type LimitName = keyof Limits;

export function limitMessage(name: LimitName, limits: Limits): string {
  const n = limits[name].toLocaleString('en-US');
  switch (name) {
    case 'steps':
      return `interleave: stopped after ${n} steps (the step budget); the program may never end`;
    case 'goroutines':
      return `interleave: stopped: more than ${n} goroutines (the goroutine limit)`;
    case 'heapObjects':
      return `interleave: stopped: more than ${n} live objects (the memory limit)`;
    case 'mapEntries':
      return `interleave: stopped: a map grew past ${n} entries (the map size limit)`;
    case 'sliceLength':
      return `interleave: stopped: a slice grew past ${n} elements (the slice size limit)`;
    case 'outputBytes':
      return `interleave: stopped: the program printed more than ${n} bytes (the output limit)`;
    case 'stringBytes':
      return `interleave: stopped: a string grew past ${n} bytes (the string size limit)`;
    case 'frames':
      return `interleave: stopped: more than ${n} nested calls`;
    case 'time':
      return `interleave: stopped: virtual time passed ${limits.time / 3.6e12} hours (the time limit); the program may never end`;
    case 'instructionsPerStep':
      return `interleave: stopped: one step ran more than ${n} instructions`;
    case 'exactInteger':
      return `interleave: stopped: a number went past ${n} (2^53 - 1), where this part of Interleave stops being exact`;
  }
}

/**
 * Who Go says started a goroutine for a timer (time.AfterFunc's f): time.goFunc, at this line
 * of Go's time/sleep.go (215 in tracebacks of recent releases quoted in public issues, up to
 * 1.26; 168 to 176 in older ones; Go 1.23's own not seen, nor measured here), in no goroutine of
 * the program's.
 */
export const TIMER_GOFUNC = 'time.goFunc';
export const TIMER_GOFUNC_AT = { line: 215, col: 0 } as const;
export const TIMER_GOFUNC_FILE = '/usr/local/go/src/time/sleep.go';

/**
 * Who Go says started context.AfterFunc's f: the function afterFuncCtx.cancel hands to its
 * sync.Once, at this line of context/context.go (358 in a Go 1.26 race report quoted in public
 * code; Go 1.23's own not seen, nor measured here), in the goroutine that cancelled (none for
 * a deadline, which the runtime's timer reaches).
 */
export const AFTERFUNC_CANCEL = 'context.(*afterFuncCtx).cancel.func1';
export const AFTERFUNC_CANCEL_AT = { line: 358, col: 0 } as const;
const CONTEXT_FILE = '/usr/local/go/src/context/context.go';

/** The Go source file a goroutine's creator is in, for a library's (else the program's). */
export function creatorFile(createdIn: string | null): string | null {
  return createdIn === TIMER_GOFUNC
    ? TIMER_GOFUNC_FILE
    : createdIn === AFTERFUNC_CANCEL
      ? CONTEXT_FILE
      : null;
}
