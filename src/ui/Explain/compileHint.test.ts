/**
 * The advice beside a compile error, checked against the errors the compiler really gives
 * for the mistakes it is written for (so a change of wording there cannot silently drop it).
 */
import { describe, expect, it } from 'vitest';
import { compileGo } from '../../engine';
import { compileHint } from './compileHint';

function hintFor(src: string): string | null {
  const c = compileGo(src);
  if (c.ok) throw new Error('it compiled');
  const d = c.diagnostics[0];
  if (!d) throw new Error('no diagnostic');
  return compileHint(d, src);
}

const main = (imports: string, body: string, decls = '') =>
  `package main\n\nimport (\n${imports}\n)\n\n${decls}\nfunc main() {\n${body}\n}\n`;

describe('advice for a program that does not compile', () => {
  it('the tutorial’s domain package: copy its types into the file', () => {
    const h = hintFor(
      main('\t"github.com/acme/jobs/internal/domain"', '\tvar j domain.Job\n\t_ = j'),
    );
    expect(h).toMatch(/^Interleave runs one file, package main/);
    expect(h).toContain('sync');
    // …and the same advice when the import was left out and domain.Job is undefined
    const h2 = hintFor(main('\t"fmt"', '\tvar j domain.Job\n\tfmt.Println(j)'));
    expect(h2).toMatch(/^domain is used like a package/);
    expect(h2).toContain('write Job for domain.Job');
    const h3 = hintFor(main('\t"fmt"', '\tvar u models.User\n\tfmt.Println(u)'));
    expect(h3).toContain('type User struct');
  });

  it('a standard package that is not simulated: the list of those that are', () => {
    const h = hintFor(main('\t"os/exec"', '\t_ = exec.Command'));
    expect(h).toMatch(
      /^Interleave simulates part of the standard library \(.*sync.*\); os\/exec is not among them\.$/,
    );
  });

  it('WaitGroup.Go from Go 1.25: the Go 1.23 way to write it', () => {
    const h = hintFor(main('\t"sync"', '\tvar wg sync.WaitGroup\n\twg.Go(func() {})\n\twg.Wait()'));
    expect(h).toContain('wg.Add(1)');
  });

  it('an unused variable, an unused import, a missing return', () => {
    expect(hintFor(main('\t"fmt"', '\tx := 1\n\tfmt.Println()'))).toContain('assign to _');
    expect(hintFor(main('\t"fmt"\n\t"sync"', '\tfmt.Println()'))).toContain('remove it');
    expect(
      hintFor(
        main('\t"fmt"', '\tfmt.Println(f())', 'func f() int {\n\tfor i := 0; i < 1; i++ {}\n}\n'),
      ),
    ).toContain('must end in a return');
  });

  it('nothing to add to an ordinary type error', () => {
    expect(hintFor(main('\t"fmt"', '\tvar x int = "a"\n\tfmt.Println(x)'))).toBeNull();
  });
});
