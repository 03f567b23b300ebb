/**
 * SPIN 6.5.2 on bench/models/spin.pml (the Promela twin of bench/models/spin.go), measured on
 * this machine for bench/run.ts, so that "half of SPIN's states per second" (issue #5) is a
 * figure measured beside Interleave's, not one quoted from elsewhere. Needs `spin` and a C
 * compiler (`apt-get install spin`); without them the bench says so and goes on.
 *
 * Each model is generated (`spin -a`), built and run in a temporary folder: with SPIN's
 * partial-order reduction (for its state count), and without it (for its states per second,
 * as issue #5 quotes SPIN), built both as SPIN's manual builds it (`cc -o pan pan.c`) and with
 * `-O2`. The time is pan's own ("elapsed time", 10 ms resolution), the median of `reps` runs
 * (the fastest would favour a run its coarse timer happened to round down).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PanRun {
  readonly states: number;
  readonly transitions: number;
  /** pan's own timer, in seconds (0: under its 10 ms resolution) */
  readonly seconds: number;
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
export function readPan(out: string): PanRun {
  const num = (re: RegExp) => {
    const m = re.exec(out);
    if (!m) throw new Error(`pan's output lacks ${String(re)}:\n${out}`);
    return Number(m[1]);
  };
  if (num(/errors: (\d+)/) !== 0) throw new Error(`pan found an error:\n${out}`);
  return {
    states: num(/(\d+) states, stored/),
    transitions: num(/(\d+) transitions \(= stored\+matched\)/),
    seconds: num(/elapsed time ([\d.e+-]+) seconds/),
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
    const median = (bin: string) => {
      const runs: PanRun[] = [];
      for (let i = 0; i < reps; i++) runs.push(readPan(run(join(dir, bin), [], dir)));
      runs.sort((a, b) => a.seconds - b.seconds);
      return runs[Math.floor((reps - 1) / 2)] as PanRun;
    };
    return {
      n,
      k,
      reduced: median('pan'),
      full: median('pan-full'),
      fullO2: median('pan-full-o2'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
