/**
 * `interleave run|explore|vet FILE.go`: Go's behaviour without a browser, so the engine can
 * be checked against real Go programs and teachers can check exercises.
 */
import { readFileSync } from 'node:fs';
import { resolve, basename } from 'node:path';
import {
  compileGo,
  formatDiagnostic,
  formatSchedule,
  parseSchedule,
  runProgram,
  ScheduleError,
  type Program,
} from '../engine';
import { check, explore } from '../engine/explore/explore';
import { diagnose } from '../engine/runtime/diagnose';

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
}

const USAGE = `usage:
  interleave run FILE.go [--seed N] [--race] [--schedule 1,6,6,c2,7] [--policy random|roundrobin] [--max-steps N] [--explain]
  interleave explore FILE.go [--race] [--json] [--proof] [--max-states N] [--max-depth N] [--seed N]
      --proof: cover every schedule in fewer states, depth first; a schedule shown may be longer than the shortest
  interleave vet FILE.go
`;

interface Args {
  readonly cmd: string;
  readonly file: string;
  readonly flags: Map<string, string | true>;
}

const BOOLEAN_FLAGS = new Set(['race', 'json', 'explain', 'proof']);

function parseArgs(argv: readonly string[]): Args | string {
  const [cmd, ...rest] = argv;
  if (cmd === '-h' || cmd === '--help' || cmd === 'help') return USAGE;
  // (no command at all is a mistake, as for `go`: the usage on stderr, exit 2)
  if (!cmd) return `interleave: no command\n${USAGE}`;
  const flags = new Map<string, string | true>();
  let file: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
      else {
        const v = inline ?? rest[++i];
        if (v === undefined) return `interleave: flag --${name} needs a value\n${USAGE}`;
        flags.set(name, v);
      }
    } else if (file === null) file = a;
    else return `interleave: unexpected argument ${a}\n${USAGE}`;
  }
  if (!['run', 'explore', 'vet'].includes(cmd))
    return `interleave: unknown command ${cmd}\n${USAGE}`;
  if (!file) return `interleave: ${cmd} needs a Go file\n${USAGE}`;
  return { cmd, file, flags };
}

function intFlag(flags: Map<string, string | true>, name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined || v === true) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`interleave: --${name} must be a non-negative integer, not ${v}`);
  return n;
}

class UsageError extends Error {}

/** Compile, printing errors as `go run` does (`# command-line-arguments` then `./file:line:col: msg`). */
function load(path: string, io: Io): Program | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    io.err(`interleave: cannot read ${path}\n`);
    return null;
  }
  const c = compileGo(text);
  if (!c.ok) {
    io.err('# command-line-arguments\n');
    for (const d of c.diagnostics) io.err(`${formatDiagnostic(`./${basename(path)}`, d)}\n`);
    return null;
  }
  return c.program;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    (args === USAGE ? io.out : io.err)(args);
    return args === USAGE ? 0 : 2;
  }
  try {
    const path = resolve(io.cwd, args.file);
    const program = load(path, io);
    if (!program) return 1;
    if (args.cmd === 'vet') return vet(program, path, io);
    if (args.cmd === 'explore') return exploreCmd(program, path, args, io);
    return run(program, path, args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function run(program: Program, path: string, args: Args, io: Io): number {
  const schedule = args.flags.get('schedule');
  const list = typeof schedule === 'string' ? parseSchedule(schedule) : [];
  if (!list)
    throw new UsageError(
      `interleave: --schedule takes goroutine ids separated by commas, like 1,6,6,7, and c2 for the second case of a select that could take several`,
    );
  const policy = args.flags.get('policy') ?? 'random';
  if (policy !== 'random' && policy !== 'roundrobin')
    throw new UsageError('interleave: --policy is random or roundrobin');
  const maxSteps = intFlag(args.flags, 'max-steps');
  try {
    const r = runProgram(program, {
      seed: intFlag(args.flags, 'seed') ?? 1,
      race: args.flags.has('race'),
      schedule: list,
      policy,
      fileName: path,
      ...(maxSteps !== undefined ? { limits: { steps: maxSteps } } : {}),
    });
    io.out(r.stdout);
    io.err(r.stderr);
    if (r.outcome.code !== 0) io.err(`exit status ${r.outcome.code}\n`);
    if (args.flags.has('explain')) {
      // Interleave's own words, after Go's: what happened, the cycle, and the fix
      const d = diagnose(r.machine);
      if (d)
        io.err(
          `\ninterleave: ${d.title}\n  ${d.what}\n  Why: ${d.why}\n${d.fix ? `  Fix: ${d.fix}\n` : ''}`,
        );
    }
    return r.outcome.code;
  } catch (e) {
    if (e instanceof ScheduleError) {
      io.err(`interleave: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function exploreCmd(program: Program, path: string, args: Args, io: Io): number {
  const maxStates = intFlag(args.flags, 'max-states');
  const maxDepth = intFlag(args.flags, 'max-depth');
  const proof = args.flags.has('proof');
  const opts = {
    race: args.flags.has('race'),
    seed: intFlag(args.flags, 'seed') ?? 1,
    fileName: path,
    ...(maxStates !== undefined ? { maxStates } : {}),
    ...(maxDepth !== undefined ? { maxDepth } : {}),
  };
  // breadth first, so each outcome comes with a shortest schedule; if that search runs out of
  // states, a proof search finishes the verdict (as "Check every schedule" does in the app)
  const r = proof
    ? { ...explore(program, { ...opts, proof }), proved: false }
    : check(program, opts);
  if (args.flags.has('json')) {
    const json = {
      complete: r.complete,
      states: r.states,
      outcomes: r.outcomes.map((o) => ({
        exit: o.exit,
        first: firstLine(o.report, o.first),
        stdout: o.stdout,
        schedule: o.schedule,
        ...(o.leak ? { leak: o.leak } : {}),
        ...(o.what ? { what: o.what } : {}),
        ...(o.race ? { race: o.race } : {}),
      })),
    };
    io.out(`${JSON.stringify(json)}\n`);
    return 0;
  }
  io.out(
    `${r.complete ? 'Explored every schedule' : `Explored part of the schedules (${r.cutoff})`}: ${r.states.toLocaleString('en-US')} states, ${r.outcomes.length} distinct outcome${r.outcomes.length === 1 ? '' : 's'}${r.complete && r.proved ? ' (the breadth-first search ran out of states and a proof search, depth first, finished: a schedule it found may not be the shortest)' : ''}.\n`,
  );
  if (r.outcomes.length === 0)
    io.out(
      '\nNo run ended within the bounds: the program may never end (a loop with no way out), or its runs are longer than the search could follow.\n',
    );
  // what to try next (both searches have run, unless --proof asked for the second alone)
  if (!r.complete) io.out(`\nTo cover more: --max-states ${(maxStates ?? 200_000) * 5}.\n`);
  for (const o of r.outcomes) {
    io.out(
      `\n${o.exit === 0 ? 'exit 0' : `exit ${o.exit}`}: ${firstLine(o.report, o.first) || (o.leak ? 'main returned, leaving goroutines stuck' : o.exit === 0 ? 'clean exit' : `os.Exit(${o.exit})`)}\n`,
    );
    if (o.leak) io.out(`  ${o.leak}\n`);
    if (o.what) io.out(`  ${o.what}\n`);
    if (o.race) io.out(`  data race: ${o.race}.\n`);
    if (o.stdout) io.out(`  stdout: ${JSON.stringify(o.stdout)}\n`);
    io.out(
      `  reproduce: interleave run ${args.file} --schedule ${formatSchedule(o.schedule) || '""'}${args.flags.has('seed') ? ` --seed ${opts.seed}` : ''}${args.flags.has('race') ? ' --race' : ''} (${o.steps} steps)\n`,
    );
  }
  return 0;
}

/** The first line of the runtime's report, `=` separator lines left out. */
export function firstLine(stderr: string, fallback: string): string {
  for (const line of stderr.split('\n')) if (line.trim() !== '' && !/^=+$/.test(line)) return line;
  return fallback;
}

function vet(program: Program, path: string, io: Io): number {
  if (program.vet.length === 0) return 0;
  io.err('# command-line-arguments\n');
  for (const d of program.vet) io.err(`${formatDiagnostic(`./${basename(path)}`, d)}\n`);
  return 1;
}
