/**
 * sync.Pool: Get returns what was put last, else what New makes (New runs as Go code), else
 * nil; Put(nil) does nothing; a Put happens before the Get that returns its value, for the race
 * detector; vet refuses copying one; runtime.GC moves what a pool holds to its victim cache and
 * drops what was there, as Go's poolCleanup does. Go's pool keeps a list per P and, under -race,
 * drops one Put in four: neither is simulated.
 */
import { describe, expect, it } from 'vitest';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { explore } from '../explore/explore';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

const prog = (body: string) =>
  compile(`package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

var _ strings.Builder
var _ = runtime.GC

func main() {
${body}
}
`);

describe('sync.Pool', () => {
  it('gives back what was put last, then what New makes, then nil without New', () => {
    const r = runProgram(
      prog(
        [
          '\tmade := 0',
          '\tp := sync.Pool{New: func() any { made++; return made }}',
          '\tp.Put("a")',
          '\tp.Put(nil)',
          '\tp.Put("b")',
          '\tfmt.Println(p.Get(), p.Get(), p.Get(), p.Get(), made)',
          '\tvar q sync.Pool',
          '\tfmt.Println(q.Get())',
        ].join('\n'),
      ),
      {},
    );
    expect(r.stdout).toBe('b a 1 2 2\n<nil>\n');
  });

  it('keeps what it holds through one collection (in the victim cache), not two', () => {
    const r = runProgram(
      prog(
        [
          '\tn := 0',
          '\tp := sync.Pool{New: func() any { n++; return n }}',
          '\tp.Put("a")',
          '\truntime.GC()',
          '\tfmt.Println(p.Get(), p.Get())',
          '\tp.Put("b")',
          '\tp.Put("c")',
          '\truntime.GC()',
          '\tp.Put("d")',
          '\truntime.GC()',
          '\tfmt.Println(p.Get(), p.Get(), p.Get())',
        ].join('\n'),
      ),
      {},
    );
    expect(r.stdout).toBe('a 1\nd 2 3\n');
  });

  it('orders a Put before the Get that returns its value: a buffer passed on that way is no race', () => {
    const src = [
      '\tbufs := sync.Pool{New: func() any { return new(strings.Builder) }}',
      '\tvar wg sync.WaitGroup',
      '\tfor i := 0; i < 3; i++ {',
      '\t\twg.Add(1)',
      '\t\tgo func() {',
      '\t\t\tdefer wg.Done()',
      '\t\t\tb := bufs.Get().(*strings.Builder)',
      '\t\t\tb.Reset()',
      '\t\t\tfmt.Fprintf(b, "job %d", i)',
      '\t\t\tbufs.Put(b)',
      '\t\t}()',
      '\t}',
      '\twg.Wait()',
      '\tfmt.Println("done")',
    ].join('\n');
    const r = explore(prog(src), { race: true, maxStates: 300_000 });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => `${o.exit} ${o.stdout}`)).toEqual(['0 done\n']);
  });

  it('is one of the values vet will not let a program copy', () => {
    const c = compileGo(
      'package main\n\nimport "sync"\n\nfunc main() {\n\tvar p sync.Pool\n\tq := p\n\t_ = q\n}\n',
    );
    if (!c.ok) throw new Error('expected a program');
    expect(c.program.vet.map((d) => d.msg)).toEqual([
      'assignment copies lock value to q: sync.Pool contains sync.noCopy',
    ]);
  });
});
