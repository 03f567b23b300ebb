/**
 * The standard logger, as log.go writes: to stderr, a header from its flags (date and time
 * in virtual time, which starts at synctest's 2000-01-01 00:00:00 UTC; file:line; a prefix
 * before or after it), a newline added when missing; Fatal exits 1 without running defers,
 * Panic panics with the message.
 */
import { describe, expect, it } from 'vitest';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { transcript } from './snapshot';
import { diagnose } from './diagnose';
import { readFileSync } from 'node:fs';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

const main = (body: string, imports = '"log"') => `package main

import (
	${imports}
)

func main() {
${body}
}
`;

/** Run main's body (with these imports) under the default seed. */
const run = (body: string, imports?: string) => runProgram(compile(main(body, imports)));

describe('when the program logs', () => {
  it('each line gets the date and the virtual time, on stderr', () => {
    const r = run(
      '\tlog.Println("starting", 3, "workers")\n\ttime.Sleep(1500 * time.Millisecond)\n\tlog.Printf("job %d done", 7)\n\tlog.Print("no newline")',
      '"log"\n\t"time"',
    );
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '2000/01/01 00:00:00 starting 3 workers\n2000/01/01 00:00:01 job 7 done\n2000/01/01 00:00:01 no newline\n',
    );
  });

  it('SetFlags and SetPrefix change the header as log.go formats it', () => {
    const r = run(
      '\tlog.SetFlags(log.Lshortfile | log.Lmicroseconds)\n\tlog.SetPrefix("store: ")\n\tlog.Println("a")\n\tlog.SetFlags(log.LstdFlags | log.Lmsgprefix)\n\tlog.Println("b")\n\tlog.SetFlags(0)\n\tlog.Println("c", log.Flags(), log.Prefix())',
    );
    expect(r.stderr).toBe(
      'store: 00:00:00.000000 main.go:10: a\n2000/01/01 00:00:00 store: b\nstore: c 0 store: \n',
    );
  });

  it('Fatal prints, then exits 1 without running deferred calls', () => {
    const r = run(
      '\tdefer fmt.Println("deferred")\n\tlog.Fatalf("cannot open %q", "jobs.db")',
      '"fmt"\n\t"log"',
    );
    expect(r.outcome.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('2000/01/01 00:00:00 cannot open "jobs.db"\n');
    // main ended the program there: it is finished, and the explanation says how
    expect(r.machine.g(1).st).toBe('done');
    const d = diagnose(r.machine);
    expect(d?.title).toBe('The program exited with status 1');
    expect(d?.what).toBe(
      'G1 called os.Exit(1) at line 10 (log.Fatal prints, then calls os.Exit(1)). The program ends there: deferred calls do not run, and the other goroutines stop wherever they are.',
    );
  });

  it('Panic prints, then panics with the message (which recover gets)', () => {
    const recovered = run(
      '\tdefer func() { log.Println("recovered:", recover()) }()\n\tlog.Panicf("bad id %d", 3)',
    );
    expect(recovered.outcome.code).toBe(0);
    expect(recovered.stderr).toBe(
      '2000/01/01 00:00:00 bad id 3\n2000/01/01 00:00:00 recovered: bad id 3\n',
    );
    const r = run('\tlog.Panic("boom")');
    expect(r.outcome.code).toBe(2);
    expect(r.stderr).toMatch(
      /^2000\/01\/01 00:00:00 boom\npanic: boom\n\ngoroutine 1 \[running\]:\n/,
    );
  });

  it('two goroutines logging are two visible steps, in either order', () => {
    const p = compile(
      main(
        '\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tgo func() { defer wg.Done(); log.Println("a") }()\n\tgo func() { defer wg.Done(); log.Println("b") }()\n\twg.Wait()',
        '"log"\n\t"sync"',
      ),
    );
    const seen = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) seen.add(runProgram(p, { seed }).stderr);
    expect([...seen].sort()).toEqual([
      '2000/01/01 00:00:00 a\n2000/01/01 00:00:00 b\n',
      '2000/01/01 00:00:00 b\n2000/01/01 00:00:00 a\n',
    ]);
  });

  it('the transcript keeps stdout and stderr in the order they were written, as a terminal does', () => {
    const r = run(
      '\tfmt.Println("one")\n\tlog.Println("two")\n\tfmt.Println("three")\n\tpanic("four")',
      '"fmt"\n\t"log"',
    );
    expect(transcript(r.machine).map((x) => `${x.stream}: ${x.text.split('\n')[0]}`)).toEqual([
      'stdout: one',
      'stderr: 2000/01/01 00:00:00 two',
      'stdout: three',
      'stderr: panic: four',
    ]);
    expect(
      transcript(r.machine)
        .map((x) => x.text)
        .join(''),
    ).toBe(`one\n2000/01/01 00:00:00 two\nthree\n${r.stderr.slice(r.stderr.indexOf('panic'))}`);
  });

  it('a logger of its own is refused, saying what is simulated', () => {
    const c = compileGo(main('\tl := log.New(nil, "", 0)\n\t_ = l'));
    expect(c.ok).toBe(false);
    if (!c.ok)
      expect(formatDiagnostic('main.go', c.diagnostics[0] as (typeof c.diagnostics)[number])).toBe(
        'main.go:8:11: unsupported: only the standard logger (log.Println...) is simulated',
      );
  });
});

describe("log/slog's default logger (Go 1.21's defaultHandler)", () => {
  it('writes the level, the message and key=value pairs through the log package, quoting as slog does', () => {
    const r = runProgram(
      compile(readFileSync(new URL('../fixtures/slog-default.go', import.meta.url), 'utf8')),
    );
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        '2000/01/01 00:00:00 INFO hello',
        '2000/01/01 00:00:00 WARN slow took=1.5s n=3 ratio=0.5 ok=true',
        '2000/01/01 00:00:00 ERROR failed err="disk full" path="/tmp/a b" empty="" q="say \\"hi\\""',
        '2000/01/01 00:00:00 INFO attrs user=ann id=7 tags="[a b]" b=false',
        '2000/01/01 00:00:00 INFO odd !BADKEY=lonely',
        '2000/01/01 00:00:00 INFO badkey !BADKEY=42 !BADKEY=x',
        '2000/01/01 00:00:00 INFO named lvl=hi t=0001-01-01T00:00:00.000Z m=map[a:1] nil=<nil> eq="a=b"',
        '',
      ].join('\n'),
    );
  });

  it('follows the log package’s flags and prefix, as Go’s default handler writes through it', () => {
    const r = run(
      '\tlog.SetFlags(log.Lshortfile)\n\tlog.SetPrefix("app: ")\n\tslog.Info("ready", "port", 8080)',
      '"log"\n\t"log/slog"',
    );
    expect(r.stderr).toBe('app: main.go:11: INFO ready port=8080\n');
  });

  it('is refused beyond the default logger, with what is missing', () => {
    const c = compileGo(main('\tl := slog.New(nil)\n\t_ = l', '"log/slog"'));
    expect(c.ok ? '' : c.diagnostics[0]?.msg).toBe('unsupported: slog.New is not simulated yet');
  });
});
