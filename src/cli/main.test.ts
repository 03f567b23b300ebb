/**
 * The `interleave` command as a teacher uses it: `run` behaves like `go run` (output, Go's
 * report, `exit status N`, Go's exit code, the same bytes for the same seed), `explore`
 * reports every outcome with a schedule that `run --schedule` reproduces, `vet` speaks go
 * vet's words, and bad input gets a message and a non-zero exit, never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundled } from '../../bin/bundle.mjs';
import { main } from './main';

const FIXTURES = fileURLToPath(new URL('../engine/fixtures/tutorial/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function cli(...argv: string[]): Promise<Ran> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    cwd: FIXTURES,
  });
  return { code, out, err };
}

interface JsonOutcome {
  readonly exit: number;
  readonly first: string;
  readonly stdout: string;
  readonly schedule: number[];
}

async function exploreJson(
  ...argv: string[]
): Promise<{ complete: boolean; states: number; outcomes: JsonOutcome[] }> {
  const r = await cli('explore', ...argv, '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as { complete: boolean; states: number; outcomes: JsonOutcome[] };
}

/** The first line of Go's report on stderr, `=` separator lines left out. */
const firstOf = (stderr: string) =>
  stderr.split('\n').find((l) => l.trim() !== '' && !/^=+$/.test(l)) ?? '';

describe('interleave run', () => {
  it('a clean program prints its output and exits 0, the same bytes for the same seed', async () => {
    const a = await cli('run', 'mutex-store-defer.go', '--seed', '7');
    const b = await cli('run', 'mutex-store-defer.go', '--seed', '7');
    expect(a.code).toBe(0);
    expect(a.err).toBe('');
    expect(a.out).not.toBe('');
    expect(b).toEqual(a);
  });

  it('a fatal error goes to stderr in Go words, then `exit status 2`, and the exit code is 2', async () => {
    const r = await cli('run', 'mistake2-unlock-without-lock.go');
    expect(r.code).toBe(2);
    expect(r.err.startsWith('fatal error: sync: unlock of unlocked mutex\n')).toBe(true);
    expect(r.err.endsWith('exit status 2\n')).toBe(true);
  });

  it('a deadlock names each goroutine with its wait reason', async () => {
    const r = await cli('run', 'mistake1-forget-unlock.go');
    expect(r.code).toBe(2);
    expect(r.err).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.err).toMatch(/goroutine \d+ \[sync\.Mutex\.Lock\]:/);
  });

  it('explore says, under a deadlock it found, who waits for whom', async () => {
    const r = await cli('explore', 'pattern3-helper-locks-again.go');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /\nexit 2: fatal error: all goroutines are asleep - deadlock!\n {2}G\d+ already holds \S+ \(line \d+\) and asks for it again at line \d+\.\n {2}reproduce: /,
    );
    const j = JSON.parse(
      (await cli('explore', 'pattern3-helper-locks-again.go', '--json')).out,
    ) as {
      outcomes: (JsonOutcome & { what?: string })[];
    };
    expect(j.outcomes.find((o) => o.exit === 2)?.what).toMatch(/already holds/);
    expect(j.outcomes.filter((o) => o.exit === 0).every((o) => o.what === undefined)).toBe(true);
  });

  it('explore --race says which accesses raced, under each outcome the detector reported', async () => {
    const r = await cli(
      'explore',
      join(FIXTURES, '../../../scenarios/programs/unsafe-read-during-write.go'),
      '--race',
    );
    expect(r.code).toBe(0);
    const raced = r.out.match(
      /\n {2}data race: G\d+ wrote at line \d+, then G\d+ read at line \d+/g,
    );
    expect(raced).toHaveLength(2);
  });

  it('--explain adds the diagnosis after Go’s own output', async () => {
    const r = await cli('run', 'pattern3-helper-locks-again.go', '--explain');
    expect(r.code).toBe(2);
    const go = r.err.indexOf('exit status 2');
    const ours = r.err.indexOf('\ninterleave: ');
    expect(go).toBeGreaterThan(0);
    expect(ours).toBeGreaterThan(go);
    expect(r.err.slice(ours)).toContain('Fix: ');
  });

  it('a schedule that names a goroutine that cannot run is refused with a message, exit 2', async () => {
    const r = await cli('run', 'mutex-store-defer.go', '--schedule', '1,99');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^interleave: .*99/);
  });

  it('a program that never ends stops at the step budget and says which limit it hit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-'));
    writeFileSync(join(dir, 'spin.go'), 'package main\n\nfunc main() {\n\tfor {\n\t}\n}\n');
    let err = '';
    const code = await main(['run', 'spin.go', '--max-steps', '5000'], {
      out: () => undefined,
      err: (s) => (err += s),
      cwd: dir,
    });
    expect(code).not.toBe(0);
    expect(err).toMatch(/step/);
  });
});

describe('interleave explore', () => {
  it("first is the runtime's first line: what the program logged to stderr is not part of it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-'));
    const file = join(dir, 'logs.go');
    writeFileSync(
      file,
      'package main\n\nimport "log"\n\nfunc main() {\n\tlog.Println("starting")\n\tvar m map[string]int\n\tm["a"] = 1\n}\n',
    );
    const j = await exploreJson(file);
    expect(j.outcomes.map((o) => [o.exit, o.first])).toEqual([
      [2, 'panic: assignment to entry in nil map'],
    ]);
    writeFileSync(
      file,
      'package main\n\nimport "log"\n\nfunc main() {\n\tlog.Println("done")\n}\n',
    );
    const clean = await exploreJson(file);
    expect(clean.outcomes.map((o) => [o.exit, o.first])).toEqual([[0, '']]);
    const text = await cli('explore', file);
    expect(text.out).toContain('exit 0: clean exit');
    expect(text.out).not.toContain('To cover more');
  });

  it('a program that never ends: no outcome, and the report says why there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-'));
    const file = join(dir, 'endless.go');
    writeFileSync(
      file,
      'package main\n\nvar n int\n\nfunc main() {\n\tgo func() {\n\t\tfor {\n\t\t\tn++\n\t\t}\n\t}()\n\tfor {\n\t\tn--\n\t}\n}\n',
    );
    const text = await cli('explore', file, '--max-states', '2000');
    expect(text.code).toBe(0);
    expect(text.out).toContain('0 distinct outcomes');
    expect(text.out).toContain('No run ended within the bounds: the program may never end');
    // the breadth-first search ran out of states and a proof search did not finish either
    expect(text.out).toContain('the proof search that followed did not finish either');
    // and what to try next: five times the states
    expect(text.out).toContain('To cover more: --max-states 10000.');
  });

  it('--json gives every outcome, each reproduced by run --schedule with its exit and first line', async () => {
    const j = await exploreJson('unsafe-map-concurrent-writes.go');
    expect(j.complete).toBe(true);
    expect(j.states).toBeGreaterThan(0);
    const firsts = j.outcomes.map((o) => o.first);
    expect(firsts).toContain('fatal error: concurrent map writes');
    expect(firsts).toContain('');
    for (const o of j.outcomes) {
      const r = await cli(
        'run',
        'unsafe-map-concurrent-writes.go',
        '--schedule',
        o.schedule.join(','),
      );
      expect([r.code, firstOf(r.err), r.out]).toEqual([o.exit, o.first, o.stdout]);
    }
  });

  it('a select that could take either of two ready cases: both outcomes, each schedule naming its case', async () => {
    const file = fileURLToPath(new URL('../engine/fixtures/select-either.go', import.meta.url));
    const text = await cli('explore', file, '--seed', '4');
    expect(text.out).toContain('2 distinct outcomes');
    const lines = text.out.split('\n').filter((l) => l.includes('reproduce:'));
    expect(lines.map((l) => l.replace(/^.*--schedule /, ''))).toEqual([
      expect.stringMatching(/^c[12] --seed 4 \(\d+ steps\)$/),
      expect.stringMatching(/^c[12] --seed 4 \(\d+ steps\)$/),
    ]);
    for (const c of ['c1', 'c2', '-2']) {
      const r = await cli('run', file, '--schedule', c);
      expect(r.out).toBe(c === 'c1' ? '1\n' : '2\n');
    }
    const refused = await cli('run', file, '--schedule', 'c3');
    expect([refused.code, refused.err]).toEqual([
      2,
      "interleave: schedule entry 1 (c3): case 3 of G1's select at line 10 was not ready; the ready cases were 1, 2\n",
    ]);
    const malformed = await cli('run', file, '--schedule', '1,x2');
    expect([malformed.code, malformed.err]).toEqual([
      2,
      'interleave: --schedule takes goroutine ids separated by commas, like 1,6,6,7, and c2 for the second case of a select that could take several\n',
    ]);
  });

  it('--race finds the unlocked len and reports it as Go -race does (exit 66)', async () => {
    const j = await exploreJson('mistake3-len-outside-lock.go', '--race');
    const race = j.outcomes.find((o) => o.exit === 66);
    expect(race?.first).toBe('WARNING: DATA RACE');
    const r = await cli(
      'run',
      'mistake3-len-outside-lock.go',
      '--race',
      '--schedule',
      (race as JsonOutcome).schedule.join(','),
    );
    expect(r.code).toBe(66);
    expect(r.err).toContain('WARNING: DATA RACE');
  });

  it('--proof covers the same outcomes in no more states', async () => {
    const plain = await exploreJson('mistake5-lock-during-http.go');
    const proof = await exploreJson('mistake5-lock-during-http.go', '--proof');
    expect(proof.complete).toBe(true);
    const key = (o: JsonOutcome) => `${o.exit} ${o.first} ${o.stdout}`;
    expect(proof.outcomes.map(key).sort()).toEqual(plain.outcomes.map(key).sort());
    expect(proof.states).toBeLessThanOrEqual(plain.states);
  });

  it('goroutines left deadlocked when main returns are an outcome of their own, with a note', async () => {
    // two goroutines that lock in opposite orders while main sleeps, then prints and returns
    const r = await cli('explore', join(FIXTURES, '../partial-deadlock-at-exit.go'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { outcomes: (JsonOutcome & { leak?: string })[] };
    const ends = j.outcomes.map((o) => [o.exit, o.first, o.stdout, !!o.leak]);
    expect(ends).toHaveLength(2);
    expect(ends).toContainEqual([0, '', 'done\n', false]);
    expect(ends).toContainEqual([0, '', 'done\n', true]);
    expect(j.outcomes.find((o) => o.leak)?.leak).toMatch(
      /^main returned while G6 and G7 could never continue/,
    );
  });

  it('when the breadth-first search runs out of states, a proof search finishes the verdict', async () => {
    // the tutorial's RWMutex store: 2,968 states breadth first, 1,123 for a proof
    const r = await cli('explore', 'rwmutex-store.go', '--max-states', '2000');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Explored every schedule: [\d,]+ states, 3 distinct outcomes \(the breadth-first search ran out of states and a proof search, depth first, finished/,
    );
  });

  it('a state limit makes the search incomplete and says so', async () => {
    const r = await cli('explore', 'rwmutex-store.go', '--max-states', '50');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Explored part of the schedules \(stopped at 50 states/);
  });
});

describe('interleave vet and bad input', () => {
  it('vet reports a copied lock in go vet’s words and exits 1; a clean program exits 0', async () => {
    const bad = await cli('vet', 'mistake4-value-receiver.go');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      /^# command-line-arguments\n\.\/mistake4-value-receiver\.go:\d+:\d+: \w+ passes lock by value: command-line-arguments\.\w+ contains sync\.Mutex\n/,
    );
    const good = await cli('vet', 'mistake4-use-pointers.go');
    expect([good.code, good.err]).toEqual([0, '']);
  });

  it('a syntax error points at file, line and column, as the Go compiler does, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-'));
    writeFileSync(join(dir, 'bad.go'), 'package main\n\nfunc main() {\n\tx := \n}\n');
    let err = '';
    const code = await main(['run', 'bad.go'], {
      out: () => undefined,
      err: (s) => (err += s),
      cwd: dir,
    });
    expect(code).toBe(1);
    expect(err).toMatch(/^# command-line-arguments\n\.\/bad\.go:5:1: syntax error: /);
  });

  it('unknown commands, missing files and bad flags get a message and exit 2 (or 1)', async () => {
    expect((await cli('build', 'x.go')).code).toBe(2);
    expect((await cli('run')).err).toContain('run needs a Go file');
    const seed = await cli('run', 'mutex-store-defer.go', '--seed', 'abc');
    expect([seed.code, seed.err]).toEqual([
      2,
      'interleave: --seed must be a non-negative integer, not abc\n',
    ]);
    const missing = await cli('run', 'no-such-file.go');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read');
    // no command is a mistake (usage on stderr, 2); asking for help is not (stdout, 0)
    const none = await cli();
    expect([none.code, none.out, none.err.split('\n')[0]]).toEqual([
      2,
      '',
      'interleave: no command',
    ]);
    const help = await cli('--help');
    expect([help.code, help.err, help.out.split('\n')[0]]).toEqual([0, '', 'usage:']);
  });

  it('the command runs from a bundle made once for the sources as they are', async () => {
    const a = await bundled('src/cli/main.ts');
    const b = await bundled('src/cli/main.ts');
    expect(b).toBe(a);
    const mod = (await import(a)) as { main: typeof main };
    const out: string[] = [];
    const code = await mod.main(['run', fixture('mutex-store-defer.go'), '--seed', '7'], {
      out: (s) => out.push(s),
      err: () => {},
      cwd: process.cwd(),
    });
    // the bundle's engine is the engine: the same output as the sources give
    const direct: string[] = [];
    await main(['run', fixture('mutex-store-defer.go'), '--seed', '7'], {
      out: (s) => direct.push(s),
      err: () => {},
      cwd: process.cwd(),
    });
    expect([code, out.join('')]).toEqual([0, direct.join('')]);
    expect(out.join('')).not.toBe('');
  }, 30_000);

  it('`interleave` runs straight from the bin script, with no build step', () => {
    const bin = fileURLToPath(new URL('../../bin/interleave.mjs', import.meta.url));
    let code = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [bin, 'run', fixture('mistake2-unlock-without-lock.go')], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      const x = e as { status: number; stderr: string };
      code = x.status;
      stderr = x.stderr;
    }
    expect(code).toBe(2);
    expect(stderr).toContain('fatal error: sync: unlock of unlocked mutex');
  }, 30_000);
});
