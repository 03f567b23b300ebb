import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, formatDiagnostic, runProgram } from '../index';
import { explore } from '../explore/explore';

function errorOf(src: string): string {
  const c = compileGo(src);
  if (c.ok) throw new Error('expected an error');
  return formatDiagnostic('main.go', c.diagnostics[0] as (typeof c.diagnostics)[number]);
}

function run(src: string) {
  const c = compileGo(src);
  if (!c.ok)
    throw new Error(c.diagnostics.map((d) => `${d.pos.line}:${d.pos.col}: ${d.msg}`).join('\n'));
  return runProgram(c.program, { seed: 1 });
}

const main = (body: string, imports = '') =>
  `package main\n${imports}\nfunc main() {\n${body}\n}\n`;

describe('when the source has a syntax error', () => {
  it("points at its line and column in gc's words", () => {
    expect(errorOf('package main\n\nfunc main() {\n\tx := \n}\n')).toBe(
      'main.go:5:1: syntax error: unexpected }, expected expression',
    );
    expect(errorOf('package main\n\nfunc main() {\n\tx := 1 +\n}\n')).toBe(
      'main.go:5:1: syntax error: unexpected }, expected expression',
    );
    expect(errorOf('package main\nfunc main() {\n\tif x {\n}\n')).toMatch(
      /^main\.go:\d+:\d+: syntax error/,
    );
  });
});

describe('when several functions have errors', () => {
  it('each is reported, in source order, as gc lists them', () => {
    const c = compileGo(
      'package main\n\nimport "fmt"\n\nfunc a() {\n\tvar x int = "a"\n\tfmt.Println(x)\n}\n\nfunc b() {\n\ty := 2\n}\n\nfunc main() {\n\tc := nothing\n\ta()\n\tb()\n}\n',
    );
    expect(c.ok).toBe(false);
    if (!c.ok)
      expect(c.diagnostics.map((d) => formatDiagnostic('main.go', d))).toEqual([
        'main.go:6:14: cannot use "a" (untyped string constant) as int value in variable declaration',
        'main.go:11:2: declared and not used: y',
        'main.go:15:7: undefined: nothing',
      ]);
  });
});

describe('when one function has several errors', () => {
  const errors = (src: string) => {
    const c = compileGo(src);
    return c.ok ? [] : c.diagnostics.map((d) => formatDiagnostic('main.go', d));
  };

  it('reports each, as types2 goes on after an error, without errors that follow from one', () => {
    expect(
      errors(
        'package main\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\nfunc main() {\n\tvar mu sync.Mutex\n\tx := undefinedFn()\n\ty := x + 1\n\tfmt.Println(y)\n\tmu.lock()\n\tvar s string = 5\n\tfor i := 0; i < 3; i++ {\n\t\ts = i\n\t}\n\tif s {\n\t}\n\tunused := 3\n}\n',
      ),
    ).toEqual([
      // (x and y are not known: their uses are no errors of their own; s is, with its type)
      'main.go:10:7: undefined: undefinedFn',
      'main.go:13:5: mu.lock undefined (type sync.Mutex has no field or method lock, but does have method Lock)',
      'main.go:14:17: cannot use 5 (untyped int constant) as string value in variable declaration',
      'main.go:16:7: cannot use i (variable of type int) as string value in assignment',
      'main.go:18:5: non-boolean condition in if statement',
      'main.go:20:2: declared and not used: unused',
    ]);
  });

  it('stops at the tenth, as gc does, and says so', () => {
    const body = Array.from({ length: 12 }, (_, i) => `\tvar v${i} string = ${i}`).join('\n');
    const list = errors(main(body));
    expect(list).toHaveLength(11);
    expect(list[9]).toBe(
      'main.go:13:18: cannot use 9 (untyped int constant) as string value in variable declaration',
    );
    expect(list[10]).toBe('main.go:13:18: too many errors');
  });
});

describe('when the compiler looks at an argument twice (for its type, then for real)', () => {
  it('reports what is wrong in it once, as gc and vet do', () => {
    const c = compileGo(main('\tfmt.Println(func() int { x := 1; return 2 }())', 'import "fmt"'));
    expect(c.ok).toBe(false);
    if (!c.ok)
      expect(c.diagnostics.map((d) => formatDiagnostic('main.go', d))).toEqual([
        'main.go:4:27: declared and not used: x',
      ]);
    const v = compileGo(
      'package main\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\ntype S struct {\n\tmu sync.Mutex\n\tn  int\n}\n\nfunc show(s S) int { return s.n }\n\nfunc main() {\n\tvar s S\n\tfmt.Println(show(s))\n}\n',
    );
    if (!v.ok) throw new Error('expected a program');
    expect(v.program.vet.map((d) => formatDiagnostic('main.go', d))).toEqual([
      'main.go:13:13: show passes lock by value: command-line-arguments.S contains sync.Mutex',
      'main.go:17:19: call of show copies lock value: command-line-arguments.S contains sync.Mutex',
    ]);
  });
});

describe('when a newcomer makes a common syntax mistake', () => {
  // each as gc's parser reports it: where gc's scanner put a semicolon, not where lezer's
  // error recovery gave up
  const body = (lines: string) => `package main\n\nimport "fmt"\n\nfunc main() {\n${lines}\n}\n`;
  it.each([
    [
      body('\tfmt.Println("a"'),
      'main.go:6:17: syntax error: unexpected newline in argument list; possibly missing comma or )',
    ],
    [
      body('\txs := []int{1, 2, 3\n\tfmt.Println(xs)'),
      'main.go:6:21: syntax error: unexpected newline in composite literal; possibly missing comma or }',
    ],
    [
      'package main\n\nfunc main()\n{\n}\n',
      'main.go:4:1: syntax error: unexpected semicolon or newline before {',
    ],
    [
      'package main\n\nfunc main() {\n\tvar s\n\t_ = s\n}\n',
      'main.go:4:7: syntax error: unexpected newline, expected type',
    ],
    [
      'package main\n\nvar s\n\nfunc main() {}\n',
      'main.go:3:6: syntax error: unexpected newline, expected type',
    ],
    [
      body('\tx := 1\n\tif x == 1\n\t{\n\t\tfmt.Println(x)\n\t}'),
      'main.go:7:11: syntax error: unexpected newline, expected { after if clause',
    ],
    [
      body('\tfor i := 0; i < 3; i++ fmt.Println(i)'),
      'main.go:6:25: syntax error: unexpected name fmt, expected { after for clause',
    ],
    [
      body('\tx := 1\n\tif x = 1 {\n\t\tfmt.Println(x)\n\t}'),
      'main.go:7:7: syntax error: cannot use assignment x = 1 as value',
    ],
    [
      body('\tx := 1\n\tif x == 1 {\n\t}\n\telse {\n\t\tfmt.Println(x)\n\t}'),
      'main.go:9:2: syntax error: unexpected keyword else, expected }',
    ],
    [
      'package main\n\nfunc main() {\n\tx := 1\n\t_ = x\n',
      'main.go:6:1: syntax error: unexpected EOF, expected }',
    ],
    [body('\tfmt.Println("a"))'), 'main.go:6:18: syntax error: unexpected ) at end of statement'],
    [
      body('\tx := 1\n\ty := x++\n\tfmt.Println(y)'),
      'main.go:7:8: syntax error: unexpected ++ at end of statement',
    ],
    [body('\tfmt.Println("hi)'), 'main.go:6:18: newline in string'],
    [
      'package main\n\ntype T struct { a int b int }\n\nfunc main() {\n\tvar t T\n\t_ = t\n}\n',
      'main.go:3:23: syntax error: unexpected name b in struct type; possibly missing semicolon or newline or }',
    ],
    [body('\tvar x int =\n\t_ = x'), 'main.go:7:4: syntax error: unexpected = at end of statement'],
    [
      body('\tfmt.Println("a" "b")'),
      'main.go:6:18: syntax error: unexpected literal "b" in argument list; possibly missing comma or )',
    ],
    [
      'package main\n\nx := 1\n\nfunc main() {\n}\n',
      'main.go:3:1: syntax error: non-declaration statement outside function body',
    ],
    // gc's parser (syntax/parser.go, fileOrNil and importDecl) between declarations
    [
      'package main\n\n\t"fmt"\n)\n\nfunc main() {\n}\n',
      'main.go:3:2: syntax error: non-declaration statement outside function body',
    ],
    [
      body('\tfmt.Println(1)\n\t}()'),
      'main.go:7:3: syntax error: unexpected ( after top level declaration',
    ],
    [
      'package main\n\nvar a int, b int\n\nfunc main() {\n}\n',
      'main.go:3:10: syntax error: unexpected comma after top level declaration',
    ],
    [
      'package main\n\nvar a = 1 2\n\nfunc main() {\n}\n',
      'main.go:3:11: syntax error: unexpected literal 2 after top level declaration',
    ],
    [
      'package main\n\nimport fmt\n\nfunc main() {\n\tfmt.Println(1)\n}\n',
      'main.go:3:11: syntax error: missing import path',
    ],
    [
      'package main\n\nimport (\nimport (\n\t"fmt"\n)\n\nfunc main() {\n\tfmt.Println(1)\n}\n',
      'main.go:4:1: syntax error: missing import path',
    ],
    [
      'package main\n\nimport (\n\t"fmt" "sync"\n)\n\nfunc main() {\n\tfmt.Println(1)\n}\n',
      'main.go:4:8: syntax error: unexpected literal "sync" in grouped declaration; possibly missing semicolon or newline or )',
    ],
  ])('reads as gc reports it (%#)', (src, want) => {
    expect(errorOf(src)).toBe(want);
  });
});

describe('when the program has a type error', () => {
  it.each([
    // types2's operands: a constant's value after its kind when the expression does not spell it
    [
      main('\tconst big = 300\n\tvar s string = big\n\t_ = s'),
      'main.go:5:17: cannot use big (untyped int constant 300) as string value in variable declaration',
    ],
    [
      main("\tvar s string = 'a'\n\t_ = s"),
      "main.go:4:17: cannot use 'a' (untyped rune constant 97) as string value in variable declaration",
    ],
    [
      main('\tconst f = 1.0 / 3\n\tvar s string = f\n\t_ = s'),
      'main.go:5:17: cannot use f (untyped float constant 0.333333) as string value in variable declaration',
    ],
    [
      main('\tconst c = "a\\tb"\n\tvar n int = c\n\t_ = n'),
      'main.go:5:14: cannot use c (untyped string constant "a\\tb") as int value in variable declaration',
    ],
    // a constant conversion: an integer that does not fit overflows (Go 1.22, go.dev/issue/63563)
    [main('\t_ = int16(70000)'), 'main.go:4:12: constant 70000 overflows int16'],
    [
      main('\tconst c = 1.5\n\t_ = int(c)'),
      'main.go:5:10: cannot convert c (untyped float constant 1.5) to type int (truncated)',
    ],
    // byte and rune by the names the source used; a constant the type cannot hold, why
    [
      main('\tvar b byte = 300\n\t_ = b'),
      'main.go:4:15: cannot use 300 (untyped int constant) as byte value in variable declaration (overflows)',
    ],
    [
      main('\tvar i int = 1.5\n\t_ = i'),
      'main.go:4:14: cannot use 1.5 (untyped float constant) as int value in variable declaration (truncated)',
    ],
    [
      main('\tvar r rune = "a"\n\t_ = r'),
      'main.go:4:15: cannot use "a" (untyped string constant) as rune value in variable declaration',
    ],
    [
      main('\tx := []byte("hi")\n\tvar s string = x\n\t_ = s'),
      'main.go:5:17: cannot use x (variable of type []byte) as string value in variable declaration',
    ],
    // an untyped number another type cannot hold overflows it; one of another kind mismatches,
    // in the operands' order, at the left one
    [
      main('\tvar b int8\n\t_ = b + 300'),
      'main.go:5:10: 300 (untyped int constant) overflows int8',
    ],
    [
      main('\tconst big = 300\n\tvar b int8\n\t_ = b + big'),
      'main.go:6:10: big (untyped int constant 300) overflows int8',
    ],
    [
      main('\tvar f float64\n\t_ = f + "s"'),
      'main.go:5:6: invalid operation: f + "s" (mismatched types float64 and untyped string)',
    ],
    [
      main('\tvar f float64\n\t_ = "s" + f'),
      'main.go:5:6: invalid operation: "s" + f (mismatched types untyped string and float64)',
    ],
    [
      main('\tok := true\n\t_ = ok && 1'),
      'main.go:5:6: invalid operation: ok && 1 (mismatched types bool and untyped int)',
    ],
    [
      main('\t_ = 1 && 2'),
      'main.go:4:6: invalid operation: operator && not defined on 1 (untyped int constant)',
    ],
    [
      main('\tvar s string\n\tvar n int\n\tswitch s {\n\tcase n:\n\t}'),
      'main.go:7:7: invalid case n in switch on s (mismatched types int and string)',
    ],
    [
      'package main\n\nfunc f() (int, int) {\n\treturn 1\n}\n\nfunc main() {\n\tf()\n}\n',
      'main.go:4:9: not enough return values\n\thave (number)\n\twant (int, int)',
    ],
    [main('\tx := 1'), 'main.go:4:2: declared and not used: x'],
    [main('\tfmt.Println("hi")'), 'main.go:4:2: undefined: fmt'],
    [
      main('\tvar s string = 5\n\t_ = s'),
      'main.go:4:17: cannot use 5 (untyped int constant) as string value in variable declaration',
    ],
    [
      main('\tx := 1\n\tx = "a"\n\t_ = x'),
      'main.go:5:6: cannot use "a" (untyped string constant) as int value in assignment',
    ],
    [`package main\nimport "fmt"\nfunc main() {}\n`, 'main.go:2:8: "fmt" imported and not used'],
    [`package main\nfunc f() int {\n}\nfunc main() { f() }\n`, 'main.go:3:1: missing return'],
    [
      main('\tn := 2\n\ttime.Sleep(n * time.Millisecond)', '\nimport "time"'),
      'main.go:6:13: invalid operation: n * time.Millisecond (mismatched types int and time.Duration)',
    ],
    // a map's element is a copy: its fields cannot be assigned (types2's own words)
    [
      'package main\n\ntype T struct{ A int }\n\nfunc main() {\n\tm := map[string]T{}\n\tm["a"].A = 1\n}\n',
      'main.go:7:2: cannot assign to struct field m["a"].A in map',
    ],
    [
      'package main\n\ntype T struct{ A int }\n\nfunc f() T { return T{} }\n\nfunc main() {\n\tf().A++\n}\n',
      'main.go:8:2: cannot assign to f().A (neither addressable nor a map index expression)',
    ],
    // types2's comparableType: the first field that cannot be compared
    [
      'package main\n\ntype S struct {\n\tn int\n\tm map[string]int\n}\n\nfunc main() {\n\ta, b := S{}, S{}\n\t_ = a == b\n}\n',
      'main.go:10:6: invalid operation: a == b (struct containing map[string]int cannot be compared)',
    ],
    // a name the package does not export at all, as against one Interleave does not simulate
    [main('\tfmt.Printn("x")', '\nimport "fmt"'), 'main.go:5:6: undefined: fmt.Printn'],
    [main('\tvar mu sync.Mutx\n\t_ = mu', '\nimport "sync"'), 'main.go:5:14: undefined: sync.Mutx'],
    // arrays, as types2 checks them
    [
      main('\tvar a [3]int\n\ta[3] = 1'),
      'main.go:5:4: invalid argument: index 3 out of bounds [0:3]',
    ],
    [
      main('\tn := 3\n\tvar a [n]int\n\t_ = a'),
      'main.go:5:9: array length n (variable of type int) must be constant',
    ],
    [main('\ta := [2]int{1, 2, 3}\n\t_ = a'), 'main.go:4:20: index 2 is out of bounds (>= 2)'],
    [
      main('\tm := map[string][2]int{}\n\tm["a"][0] = 1'),
      'main.go:5:2: cannot assign to m["a"][0] (neither addressable nor a map index expression)',
    ],
    // an element of an array value (a call's result) is a value, not a variable
    [
      'package main\n\nfunc f() [3]int { return [3]int{} }\n\nfunc main() {\n\tp := &f()[0]\n\t_ = p\n}\n',
      'main.go:6:8: invalid operation: cannot take address of f()[0] (value of type int)',
    ],
    [
      'package main\n\nfunc f() [3]int { return [3]int{} }\n\nfunc main() {\n\tf()[0] = 1\n}\n',
      'main.go:6:2: cannot assign to f()[0] (neither addressable nor a map index expression)',
    ],
    // type switches, as types2 checks them
    [
      main('\tvar x interface{} = 1\n\tswitch v := x.(type) {\n\tcase int:\n\t}'),
      'main.go:5:9: declared and not used: v',
    ],
    [
      main('\tx := 1\n\tswitch x.(type) {\n\tcase int:\n\t}'),
      'main.go:5:9: x (variable of type int) is not an interface',
    ],
    [
      main('\tvar e error\n\tswitch e.(type) {\n\tcase int:\n\t}'),
      'main.go:6:7: impossible type switch case: int\n\te (variable of type error) cannot have dynamic type int (missing method Error)',
    ],
    // types2 names the field or method whose name differs only in case
    [
      main('\tvar mu sync.Mutex\n\tmu.lock()', '\nimport "sync"'),
      'main.go:6:5: mu.lock undefined (type sync.Mutex has no field or method lock, but does have method Lock)',
    ],
    [
      main('\tvar mu sync.RWMutex\n\tmu.Rlock()', '\nimport "sync"'),
      'main.go:6:5: mu.Rlock undefined (type sync.RWMutex has no field or method Rlock, but does have method RLock)',
    ],
    [
      'package main\n\ntype S struct{ Jobs int }\n\nfunc main() {\n\tvar s S\n\ts.jobs = 1\n}\n',
      'main.go:7:4: s.jobs undefined (type S has no field or method jobs, but does have field Jobs)',
    ],
    [
      'package main\n\ntype S struct{ n int }\n\nfunc main() {\n\tvar s S\n\ts.count()\n}\n',
      'main.go:7:4: s.count undefined (type S has no field or method count)',
    ],
  ])('reads like the Go compiler (%#)', (src, want) => {
    expect(errorOf(src)).toBe(want);
  });
});

describe('when the program uses something Interleave does not simulate', () => {
  it.each([
    [
      main('\tr := strings.NewReader("x")\n\t_ = r', '\nimport "strings"'),
      'main.go:5:15: unsupported: strings.NewReader is not simulated yet',
    ],
    [
      main('\tvar v atomic.Uintptr\n\t_ = &v', '\nimport "sync/atomic"'),
      'main.go:5:8: unsupported: atomic.Uintptr is not simulated',
    ],
    [
      main('\tvar ms runtime.MemStats\n\t_ = &ms', '\nimport "runtime"'),
      'main.go:5:9: unsupported: runtime.MemStats is not simulated yet',
    ],
    // (a standard package with a digit in its path is one: it is not "not in std")
    [
      main('\t_ = sha256.Size', '\nimport "crypto/sha256"'),
      'main.go:3:8: unsupported: package crypto/sha256 is not simulated',
    ],
    [
      'package main\n\ntype I interface{ M() }\ntype X struct{ *I }\n\nfunc main() { _ = X{} }\n',
      'main.go:4:16: embedded field type cannot be a pointer to an interface',
    ],
    [
      'package main\n\ntype P *int\ntype X struct{ *P }\n\nfunc main() { _ = X{} }\n',
      'main.go:4:16: embedded field type cannot be a pointer',
    ],
    [
      'package main\n\ntype S struct{ n int }\n\nfunc (s *S) Inc() {}\n\nfunc main() {\n\tf := S.Inc\n\t_ = f\n}\n',
      'main.go:8:9: invalid method expression S.Inc (needs pointer receiver (*S).Inc)',
    ],
    [
      'package main\n\ntype S struct{ n int }\n\nfunc main() {\n\tf := S.Inc\n\t_ = f\n}\n',
      'main.go:6:9: S.Inc undefined (type S has no field or method Inc)',
    ],
    [
      'package main\n\ntype S struct{ n int }\n\nfunc main() {\n\tf := S.n\n\t_ = f\n}\n',
      'main.go:6:9: S.n undefined (type S has no method n)',
    ],
    [
      main('\tfmt.Printf()', '\nimport "fmt"'),
      'main.go:5:2: not enough arguments in call to fmt.Printf\n\thave ()\n\twant (string, ...any)',
    ],
    [
      main('\tvar x interface{} = 1\n\tvar y int = x\n\t_ = y'),
      'main.go:5:14: cannot use x (variable of type interface{}) as int value in variable declaration: need type assertion',
    ],
    [
      main('\tvar x interface{ M() }\n\tvar y int = x\n\t_ = y'),
      'main.go:5:14: cannot use x (variable of type interface{M()}) as int value in variable declaration',
    ],
    [
      main('\tt := time.Now()\n\t_ = t.AddDate(0, 0, 1)', '\nimport "time"'),
      'main.go:6:8: unsupported: time.Time.AddDate is not simulated yet',
    ],
    [
      main('\tresp, _ := http.Get("x")\n\t_ = resp.Header', '\nimport "net/http"'),
      'main.go:6:11: unsupported: http.Response.Header is not simulated yet',
    ],
    [
      main('\td := time.Second\n\t_ = d.Foo()', '\nimport "time"'),
      'main.go:6:8: d.Foo undefined (type time.Duration has no field or method Foo)',
    ],
    [
      main('\tx := 3\n\tclear(x)'),
      'main.go:5:8: invalid argument: cannot clear x (variable of type int): argument must be (or constrained by) map or slice',
    ],
    [
      main('\tm := sync.Mutex{1}\n\t_ = &m', '\nimport "sync"'),
      'main.go:5:18: unsupported: elements in a sync.Mutex literal',
    ],
    [
      main('\tx := 1\n\tcopy(x, "a")'),
      'main.go:5:7: invalid argument: copy expects slice arguments; found x (variable of type int) and "a" (untyped string constant)',
    ],
    [
      main('\tvar a []int\n\tcopy(a, "s")'),
      'main.go:5:7: invalid argument: arguments to copy a (variable of type []int) and "s" (untyped string constant) have different element types int and byte',
    ],
    [
      main('\tvar a []int\n\ta = append(a, "s"...)\n\t_ = a'),
      'main.go:5:16: cannot use "s" (untyped string constant) as []int value in argument to append',
    ],
    [
      main('\tx := []int{1: 1, 1: 2}\n\t_ = x'),
      'main.go:4:19: duplicate index 1 in array or slice literal',
    ],
    [
      main('\tx := [2]int{3: 1}\n\t_ = x'),
      'main.go:4:14: invalid argument: index 3 out of bounds [0:2]',
    ],
    [main('\tx := [2]int{1, 2, 3}\n\t_ = x'), 'main.go:4:20: index 2 is out of bounds (>= 2)'],
    [
      main('\ti := 1\n\tx := []int{i: 1}\n\t_ = x'),
      'main.go:5:13: index i must be integer constant',
    ],
    [
      main('\tx := []int{-1: 1}\n\t_ = x'),
      'main.go:4:13: invalid argument: index -1 must not be negative',
    ],
    [main('L:\n\tfor {\n\t}'), 'main.go:4:1: label L defined and not used'],
    [
      main('\tfmt.Println', '\nimport "fmt"'),
      'main.go:5:2: fmt.Println (value of type func(a ...any) (n int, err error)) is not used',
    ],
    [
      'package main\n\ntype A struct{}\n\nfunc (A) M() {}\n\ntype B struct{}\n\nfunc (B) M() {}\n\ntype S struct {\n\tA\n\tB\n}\n\nfunc main() {\n\tvar s S\n\ts.M()\n}\n',
      'main.go:18:4: ambiguous selector s.M',
    ],
    [
      'package main\n\ntype I interface{ N() }\ntype J interface{ N() }\n\ntype T struct {\n\tI\n\tJ\n}\n\nfunc main() {\n\tvar t T\n\tt.N()\n}\n',
      'main.go:13:4: ambiguous selector t.N',
    ],
    [
      'package main\n\nfunc (i int) M() {}\n\nfunc main() {}\n',
      'main.go:3:9: cannot define new methods on non-local type int',
    ],
    [
      main('\tch := 1\n\tswitch ch {\n\tcase "a":\n\t}'),
      'main.go:6:7: invalid case "a" in switch on ch (mismatched types untyped string and int)',
    ],
    [
      main('\tswitch 1 {\n\tcase 1:\n\tcase 1:\n\t}'),
      'main.go:6:7: duplicate case 1 (constant of type int) in expression switch\n\tmain.go:5:7: previous case',
    ],
    [
      main('\tx := []int{1}\n\tfor i, v, w := range x {\n\t}'),
      'main.go:5:12: range clause permits at most two iteration variables',
    ],
    [
      'package main\n\nvar a = b\nvar b = f()\n\nfunc f() int { return a }\n\nfunc main() {}\n',
      'main.go:3:5: initialization cycle for a\n\tmain.go:3:5: a refers to b\n\tmain.go:4:5: b refers to f\n\tmain.go:6:6: f refers to a',
    ],
    [
      'package main\n\nvar x = func() int { return x }()\n\nfunc main() {}\n',
      'main.go:3:5: initialization cycle: x refers to itself',
    ],
    [
      main('\ts := make([]int, 2, 1)\n\t_ = s'),
      'main.go:4:19: invalid argument: length and capacity swapped',
    ],
    [
      main('\ts := make([]int, -1)\n\t_ = s'),
      'main.go:4:19: invalid argument: index -1 (constant of type int) must not be negative',
    ],
    [main('\ts := []int{1}\n\t_ = s[1:0]'), 'main.go:5:10: invalid slice indices: 0 < 1'],
    [main('\t_ = "a"[5]'), 'main.go:4:10: invalid argument: index 5 out of bounds [0:1]'],
    [
      main('\tvar a [3]int\n\t_ = a[:5]'),
      'main.go:5:9: invalid argument: index 5 out of bounds [0:4]',
    ],
    [
      main('\tfmt.Println(1 << 64)', '\nimport "fmt"'),
      'main.go:5:14: cannot use 1 << 64 (untyped int constant 18446744073709551616) as int value in argument to fmt.Println (overflows)',
    ],
    [
      main('\tfmt.Println(uint32(1 << 40))', '\nimport "fmt"'),
      'main.go:5:21: constant 1099511627776 overflows uint32',
    ],
    [
      main('\tfmt.Println(1 << 1075)', '\nimport "fmt"'),
      'main.go:5:19: invalid operation: invalid shift count 1075 (untyped int constant)',
    ],
    [
      main('\tconst c = 1 << 500\n\tfmt.Println(c * c)', '\nimport "fmt"'),
      'main.go:6:16: constant multiplication overflow',
    ],
    [
      main('\tconst c = 1.5 & 1\n\t_ = c'),
      'main.go:4:12: invalid operation: operator & not defined on 1.5 (untyped float constant)',
    ],
    [
      main('\tvar x int64 = math.MaxInt64 + 1\n\t_ = x', '\nimport "math"'),
      'main.go:5:16: cannot use math.MaxInt64 + 1 (untyped int constant 9223372036854775808) as int64 value in variable declaration (overflows)',
    ],
    [
      main('\tfmt.Println(-uint(1))', '\nimport "fmt"'),
      'main.go:5:14: -uint(1) (constant -1 of type uint) overflows uint',
    ],
    [
      main('\tfmt.Println(int8(1) << 7)', '\nimport "fmt"'),
      'main.go:5:14: int8(1) << 7 (constant 128 of type int8) overflows int8',
    ],
    [
      'package main\n\ntype A B\ntype B A\n\nfunc main() {}\n',
      'main.go:3:6: invalid recursive type A',
    ],
    [
      'package main\n\ntype I interface{ J }\ntype J interface{ I }\n\nfunc main() {}\n',
      'main.go:3:6: invalid recursive type I',
    ],
    [
      'package main\n\ntype I interface {\n\tM()\n\tJ\n}\ntype J interface{ M() int }\n\nfunc main() {}\n',
      'main.go:5:2: duplicate method M',
    ],
  ])('says what, and where, before running (%#)', (src, want) => {
    expect(errorOf(src)).toBe(want);
  });
});

describe("the subset runs with Go's semantics", () => {
  it('ranges over ints, slices, maps (sorted by fmt) and strings by rune', () => {
    const r = run(
      main(
        `\ts := 0\n\tfor i := range 4 {\n\t\ts += i\n\t}\n\tfor _, v := range []int{10, 20} {\n\t\ts += v\n\t}\n\tm := map[string]int{"b": 2, "a": 1}\n\tfor k, v := range m {\n\t\t_ = k\n\t\ts += v\n\t}\n\tfor i, r := range "héllo" {\n\t\tif r == 'l' {\n\t\t\tfmt.Println("l at", i)\n\t\t}\n\t}\n\tfmt.Println(s, m, len("héllo"))`,
        '\nimport "fmt"',
      ),
    );
    expect(r.stdout).toBe('l at 3\nl at 4\n39 map[a:1 b:2] 6\n');
  });

  it('applies Go’s operator precedence around calls, selectors and index expressions', () => {
    const r = run(readFileSync('src/engine/fixtures/precedence.go', 'utf8'));
    expect(r.stdout).toBe('true true true\n7 7 -6 10 -2\ntrue true false\n6 9 12\n');
  });

  it('promotes fields and methods through an embedded pointer, which copies share', () => {
    const r = run(readFileSync('src/engine/fixtures/embedded-pointer.go', 'utf8'));
    // Server{*Store} satisfies Adder with *Store's Add; the copy adds to the same Store
    expect(r.stdout).toBe('6 3 api 6\ntrue\n');
    // the zero Server's Store is nil: Add runs with a nil receiver and panics at s.mu
    expect(r.stderr).toMatch(
      /^panic: runtime error: invalid memory address or nil pointer dereference\n\[signal SIGSEGV[^\n]*\n\ngoroutine 1 \[running\]:\nmain\.\(\*Store\)\.Add\(\.\.\.\)\n\t[^\n]*:17\n/,
    );
    expect(r.outcome.code).toBe(2);
  });

  it('appends and copies a string’s bytes into a byte slice, as the spec’s special cases say', () => {
    const r = run(
      main(
        '\tb := []byte("ab")\n\tb = append(b, "cé"...)\n\tbuf := make([]byte, 3)\n\tn := copy(buf, "héllo")\n\tfmt.Println(string(b), len(b), n, buf)',
        '\nimport "fmt"',
      ),
    );
    expect(r.stdout).toBe('abcé 5 3 [104 195 169]\n');
  });

  it('initialises package variables in dependency order, through functions and methods', () => {
    const r = run(readFileSync('src/engine/fixtures/init-order.go', 'utf8'));
    expect(r.stdout).toBe('store 10\nprefix\np-h 10 110 100\n');
  });

  it('places indexed elements of array and slice literals, evaluated in the order written', () => {
    const r = run(readFileSync('src/engine/fixtures/indexed-literals.go', 'utf8'));
    expect(r.stdout).toBe(
      '[pending running done] 3 done\nn[7 0 0 0 0 1 2] 7 7\n["" "" "c" ""]\n[{9} {0} {0} {1}]\n[1 2 0]\n',
    );
  });

  it('gives a struct the methods of an interface it embeds: a decorator, through the interface', () => {
    const src = readFileSync('src/engine/fixtures/embedded-interface-field.go', 'utf8');
    const r = run(src);
    expect(r.stdout).toBe('3 3 3\nthrough the embedded writer\n3\ndeferred\n');
    // a nil embedded interface panics where the promoted method is called
    expect(r.stderr).toMatch(
      /^panic: runtime error: invalid memory address or nil pointer dereference\n/,
    );
    expect(r.stderr).toContain('main.go:69');
    // the decorator's own counter is not guarded: the explorer finds the lost update
    const c = compileGo(src);
    if (!c.ok) throw new Error('compile');
    const outs = explore(c.program, { maxStates: 200_000 }).outcomes.map(
      (o) => o.stdout.split('\n')[0],
    );
    expect(outs).toContain('3 3 2');
  });

  it('gives an interface the methods of the interfaces it embeds, declared before or after it', () => {
    const r = run(readFileSync('src/engine/fixtures/embedded-interfaces.go', 'utf8'));
    expect(r.stdout).toBe('not found 404 false e404\nas 404\n5 <nil>\n{3}\n');
  });

  it('reads an embedded pointer as a step other goroutines see, so a lost update through it is found', () => {
    const src = `package main\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\ntype Inner struct{ v int }\ntype Outer struct{ *Inner }\n\nfunc main() {\n\to := Outer{&Inner{}}\n\tvar wg sync.WaitGroup\n\tfor i := 0; i < 2; i++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\to.v++\n\t\t}()\n\t}\n\twg.Wait()\n\tfmt.Println(o.v)\n}\n`;
    const c = compileGo(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.msg).join('\n'));
    const found = explore(c.program, {});
    expect(found.complete).toBe(true);
    expect(found.outcomes.map((o) => o.stdout).sort()).toEqual(['1\n', '2\n']);
    const raced = runProgram(c.program, { race: true, seed: 1 });
    expect(raced.stderr).toContain('WARNING: DATA RACE');
    expect(raced.stderr).toContain('main.go:18');
  });

  it('returns what fmt.Println wrote: n, err := fmt.Println(…)', () => {
    const r = run(
      main('\tn, err := fmt.Println("héllo")\n\tfmt.Println(n, err)', '\nimport "fmt"'),
    );
    expect(r.stdout).toBe('héllo\n7 <nil>\n');
  });

  it('passes f(g()) to a variadic function: fmt.Println(g()) and a Go function’s ...int', () => {
    const r = run(
      'package main\n\nimport "fmt"\n\nfunc pair() (int, int) { return 3, 4 }\n\nfunc sum(xs ...int) int {\n\tt := 0\n\tfor _, x := range xs {\n\t\tt += x\n\t}\n\treturn t\n}\n\nfunc add(a int, xs ...int) int { return a*10 + sum(xs...) }\n\nfunc main() {\n\tfmt.Println(pair())\n\tfmt.Println(sum(pair()), add(pair()))\n}\n',
    );
    expect(r.stdout).toBe('3 4\n7 34\n');
  });

  it('makes method expressions: (*T).M and T.M as functions taking the receiver first', () => {
    const r = run(
      'package main\n\nimport "fmt"\n\ntype Store struct{ jobs map[string]int }\n\nfunc (s *Store) Add(ks ...string) int {\n\tfor _, k := range ks {\n\t\ts.jobs[k]++\n\t}\n\treturn len(s.jobs)\n}\n\nfunc (s Store) Count() int { return len(s.jobs) }\n\nfunc main() {\n\ts := &Store{jobs: map[string]int{}}\n\tadd := (*Store).Add\n\tcount := Store.Count\n\tfmt.Println(add(s, "a", "b"), (*Store).Add(s, []string{"c"}...), count(*s))\n\tdefer (*Store).Add(s, "d")\n\tfmt.Printf("%T %T\\n", add, count)\n}\n',
    );
    expect(r.stdout).toBe('2 3 3\nfunc(*main.Store, ...string) int func(main.Store) int\n');
  });

  it('makes (*T).M of a value method M: it calls M with a copy of *p, and panics on a nil p', () => {
    const r = run(
      'package main\n\nimport "fmt"\n\ntype Store struct{ jobs map[string]int }\n\nfunc (s Store) Count(extra ...int) int { return len(s.jobs) + len(extra) }\n\ntype Celsius float64\n\nfunc (c Celsius) F() float64 { return float64(c)*9/5 + 32 }\n\nfunc main() {\n\ts := &Store{jobs: map[string]int{"a": 1}}\n\tcount := (*Store).Count\n\tc := Celsius(100)\n\tfmt.Println(count(s), count(s, 1, 2), (*Celsius).F(&c))\n\tvar none *Store\n\tcount(none)\n}\n',
    );
    expect(r.stdout).toBe('1 3 212\n');
    expect(r.stderr).toMatch(
      /^panic: runtime error: invalid memory address or nil pointer dereference\n[^]*main\.main\(\)\n\t[^\n]*:19\n/,
    );
  });

  it('prints types as the runtime does: main.T, and struct { X int } with spaces', () => {
    const r = run(
      main(
        '\tp := struct{ X, Y int }{1, 2}\n\tvar e interface{} = struct{}{}\n\tfmt.Printf("%T %#v %T\\n", p, p, e)\n\t_ = e.(string)',
        '\nimport "fmt"',
      ),
    );
    expect(r.stdout).toBe('struct { X int; Y int } struct { X int; Y int }{X:1, Y:2} struct {}\n');
    expect(r.stderr).toMatch(
      /^panic: interface conversion: interface \{\} is struct \{\}, not string\n/,
    );
  });

  it('takes the address of an array element: of a variable, through *array, in a struct', () => {
    const r = run(
      'package main\n\nimport "fmt"\n\ntype S struct{ a [3]int }\n\nfunc main() {\n\tvar a [3]int\n\tp := &a[1]\n\t*p = 5\n\tpa := &a\n\tq := &pa[2]\n\t*q = 7\n\ts := &S{}\n\tr := &s.a[0]\n\t*r = 9\n\tb := a\n\t*p = 6\n\tfmt.Println(a, b, s.a)\n}\n',
    );
    expect(r.stdout).toBe('[0 6 7] [0 5 7] [9 0 0]\n');
  });

  it('copies structs (and the mutex inside) on assignment, shares maps and slices', () => {
    const r = run(
      `package main\nimport ("fmt"; "sync")\ntype S struct { mu sync.Mutex; n int; m map[string]int }\nfunc main() {\n\ta := S{m: map[string]int{}}\n\ta.mu.Lock()\n\tb := a\n\tb.n = 5\n\tb.m["x"] = 1\n\tfmt.Println(a.n, b.n, a.m["x"], b.mu.TryLock())\n}\n`,
    );
    expect(r.stdout).toBe('0 5 1 false\n');
  });

  it('makes working locks from the literals sync.Mutex{} and &sync.RWMutex{}', () => {
    const r = run(
      `package main\nimport ("fmt"; "sync")\ntype S struct { mu *sync.RWMutex; m *sync.Mutex }\nfunc main() {\n\ts := S{mu: &sync.RWMutex{}, m: &sync.Mutex{}}\n\tv := sync.Mutex{}\n\ts.mu.RLock()\n\tfmt.Println(s.mu.TryRLock(), s.mu.TryLock(), s.m.TryLock(), s.m.TryLock(), v.TryLock())\n\tv.Lock()\n}\n`,
    );
    expect(r.stdout).toBe('true false true false true\n');
    expect(r.stderr).toMatch(/^fatal error: all goroutines are asleep - deadlock!\n/);
    expect(r.outcome.code).toBe(2);
  });

  it('returns several values, defers in LIFO order and recovers a panic into a named result', () => {
    const r = run(
      `package main\nimport ("errors"; "fmt")\nfunc div(a, b int) (q int, err error) {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\terr = errors.New(fmt.Sprint("recovered: ", r))\n\t\t}\n\t}()\n\tdefer fmt.Println("second")\n\tdefer fmt.Println("first")\n\treturn a / b, nil\n}\nfunc main() {\n\tq, err := div(7, 2)\n\tfmt.Println(q, err)\n\t_, err = div(1, 0)\n\tfmt.Printf("%v|%q|%5d|%-4s|%x|%T\\n", err, "hi", 42, "ab", 255, err)\n}\n`,
    );
    expect(r.stdout).toBe(
      'first\nsecond\n3 <nil>\nfirst\nsecond\nrecovered: runtime error: integer divide by zero|"hi"|   42|ab  |ff|*errors.errorString\n',
    );
  });

  it('prints an unrecovered panic the way Go does, exit 2', () => {
    const r = run(`package main\n\nfunc main() {\n\tpanic("boom")\n}\n`);
    expect(r.outcome.code).toBe(2);
    expect(r.stderr).toBe('panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\tmain.go:4\n');
  });

  it('runs the package variables, then each func init in source order, then main', () => {
    const r = run(
      'package main\n\nimport "fmt"\n\nvar jobs map[string]int\nvar order = note("var")\n\nfunc note(s string) string {\n\tfmt.Println("init var", s)\n\treturn s\n}\n\nfunc init() {\n\tjobs = map[string]int{}\n\tfmt.Println("init 1", order)\n}\n\nfunc init() {\n\tjobs["a"] = 1\n\tgo func() {}()\n\tfmt.Println("init 2", len(jobs))\n}\n\nfunc main() {\n\tfmt.Println("main", len(jobs))\n}\n',
    );
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe('init var var\ninit 1 var\ninit 2 1\nmain 1\n');
  });

  it('reports a panic in func init under main.init.0, as Go numbers it', () => {
    const r = run('package main\n\nfunc init() {\n\tpanic("boom")\n}\n\nfunc main() {\n}\n');
    expect(r.outcome.code).toBe(2);
    expect(r.stderr).toBe('panic: boom\n\ngoroutine 1 [running]:\nmain.init.0()\n\tmain.go:4\n');
    expect(errorOf('package main\n\nfunc init() int {\n\treturn 1\n}\n\nfunc main() {\n}\n')).toBe(
      'main.go:3:6: func init must have no arguments and no return values',
    );
    expect(errorOf('package main\n\nfunc init() {\n}\n\nfunc main() {\n\tinit()\n}\n')).toBe(
      'main.go:7:2: undefined: init',
    );
  });

  it('assigns to the fields of a struct through a pointer kept in a map, or in a slice', () => {
    const r = run(
      main(
        '\ttype T struct{ A int }\n\tm := map[string]*T{"a": {}}\n\tm["a"].A = 5\n\tts := []T{{}}\n\tts[0].A++\n\tfmt.Println(*m["a"], ts)',
        '\nimport "fmt"',
      ),
    );
    expect(r.stdout).toBe('{5} [{1}]\n');
  });

  it('prints floats as strconv does (%e from an exponent of 6) and a nil operand of a bad verb', () => {
    const r = run(
      main(
        '\tfmt.Println(999999.0, 1234567.0, 0.0001, 0.00001, 1e21, 123456.789)\n\tfmt.Printf("%s|%d\\n", nil, nil)',
        '\nimport "fmt"',
      ),
    );
    expect(r.stdout).toBe(
      '999999 1.234567e+06 0.0001 1e-05 1e+21 123456.789\n%!s(<nil>)|%!d(<nil>)\n',
    );
  });

  it('has arrays: values copied whole, indexed, sliced (sharing storage), ranged over a copy', () => {
    const src = readFileSync(new URL('../fixtures/arrays.go', import.meta.url), 'utf8');
    const r = run(src);
    expect(r.stdout).toBe(
      [
        '[0 5 0] [9 5 0] 3 3 true true',
        '[x y] [2]string{"x", "y"} 2',
        '[0 5 7] [0 5 7] [5]',
        '{[1 0 0] [ n]} 100',
        '42 3',
        '0 42 1 5 2 7 ',
        '[1 1 1 1]',
        'runtime error: index out of range [5] with length 3',
        '',
      ].join('\n'),
    );
    // goroutines that each write their own element do not race
    const c = compileGo(src);
    if (!c.ok) throw new Error('compile');
    expect(runProgram(c.program, { race: true, seed: 1 }).outcome.code).toBe(0);
  });

  it('carries values in a context (the nearest key wins), deadlines from a time.Time, and Deadline()', () => {
    const src = readFileSync(new URL('../fixtures/context-values.go', import.meta.url), 'utf8');
    expect(run(src).stdout).toBe(
      [
        'request r-42 <nil> <nil>',
        'request r-42 <nil> context deadline exceeded',
        'context.Background.WithValue(main.ctxKey, r-42)',
        'context.Background.WithValue(k, v)',
        'none false',
        'none false',
        '50ms true',
        '50ms true',
        '',
      ].join('\n'),
    );
  });

  it('switches on dynamic types: nil, several types in a case, interfaces, v typed per case', () => {
    const src = readFileSync(new URL('../fixtures/type-switch.go', import.meta.url), 'utf8');
    expect(run(src).stdout).toBe(
      'nil\ninteger 3\ninteger 4\nstring of 3\nerror e\nslice 2\nother float64\nmissing 7 clash 8 ok unknown\n',
    );
  });

  it('joins errors (errors.Join, several %w) into a tree that errors.Is and As walk', () => {
    const src = readFileSync(new URL('../fixtures/errors-join.go', import.meta.url), 'utf8');
    expect(run(src).stdout).toBe(
      'a failed\ncode 7\ntrue false true\ntrue 7\nboth: a failed and b failed true true\ntrue true true\ntrue 9 true\n',
    );
  });

  it("gives the library's errors their own types: errorString, wrapError, wrapErrors, joinError", () => {
    const src = readFileSync(new URL('../fixtures/errors-types.go', import.meta.url), 'utf8');
    expect(run(src).stdout).toBe(
      '*errors.errorString *fmt.wrapError *fmt.wrapErrors *errors.joinError *fmt.wrapError *fmt.wrapError\n' +
        'bad: %!w(int=5) | nil: %!w(<nil>) | true false\n2 b\n2 a\ntrue\nfalse\n',
    );
  });

  it('clears a map, a slice (its elements zeroed, a pointer to one sees it) and an array', () => {
    const r = run(
      'package main\n\nimport "fmt"\n\ntype P struct{ X, Y int }\n\nfunc main() {\n\tm := map[string]int{"a": 1}\n\tclear(m)\n\ts := []int{1, 2, 3}\n\tclear(s[1:])\n\tps := []P{{1, 2}, {3, 4}}\n\tp := &ps[0]\n\tclear(ps)\n\tvar arr [3]string\n\tarr[0] = "x"\n\tclear(arr[:])\n\tvar nils []int\n\tclear(nils)\n\tfmt.Println(len(m), s, ps, *p, len(arr[0]))\n}\n',
    );
    expect(r.stdout).toBe('0 [1 0 0] [{0 0} {0 0}] {0 0} 0\n');
  });

  it("walks an error's chain as errors.Is, As and Unwrap do, calling the program's Unwrap and Is", () => {
    const src = readFileSync(new URL('../fixtures/errors-chain.go', import.meta.url), 'utf8');
    const r = run(src);
    expect(r.stdout).toBe(
      'find: job 7 not found\ntrue\ntrue 7\nfalse\ntrue save\ntrue\nfalse true\nerrors: target cannot be nil\n',
    );
  });

  it('answers runtime.NumCPU and GOMAXPROCS for a simulated 8-CPU machine', () => {
    const r = run(
      main(
        '\tfmt.Println(runtime.NumCPU(), runtime.GOMAXPROCS(1), runtime.GOMAXPROCS(0))',
        '\nimport (\n\t"fmt"\n\t"runtime"\n)',
      ),
    );
    expect(r.stdout).toBe('8 8 1\n');
  });

  it('prints %#v as Go source, the way fmt does', () => {
    const r = run(
      main(
        '\ttype Job struct {\n\t\tID   string\n\t\tTags []string\n\t\tM    map[string]int\n\t\tErr  error\n\t\tNext *Job\n\t}\n\tj := &Job{ID: "1", Tags: []string{"a"}, M: map[string]int{"z": 1, "a": 2}}\n\tvar p *Job\n\tvar s []int\n\tfmt.Printf("%#v\\n%#v %#v %#v %#v %#v\\n", j, p, s, nil, uint8(7), errors.New("e"))',
        '\nimport (\n\t"errors"\n\t"fmt"\n)',
      ),
    );
    expect(r.stdout).toBe(
      '&main.Job{ID:"1", Tags:[]string{"a"}, M:map[string]int{"a":2, "z":1}, Err:error(nil), Next:(*main.Job)(nil)}\n(*main.Job)(nil) []int(nil) <nil> 0x7 &errors.errorString{s:"e"}\n',
    );
  });

  it('ends a statement at the end of a line after true, false or nil (lezer/go did not)', () => {
    const r = run(
      main(
        '\tdone := false\n\tgo func() {}()\n\tok := true\n\tdefer fmt.Println(done, ok)\n\tvar p *int\n\tp = nil\n\tfmt.Println(p == nil)',
        '\nimport "fmt"',
      ),
    );
    expect(r.stdout).toBe('true\nfalse true\n');
  });

  it('computes float32 in float32: each result rounded to 24 bits, printed in its own digits', () => {
    const r = run(
      main(
        [
          '\tvar s float32\n\tfor i := 0; i < 10; i++ {\n\t\ts += 0.1\n\t}\n\tfmt.Println(s, s == 1)',
          '\tvar f float32 = 16777216\n\tf = f + 1\n\tfmt.Println(f, float64(f))',
          '\tvar a, b float32 = 1.1, 3\n\tfmt.Println(a*b, float64(a), a/b, []float32{0.1, 0.2})',
          '\tconst c float32 = 0.1\n\tfmt.Printf("%v %.10f %g %T\\n", c*3, c, float32(1)/3, c)',
          "\tfmt.Println(strconv.FormatFloat(0.1, 'g', -1, 32), strconv.FormatFloat(0.1, 'g', -1, 64))",
          '\tfmt.Println(strconv.ParseFloat("0.1", 32))',
        ].join('\n'),
        '\nimport (\n\t"fmt"\n\t"strconv"\n)',
      ),
    );
    expect(r.stdout).toBe(
      [
        '1.0000001 false',
        '1.6777216e+07 1.6777216e+07',
        '3.3000002 1.100000023841858 0.36666667 [0.1 0.2]',
        '0.3 0.1000000015 0.33333334 float32',
        '0.1 0.1',
        '0.10000000149011612 <nil>',
        '',
      ].join('\n'),
    );
  });

  it('takes a package constant in a type or a signature declared before or after it', () => {
    const r = run(
      'package main\n\nimport "fmt"\n\ntype S struct {\n\ta [n]int\n\tc Color\n}\n\nfunc f(x [n * 2]string) int { return len(x) }\n\nconst n = 3\n\ntype Color int\n\nconst (\n\tRed Color = iota + n\n\tBlue\n)\n\nvar g [Blue]bool\n\nfunc main() {\n\tvar s S\n\tfmt.Println(s, f([6]string{}), len(g), Red, Blue)\n}\n',
    );
    expect(r.stdout).toBe('{[0 0 0] 0} 6 4 3 4\n');
  });

  it('computes 64-bit integers exactly, past 2^53 too, and wraps them as Go does', () => {
    const r = run(
      main(
        [
          '\ty := 1 << 52\n\ty *= 4\n\tx := int64(1) << 40\n\tfmt.Println(y, ^x, -x, ^int32(5), ^uint32(0), ^uint8(1))',
          '\tns := time.Now().UnixNano()\n\tfmt.Println(ns+1000 > ns, ns+1-ns)',
          '\tvar u uint64 = 3\n\tu--\n\tfmt.Println(u)\n\tu -= 3\n\tfmt.Println(u, u+1, u/3, u%1000, u>>60, int64(u))',
          // a string hash past 2^53 (h*31 + c), and FNV-1a's 64 bits
          '\th := 0\n\tfor _, c := range "hello world" {\n\t\th = h*31 + int(c)\n\t}\n\tfmt.Println(h)',
          '\tvar f uint64 = 14695981039346656037\n\tfor _, c := range []byte("hello") {\n\t\tf ^= uint64(c)\n\t\tf *= 1099511628211\n\t}\n\tfmt.Printf("%d %x\\n", f, f)',
          // the greatest int plus one is the least; the least has no opposite
          '\tm := math.MaxInt64\n\tm++\n\tfmt.Println(m, -m, m == math.MinInt64, m-1, uint64(m))',
          '\tn := -1\n\tg := -1e19\n\tfmt.Println(uint64(n), uint32(n), int64(1e18)+1, float64(math.MaxInt64), int64(g))',
          '\tmin := math.MaxInt\n\tfor _, v := range []int{5, 3, 9} {\n\t\tif v < min {\n\t\t\tmin = v\n\t\t}\n\t}\n\tfmt.Println(min)',
        ].join('\n'),
        '\nimport (\n\t"fmt"\n\t"math"\n\t"time"\n)',
      ),
    );
    expect(r.outcome.code).toBe(0);
    // ^x of a 64-bit x is -x - 1 (JavaScript's ~ has 32 bits); u is 2 - 3 as a uint64
    expect(r.stdout).toBe(
      [
        '18014398509481984 -1099511627777 -1099511627776 -6 4294967295 254',
        'true 1',
        '2',
        '18446744073709551615 0 6148914691236517205 615 15 -1',
        '88006926820958916',
        '11831194018420276491 a430d84680aabd0b',
        '-9223372036854775808 -9223372036854775808 true 9223372036854775807 9223372036854775808',
        '18446744073709551615 4294967295 1000000000000000001 9.223372036854776e+18 -9223372036854775808',
        '3',
        '',
      ].join('\n'),
    );
  });

  it('prints an exact integer past 2^53 with all its digits, and shifts as the spec says', () => {
    const r = run(
      main(
        '\tn := 62\n\tfmt.Println(1<<n, -(1 << n), strconv.Itoa(1<<n), strconv.FormatInt(1<<n, 16))\n\tfmt.Printf("%d %x\\n", 3<<(n-2), 1<<n)\n\tvar b byte = 1 << (n - 53)\n\tvar i64 int64 = 1 << (n - 53)\n\tfmt.Println(b, i64)\n\tm := -1\n\tfmt.Println(1 << m)',
        '\nimport (\n\t"fmt"\n\t"strconv"\n)',
      ),
    );
    // (JavaScript's own String writes 2^62 as 4611686018427388000; a constant shifted by a
    // variable takes its context's type: int64 for FormatInt, byte, where 1 << 9 is 0)
    expect(r.stdout).toBe(
      '4611686018427387904 -4611686018427387904 4611686018427387904 4000000000000000\n' +
        '3458764513820540928 4000000000000000\n0 512\n',
    );
    expect(r.outcome.code).toBe(2);
    expect(r.stderr).toContain('panic: runtime error: negative shift amount\n');
    expect(errorOf(main('\tn := 2\n\tvar f float64 = 1 << n\n\t_ = f'))).toBe(
      'main.go:5:18: invalid operation: shifted operand 1 (type float64) must be integer',
    );
  });

  it('reads \\x and octal escapes in a string as bytes of UTF-8, and in a rune as its value', () => {
    const r = run(
      main(
        '\ts := "\\xc3\\xa9"\n\tfmt.Println(s, len(s), s == "\\u00e9", s == "\\303\\251", \'\\xff\', \'\\377\', "\\U0001F600")',
        '\nimport "fmt"',
      ),
    );
    expect(r.stdout).toBe('é 2 true true 255 255 😀\n');
    expect(errorOf(main('\t_ = "\\ud800"'))).toBe(
      'main.go:4:6: escape is invalid Unicode code point U+D800',
    );
  });

  it("assigns several targets in the spec's two phases: their operands, the values, then the stores", () => {
    const r = run(
      main(
        '\ts := []int{1, 2, 3}\n\ti := 0\n\ti, s[i] = 1, 9\n\tm := map[string]int{}\n\tk := "a"\n\tk, m[k] = "b", 1\n\ttype P struct{ X int }\n\tp := &P{}\n\tq := p\n\tp, p.X = &P{}, 5\n\tfmt.Println(i, s, k, m, q.X, p.X)',
        '\nimport "fmt"',
      ),
    );
    expect(r.stdout).toBe('1 [9 2 3] b map[a:1] 5 0\n');
  });

  it('converts an integer constant that is no code point to the string U+FFFD, as Go (no crash)', () => {
    const r = run(
      main(
        '\tn := -1\n\tfmt.Println(string(rune(-1)) == "\\uFFFD", string(rune(0xD800)) == "\\uFFFD", string(rune(n)) == "\\uFFFD", string(rune(65)))',
        '\nimport "fmt"',
      ),
    );
    expect(r.stdout).toBe('true true true A\n');
  });

  it('converts a float no int64 holds as amd64 does, and stops a string past the size limit politely', () => {
    const r = run(
      main(
        '\tx := 1e308\n\tz := 0.0\n\tfmt.Println(int64(x), int(-x*10), int64(z/z), int64(1e17))\n\ts := "ab"\n\tfor i := 0; i < 40; i++ {\n\t\ts += s\n\t}',
        '\nimport "fmt"',
      ),
    );
    // (the spec leaves the first three to the implementation: amd64 gives the least int64)
    expect(r.stdout).toBe(
      '-9223372036854775808 -9223372036854775808 -9223372036854775808 100000000000000000\n',
    );
    expect(r.outcome.kind).toBe('limit');
    expect(r.stderr).toContain('a string grew past 16,000,000 bytes (the string size limit)');
    const big = run(
      main(
        '\tfmt.Println(len(strings.Repeat("ab", 1<<40)))',
        '\nimport (\n\t"fmt"\n\t"strings"\n)',
      ),
    );
    expect(big.outcome.kind).toBe('limit');
    const base = run(
      main('\tfmt.Println(strconv.FormatInt(5, 1))', '\nimport (\n\t"fmt"\n\t"strconv"\n)'),
    );
    expect(base.stderr).toContain('panic: strconv: illegal AppendInt/FormatInt base\n');
  });

  it('stops a program that never ends at the step budget, politely', () => {
    const c = compileGo(main('\tfor {\n\t}'));
    if (!c.ok) throw new Error('compile');
    const r = runProgram(c.program, { limits: { steps: 5000 } });
    expect(r.outcome.kind).toBe('limit');
    expect(r.outcome.code).toBe(124);
    expect(r.stderr).toMatch(/stopped after 5,000 steps \(the step budget\)/);
  });
});
