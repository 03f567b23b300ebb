/**
 * slices.Delete, DeleteFunc, Insert and Compact run Go 1.23's code for them: the results, the
 * elements cleared behind them (Go 1.22's change), the panics, and their element reads and
 * writes as steps another goroutine can race with.
 */
import { describe, expect, it } from 'vitest';
import { compileGo, formatDiagnostic, runProgram } from '../index';
import { explore } from '../explore/explore';

function compiled(src: string) {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

const program = (body: string) =>
  `package main\n\nimport (\n\t"fmt"\n\t"slices"\n\t"sync"\n)\n\nvar _ sync.Mutex\n\ntype IDs []int\n\nfunc main() {\n${body}\n}\n`;

describe('slices.Delete, DeleteFunc, Insert and Compact', () => {
  it('give what Go’s give, clearing what they leave behind', () => {
    const r = runProgram(
      compiled(
        program(`	s := []int{0, 1, 2, 3, 4}
	t := slices.Delete(s, 1, 3)
	fmt.Println(t, s, len(t), cap(t))
	u := slices.DeleteFunc([]string{"a", "bb", "c"}, func(x string) bool { return len(x) == 1 })
	fmt.Println(u, len(u))
	fmt.Println(slices.Insert([]int{1, 2, 5}, 2, 3, 4))
	x := make([]int, 3, 10)
	copy(x, []int{1, 2, 3})
	y := slices.Insert(x, 1, 9)
	fmt.Println(y, x, len(y))
	fmt.Println(slices.Compact([]int{1, 1, 2, 2, 2, 3, 1}), slices.Insert([]int(nil), 0) == nil)
	var z IDs = slices.Delete(IDs{1, 2}, 0, 1)
	fmt.Printf("%T %v\\n", z, z)
	defer func() { fmt.Println(recover()) }()
	slices.Delete([]int{1}, 0, 5)`),
      ),
      { seed: 1 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '[0 3 4] [0 3 4 0 0] 3 5',
        '[bb] 1',
        '[1 2 3 4 5]',
        '[1 9 2 3] [1 9 2] 4',
        '[1 2 3 1] true',
        'main.IDs [2]',
        'runtime error: slice bounds out of range [:5] with capacity 1',
        '',
      ].join('\n'),
    );
  });

  it('write the elements step by step: a goroutine deleting while another reads races, as under -race', () => {
    const r = explore(
      compiled(
        program(`	s := []int{1, 2, 3}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = slices.Delete(s, 0, 1)
	}()
	go func() {
		defer wg.Done()
		fmt.Println(s[2] >= 0)
	}()
	wg.Wait()`),
      ),
      { race: true, maxStates: 20_000 },
    );
    expect(r.complete).toBe(true);
    expect(r.outcomes.some((o) => o.first === 'WARNING: DATA RACE')).toBe(true);
  });

  it('are refused as gc refuses them', () => {
    const c = compileGo(program('\t_ = slices.Compact([][]int{})'));
    expect(c.ok).toBe(false);
    if (!c.ok)
      expect(c.diagnostics[0]?.msg).toBe(
        'in call to slices.Compact, E (type []int) does not satisfy comparable',
      );
  });
});
