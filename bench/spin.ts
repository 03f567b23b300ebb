/**
 * SPIN 6.5.2 on bench/models/spin.pml (the Promela twin of bench/models/spin.go), measured on
 * this machine for bench/run.ts, so that "half of SPIN's states per second" (issue #5) is a
 * figure measured beside Interleave's, not one quoted from elsewhere. Needs `spin` and a C
 * compiler (`apt-get install spin`); without them the bench says so and goes on.
 *
 * Each model is generated (`spin -a`), built and run in a temporary folder: with SPIN's
 * partial-order reduction (for its state count), and without it (for its states per second,
 * as issue #5 quotes SPIN), built both as SPIN's manual builds it (`cc -o pan pan.c`) and with
 * `-O2`. pan's own timer counts in 10 ms, too coarse for a search of 30 ms, so the time is
 * taken around it: the median of `reps` runs, less the median of as many runs that stop at
 * once (`-m1`, a depth limit of one move), which pay what a run pays to start and stop (pan
 * clears a 128 MB table first). pan's own figure is kept beside it as a check.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PanRun {
  readonly states: number;
  readonly transitions: number;
  /**
   * the search, in seconds: a run's median time less a run's that stops at once; or pan's own
   * timer when that difference is lost in the noise (`byPan`)
   */
  readonly seconds: number;
  readonly byPan: boolean;
  /** pan's own timer, in seconds (0: under its 10 ms resolution) */
  readonly panSeconds: number;
}

export interface SpinFigures {
  readonly n: number;
  readonly k: number;
  /** with partial-order reduction (SPIN's default) */
  readonly reduced: PanRun;
  /** without it (-DNOREDUCE), built as the manual builds pan, and with -O2 */
  readonly full: PanRun;
  readonly fullO2: PanRun;
}

const MODEL = fileURLToPath(new URL('./models/spin.pml', import.meta.url));

function run(cmd: string, args: readonly string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Why SPIN cannot be measured here, or null if it can. */
export function spinMissing(): string | null {
  for (const [cmd, arg] of [
    ['spin', '-V'],
    ['cc', '--version'],
  ] as const) {
    try {
      run(cmd, [arg], tmpdir());
    } catch {
      return `\`${cmd}\` not found (apt-get install spin gcc)`;
    }
  }
  return null;
}

/** What one pan run printed, read; it must have found no error. */
function readPan(out: string): Omit<PanRun, 'seconds' | 'byPan'> {
  const num = (re: RegExp) => {
    const m = re.exec(out);
    if (!m) throw new Error(`pan's output lacks ${String(re)}:\n${out}`);
    return Number(m[1]);
  };
  if (num(/errors: (\d+)/) !== 0) throw new Error(`pan found an error:\n${out}`);
  return {
    states: num(/(\d+) states, stored/),
    transitions: num(/(\d+) transitions \(= stored\+matched\)/),
    panSeconds: num(/elapsed time ([\d.e+-]+) seconds/),
  };
}

export function spinFigures(n: number, k: number, reps: number): SpinFigures {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-spin-'));
  try {
    run('spin', [`-DN=${n}`, `-DK=${k}`, '-a', MODEL], dir);
    const build = (out: string, flags: readonly string[]) =>
      run('cc', [...flags, '-o', out, 'pan.c'], dir);
    build('pan', []);
    build('pan-full', ['-DNOREDUCE']);
    build('pan-full-o2', ['-O2', '-DNOREDUCE']);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
    const measure = (bin: string): PanRun => {
      const timed = (args: readonly string[]) => {
        const t0 = performance.now();
        const out = run(join(dir, bin), args, dir);
        return [out, (performance.now() - t0) / 1000] as const;
      };
      const whole: number[] = [];
      const start: number[] = [];
      const pan: number[] = [];
      let read: Omit<PanRun, 'seconds' | 'byPan'> | null = null;
      for (let i = 0; i < reps; i++) {
        const [out, s] = timed([]);
        read = readPan(out);
        whole.push(s);
        pan.push(read.panSeconds);
        start.push(timed(['-m1'])[1]);
      }
      // (a search of a few tens of milliseconds can come out at or below what starting pan
      // takes, which varies as much: then pan's own timer, coarse as it is, is the better figure)
      const diff = median(whole) - median(start);
      const panSeconds = median(pan);
      const byPan = diff < panSeconds / 2;
      return {
        ...(read as Omit<PanRun, 'seconds' | 'byPan'>),
        seconds: byPan ? panSeconds : diff,
        byPan,
        panSeconds,
      };
    };
    return {
      n,
      k,
      reduced: measure('pan'),
      full: measure('pan-full'),
      fullO2: measure('pan-full-o2'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
