/**
 * What the explanation panel says when a run stops for Interleave's own reasons (a limit, a
 * hang under -race): a heading of its own, and words that add to the runtime's line.
 */
import { describe, expect, it } from 'vitest';
import { compileGo, runProgram } from '../index';
import { diagnose } from './diagnose';

function run(src: string, opts: Parameters<typeof runProgram>[1] = {}) {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
  return runProgram(c.program, opts);
}

describe('when a run stops at one of Interleave’s limits', () => {
  it('a loop that never ends: the step budget, said in words of its own', () => {
    const r = run(
      `package main

var n int

func main() {
	for {
		n++
	}
}
`,
      { limits: { steps: 5_000 } },
    );
    const d = diagnose(r.machine);
    expect(d?.kind).toBe('limit');
    expect(d?.title).toBe('The program did not end');
    expect(d?.what).toBe(
      'It ran 5,000 steps without ending, the last of them in G1: a loop with no way out would do that, as would goroutines that keep each other busy forever.',
    );
    expect(d?.what).not.toBe(r.outcome.first);
    expect(d?.why).toBe(
      'Interleave stops a run that might never end rather than wait for it forever.',
    );
  });

  it('a map that outgrows its limit: the limit named, and why there is one', () => {
    const r = run(
      `package main

func main() {
	m := map[int]int{}
	for i := 0; i < 100; i++ {
		m[i] = i
	}
}
`,
      { limits: { mapEntries: 10 } },
    );
    const d = diagnose(r.machine);
    expect(d?.title).toBe("The run hit one of Interleave's limits");
    expect(d?.what).toBe('interleave: stopped: a map grew past 10 entries (the map size limit)');
    expect(d?.why).toMatch(/^Interleave bounds every run/);
  });
});
