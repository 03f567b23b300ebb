/**
 * strings, sort and strconv, as Go's: results in Go's format (indexes in bytes), sort.Slice's
 * order for equal elements as Go's insertion sort gives it, less run as Go code, and the
 * sorted slice's writes seen by the race detector.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, formatDiagnostic, runProgram, type Program } from '../index';
import { refusal } from '../testing/driver';
import { explore } from '../explore/explore';

function compile(src: string): Program {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

/** Run main's body with these imports (fmt always); its stdout. */
const out = (body: string, imports: string, race = false) =>
  runProgram(
    compile(`package main

import (
	"fmt"
	${imports}
)

func main() {
${body}
}
`),
    { race },
  );

describe('conversions between strings and byte or rune slices', () => {
  it('encodes and decodes UTF-8 as Go does, into slices of their own', () => {
    const r = out(
      [
        '\ts := "héllo"',
        '\tbs := []byte(s)',
        '\trs := []rune(s)',
        "\tbs[0] = 'H'",
        '\tfmt.Println(bs, rs, len(bs), len(rs), s, string(bs), string(rs[1:3]))',
        // an invalid rune becomes U+FFFD, as in Go
        '\tfmt.Printf("%q %T %T\\n", string([]rune{72, -1, 0x1F600}), bs, rs)',
      ].join('\n'),
      '',
    );
    expect(r.stdout).toBe(
      '[72 195 169 108 108 111] [104 233 108 108 111] 6 5 héllo Héllo él\n"H\ufffd😀" []uint8 []int32\n',
    );
  });
});

describe('fmt.Fprint, Fprintf and Fprintln', () => {
  it('write to os.Stdout and os.Stderr in order, to a strings.Builder, and through a program’s Write', () => {
    const src = `package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

type counter struct{ n int }

func (c *counter) Write(p []byte) (int, error) {
	c.n += len(p)
	return len(p), nil
}

func main() {
	var sb strings.Builder
	c := &counter{}
	for _, w := range []io.Writer{os.Stdout, &sb, c} {
		fmt.Fprintf(w, "%d jobs\\n", 3)
	}
	n, err := fmt.Fprintln(os.Stderr, "warning:", "héllo")
	fmt.Fprint(os.Stdout, "a", 1, 2, "b\\n")
	os.Stdout.WriteString(sb.String())
	var nilFile *os.File
	fmt.Println(n, err, c.n, os.Stdout, os.Stderr == os.Stderr)
	fmt.Println(fmt.Fprintln(nilFile, "lost"))
}
`;
    const r = runProgram(compile(src), {});
    expect(r.stdout).toBe(
      '3 jobs\na1 2b\n3 jobs\n16 <nil> 7 &{0xc000010820} true\n0 invalid argument\n',
    );
    expect(r.stderr).toBe('warning: héllo\n');
    // written in the order a terminal would show them
    expect(r.outcome.code).toBe(0);
  });
});

describe('fmt.Stringer', () => {
  it('holds any value with a String method, and fmt prints such values through it', () => {
    const r = out(
      [
        '\tvar s fmt.Stringer = level(2)',
        '\tfmt.Println(s, s.String())',
        '\tfmt.Printf("%v %s %d %T\\n", s, level(1), level(1), s)',
        '\tvar none fmt.Stringer',
        '\tfmt.Println(none == nil)',
      ].join('\n') +
        '\n}\n\ntype level int\n\nfunc (l level) String() string {\n\treturn [...]string{"low", "mid", "high"}[l]',
      '',
    );
    expect(r.stdout).toBe('high high\nhigh mid 1 main.level\ntrue\n');
  });

  it('formats what String or Error returns for %s %q %x %X, whatever the kind of the value', () => {
    // print.go's handleMethods runs before the value's own kind is looked at: a string type
    // with a String method is printed through it by %s, and %x of a Stringer int is its text
    // in hex; %d is not one of those verbs, and a field that is not exported is never
    // printed through its methods
    const r = out(
      [
        '\tfmt.Printf("%s|%.3s|%6s|%q|%x|%d\\n", name("ab"), name("cdef"), name("g"), name("h"), name("i"), name("j"))',
        '\tfmt.Printf("%s|%x|%X|%d|%q\\n", level(1), level(2), level(2), level(1), []name{"k"})',
        '\tfmt.Printf("%s %x\\n", struct{ n, N name }{"l", "m"}, errors.New("hi"))',
      ].join('\n') +
        '\n}\n\ntype name string\n\nfunc (n name) String() string { return "<" + string(n) + ">" }\n\ntype level int\n\nfunc (l level) String() string {\n\treturn [...]string{"low", "mid", "high"}[l]',
      '"errors"',
    );
    expect(r.stdout).toBe(
      '<ab>|<cd|   <g>|"<h>"|3c693e|%!d(main.name=<j>)\nmid|68696768|68696768|1|["<k>"]\n{l <m>} 6869\n',
    );
  });

  it('calls String on a nil pointer, and prints a panic in String or Error as fmt catches it', () => {
    // print.go's catchPanic: <nil> for a nil pointer, else %!verb(PANIC=String method: value);
    // the program goes on. A String method on the pointer may answer for nil itself.
    const r = out(
      [
        '\tvar t *tree',
        '\tfmt.Println(t, &tree{2, &tree{v: 1}, nil})',
        '\tvar v *val',
        '\tvar np *boom',
        '\tfmt.Printf("%v|%s|%q|%d\\n", boom{}, boom{}, np, boom{})',
        '\tfmt.Println(v, oops{}, "after")',
      ].join('\n') +
        '\n}\n\ntype tree struct {\n\tv    int\n\tl, r *tree\n}\n\nfunc (t *tree) String() string {\n\tif t == nil {\n\t\treturn "()"\n\t}\n\treturn fmt.Sprintf("(%v %d %v)", t.l, t.v, t.r)\n}\n\ntype val struct{ n int }\n\nfunc (v val) String() string { return "val" }\n\ntype boom struct{ n int }\n\nfunc (b *boom) String() string { return fmt.Sprint(b.n) }\n\nfunc (b boom) Error() string { panic("no") }\n\ntype oops struct{}\n\nfunc (oops) String() string {\n\tvar m map[string]int\n\tm["x"] = 1\n\treturn ""',
      '',
    );
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe(
      '() ((() 1 ()) 2 ())\n' +
        '%!v(PANIC=Error method: no)|%!s(PANIC=Error method: no)|<nil>|{0}\n' +
        '<nil> %!v(PANIC=String method: assignment to entry in nil map) after\n',
    );
  });
});

describe('%q, as strconv.Quote and QuoteRune', () => {
  it('escapes BEL, BS, FF and VT by name, and what IsPrint refuses in hexadecimal', () => {
    const src = readFileSync(new URL('../fixtures/quote.go', import.meta.url), 'utf8');
    expect(runProgram(compile(src), {}).stdout).toBe(
      String.raw`"a\ab\vc\u00a0d\u200be😀\U000e0001" "é\x7f\f\b"` +
        '\n' +
        String.raw`'\a' '"' '\'' '\u0085' 'é'` +
        '\n',
    );
  });
});

describe('byte and rune at run time', () => {
  it('are uint8 and int32 to %T and to panics, and %#v names a []byte so at the top only', () => {
    const r = out(
      [
        '\tb := []byte("hi")',
        '\tvar n []byte',
        '\tfmt.Printf("%T %#v %#v %#v %#v %T\\n", b, b, n, s{b}, [2]byte{1, 2}, rune(65))',
        '\tvar i interface{} = b[0]',
        '\t_ = i.(string)',
        '}',
        'type s struct{ B []byte }',
        'func f() {',
      ].join('\n'),
      '',
    );
    expect(r.stdout).toBe(
      '[]uint8 []byte{0x68, 0x69} []byte(nil) main.s{B:[]uint8{0x68, 0x69}} [2]uint8{0x1, 0x2} int32\n',
    );
    expect(r.stderr).toContain('panic: interface conversion: interface {} is uint8, not string');
  });
});

describe('%c and %U of values that are no code point, and WriteRune of one', () => {
  it('give U+FFFD and the value as a uint64, as fmtC and fmtUnicode do (it was an internal error)', () => {
    const r = out(
      [
        '\tvar sb strings.Builder',
        '\tsb.WriteRune(-1)',
        '\tfmt.Println(sb.Len(), sb.String() == "\\uFFFD")',
        '\tfmt.Printf("%c|%U|%#U|%#U|%#U|%c\\n", -1, -1, 0x110000, 0x41, 0xA0, 3.5)',
      ].join('\n'),
      '"strings"',
    );
    expect(r.stdout).toBe(
      "3 true\n\uFFFD|U+FFFFFFFFFFFFFFFF|U+110000|U+0041 'A'|U+00A0|%!c(float64=3.5)\n",
    );
  });
});

describe('fmt’s fmtPointer', () => {
  it('writes a pointer’s or func’s address as an integer for %d %x, 0 for nil, and %p of any nil as 0x0', () => {
    const r = out(
      [
        '\tx := 5',
        '\tp := &x',
        '\tv, _ := strconv.ParseInt(fmt.Sprintf("%x", p), 16, 64)',
        '\tfmt.Println(fmt.Sprintf("%d", p) == strconv.FormatInt(v, 10), fmt.Sprintf("%x", p) == fmt.Sprintf("%p", p)[2:], v > 0)',
        '\tvar m map[string]int',
        '\tvar f func()',
        '\tvar ip *int',
        '\tfmt.Printf("%d %x %p %p %d %v %x\\n", m, f, m, ip, ip, ip, &t{255, nil})',
        '}',
        'type t struct {',
        '\tA int',
        '\tP *int',
      ].join('\n'),
      '"strconv"',
    );
    expect(r.stdout).toBe('true true true\nmap[] 0 0x0 0x0 0 <nil> &{ff 0}\n');
  });
});

describe('fmt and fields that are not exported', () => {
  it('prints what such a field holds without its String or Error method, at any depth, as Go does', () => {
    const src = readFileSync(
      new URL('../fixtures/fmt-unexported-fields.go', import.meta.url),
      'utf8',
    );
    expect(runProgram(compile(src), {}).stdout).toBe(
      [
        '{n map[a:{a}] map[a:job a] 1000000000 1s <nil> boom {f} job F {0 0 <nil>} 0001-01-01 00:00:00 +0000 UTC [{l}]}',
        '{Name:n jobs:map[a:{ID:a}] Jobs:map[a:job a] d:1000000000 D:1s err:<nil> Err:boom first:{ID:f} First:job F at:{wall:0 ext:0 loc:<nil>} At:0001-01-01 00:00:00 +0000 UTC list:[{ID:l}]}',
        'time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)',
        'struct { at time.Time }{at:time.Time{wall:0x0, ext:0, loc:(*time.Location)(nil)}}',
        '1000000000',
        // the same values read out of the fields are printed through their methods
        'job f [job l] map[a:job a]',
        '',
      ].join('\n'),
    );
  });
});

describe('Printf’s float verbs', () => {
  it('round as Go does, take %g’s precision, and know %E, %G, -0, Inf and NaN', () => {
    const r = out(
      [
        '\tz := 0.0',
        '\tfmt.Printf("%.1f|%.0f|%.2f|%.3g|%.2g|%.10g|%G|%E\\n", 0.25, 2.5, 1e21, 3.14159, 123456.0, 1.0/3, 1e21, 1234.5678)',
        '\tfmt.Printf("%.2f|%.0f|%+.1f|%5.1f|% .1f|%08.2f\\n", -z, -0.0, math.Inf(1), math.NaN(), 1.0, -3.14159)',
        "\tfmt.Println(strconv.FormatFloat(2.5, 'f', 0, 64), strconv.FormatFloat(1234.5678, 'g', 5, 64))",
      ].join('\n'),
      '"math"\n\t"strconv"',
    );
    expect(r.stdout).toBe(
      '0.2|2|1000000000000000000000.00|3.14|1.2e+05|0.3333333333|1E+21|1.234568E+03\n' +
        '-0.00|0|+Inf|  NaN| 1.0|-0003.14\n' +
        '2 1234.6\n',
    );
  });
});

describe('Printf’s integer verbs, hex strings and argument indexes', () => {
  it('write prefixes, precision and zero padding as fmtInteger and fmtSbx do', () => {
    const r = out(
      [
        '\tfmt.Printf("[%#08x|%08.3d|%.3d|%.0d|%5.0d|%#x|%+05d|%-6x|%#b|%#o|%O|%06d]\\n", 255, 7, 7, 0, 0, -255, 42, 255, 5, 8, 8, -42)',
        '\tfmt.Printf("[% x|%# x|%#x|%.1x|%X|%#U]\\n", "hi", "hi", []byte("hi"), "hi", []byte("hi"), \'é\')',
        '\tfmt.Printf("%[2]d %[1]d %d|%[9]d|%[x]d|%*d|%-*d|\\n", 1, 2, 4, 3, 2, 7)',
        '\tfmt.Printf("%[1]s %[1]q %d\\n", "a", 2)',
      ].join('\n'),
      '',
    );
    expect(r.stdout).toBe(
      '[0x000000ff|     007|007||     |-0xff|+0042|ff    |0b101|010|0o10|-00042]\n' +
        "[68 69|0x68 0x69|0x6869|68|6869|U+00E9 'é']\n" +
        '2 1 2|%!d(BADINDEX)|%!d(BADINDEX)|   3|7 |\n' +
        'a "a" 2\n',
    );
  });
});

describe('unicode, unicode/utf8 and slices.Clone', () => {
  it('answer as Go: classes by Unicode category, simple case mapping, append’s capacity', () => {
    const r = out(
      [
        "\tfmt.Println(unicode.IsUpper('A'), unicode.IsUpper('é'), unicode.IsLower('é'), unicode.IsLetter('1'), unicode.IsDigit('٣'), unicode.IsNumber('½'), unicode.IsDigit('½'), unicode.IsSpace('\\u0085'), unicode.IsPunct('!'), unicode.IsUpper(-1))",
        "\tfmt.Println(string(unicode.ToUpper('é')), string(unicode.ToUpper('ß')), unicode.ToLower('A'), unicode.MaxRune)",
        '\tr, n := utf8.DecodeRuneInString("héllo")',
        '\tl, m := utf8.DecodeLastRuneInString("hé")',
        '\te, z := utf8.DecodeRuneInString("")',
        '\tfmt.Println(utf8.RuneCountInString("héllo"), utf8.RuneLen(\'é\'), utf8.RuneLen(-1), utf8.RuneLen(0x1F600), r, n, l, m, e, z, utf8.ValidRune(0xD800))',
        '\tvar nilS []int',
        '\tx := []int{1, 2, 3, 4, 5}',
        '\tc := slices.Clone(x)',
        '\tc[0] = 9',
        '\tfmt.Println(slices.Clone(nilS) == nil, slices.Clone([]int{}) == nil, x, c, len(c), cap(c))',
      ].join('\n'),
      '"slices"\n\t"unicode"\n\t"unicode/utf8"',
    );
    expect(r.stdout).toBe(
      'true false true false true true false true true false\n' +
        'É ß 97 1114111\n' +
        '5 2 -1 4 104 1 233 2 65533 0 false\n' +
        'true false [1 2 3 4 5] [9 2 3 4 5] 5 6\n',
    );
  });
});

describe('sort’s searches and sortedness checks, and strings.Map', () => {
  it('call the program’s functions as Go’s loops do, and answer as Go', () => {
    const r = out(
      [
        '\tcalls := 0',
        '\ti := sort.Search(100, func(i int) bool { calls++; return i*i >= 50 })',
        '\tfmt.Println(i, calls, sort.Search(0, nil), sort.SearchInts([]int{1, 3, 5}, 4), sort.SearchInts([]int{1, 3}, 9))',
        '\tfmt.Println(sort.SearchStrings([]string{"a", "c"}, "b"), sort.SearchFloat64s([]float64{1.5, 2.5}, 2.5))',
        '\tjobs := byName{{"b"}, {"a"}}',
        '\tfmt.Println(sort.IsSorted(jobs), sort.IsSorted(sort.Reverse(jobs)), jobs.less())',
        '\tfmt.Println(sort.SliceIsSorted(jobs, func(i, j int) bool { return jobs[i].n < jobs[j].n }), sort.SliceIsSorted([]int{}, nil))',
        '\tfmt.Println(sort.IntsAreSorted([]int{1, 2, 2}), sort.IntsAreSorted([]int{2, 1}), sort.StringsAreSorted(nil), sort.Float64sAreSorted([]float64{1, 0.5}))',
        '\tfmt.Println(strings.Map(func(r rune) rune {',
        "\t\tif r == '-' {",
        '\t\t\treturn -1',
        '\t\t}',
        '\t\treturn r + 1',
        '\t}, "a-b-é"))',
        '}',
        'type job struct{ n string }',
        'type byName []job',
        'var lessCalls int',
        'func (b byName) Len() int { return len(b) }',
        'func (b byName) Less(i, j int) bool { lessCalls++; return b[i].n < b[j].n }',
        'func (b byName) Swap(i, j int) { b[i], b[j] = b[j], b[i] }',
        'func (b byName) less() int {',
        '\treturn lessCalls',
      ].join('\n'),
      '"sort"\n\t"strings"',
    );
    expect(r.stdout).toBe('8 7 0 2 2\n1 1\nfalse true 2\nfalse true\ntrue false true false\nbcê\n');
  });
});

describe('a slice passed with ... to a library function', () => {
  it('gives it the elements one by one, read when the call runs (deferred or in a goroutine too)', () => {
    const r = out(
      [
        '\tparts := []any{"a", 1, true}',
        '\tfmt.Println(parts...)',
        '\tlogf("%d jobs, %s", 3, "ok")',
        '\tvar none []any',
        '\tfmt.Println(none...)',
        '\tfmt.Println(errors.Join([]error{errors.New("e1"), errors.New("e2")}...))',
        '\tdefer fmt.Println(parts...)',
        '\tvar sb strings.Builder',
        '\tfmt.Fprintf(&sb, "%v-%v-%v", parts...)',
        '\tfmt.Println(sb.String())',
        '\tvar wg sync.WaitGroup',
        '\twg.Add(1)',
        '\tgo func() { defer wg.Done(); fmt.Print(parts[1:]...) }()',
        '\twg.Wait()',
        '\tparts[0] = "changed"',
        '}',
        'func logf(format string, args ...any) {',
        '\tfmt.Printf("[log] "+format+"\\n", args...)',
      ].join('\n'),
      '"errors"\n\t"strings"\n\t"sync"',
    );
    expect(r.stdout).toBe('a 1 true\n[log] 3 jobs, ok\n\ne1\ne2\na-1-true\n1 truechanged 1 true\n');
  });
});

describe('a variadic library function as a value', () => {
  it('takes its arguments as Go passes them to any function value, in a slice', () => {
    const r = out(
      [
        '\tlogf("%s=%d\\n", "x", 1)',
        '\tp := fmt.Println',
        '\tp("a", "b")',
        '\tp()',
        '\tapply(fmt.Println, 1, 2)',
        '\tsp := fmt.Sprintf',
        '\tfmt.Println(sp("%03d", 7), strings.ToUpper(sp("%v", true)))',
        '}',
        'var logf = fmt.Printf',
        'func apply(f func(a ...any) (int, error), xs ...any) {',
        '\tn, err := f(xs...)',
        '\tfmt.Println(n, err)',
      ].join('\n'),
      '"strings"',
    );
    expect(r.stdout).toBe('x=1\na b\n\n1 2\n4 <nil>\n007 TRUE\n');
  });
});

describe('a library function as a value inside the only argument of a variadic call', () => {
  it('calls that function (its wrapper was made while the compiler peeked at the argument)', () => {
    const r = out(
      [
        '\tfmt.Println(apply(strings.ToUpper))',
        '\tfmt.Println(strings.TrimLeftFunc("  x  ", unicode.IsSpace) + "|")',
        '}',
        'func apply(f func(string) string) string {',
        '\treturn f("go")',
      ].join('\n'),
      '"strings"\n\t"unicode"',
    );
    expect(r.stdout).toBe('GO\nx  |\n');
  });
});

describe('strings’ functions of a func(rune) bool, and the last index of a byte or rune', () => {
  it('ask f about the runes in Go’s order and answer with byte indexes', () => {
    const r = out(
      [
        '\tasked := ""',
        '\tdigit := func(r rune) bool { asked += string(r); return unicode.IsDigit(r) }',
        '\tfmt.Println(strings.IndexFunc("héllo1", digit), strings.LastIndexFunc("1é2é", digit), strings.IndexFunc("abc", digit), strings.ContainsFunc("ab1", digit))',
        '\tfmt.Println(asked)',
        '\tfmt.Printf("%q %q %q %q\\n", strings.FieldsFunc("  a,b;;c ", func(r rune) bool { return r == \',\' || r == \';\' || r == \' \' }), strings.TrimFunc("12ab34", unicode.IsDigit), strings.TrimLeftFunc("  x  ", unicode.IsSpace), strings.TrimRightFunc("  x  ", unicode.IsSpace))',
        '\tfmt.Println(strings.LastIndexByte("abca", \'a\'), strings.LastIndexAny("héllo wörld", "éö"), strings.LastIndexAny("abc", "xyz"))',
        '\tfmt.Printf("%q %q %q\\n", strings.SplitAfter("a,b,", ","), strings.SplitAfter("ab", ""), strings.ToTitle("ǆa ა"))',
      ].join('\n'),
      '"strings"\n\t"unicode"',
    );
    expect(r.stdout).toBe(
      '6 3 -1 true\nhéllo1é2abcab1\n' +
        '["a" "b" "c"] "ab" "x  " "  x"\n' +
        '3 8 -1\n' +
        '["a," "b," ""] ["a" "b"] "ǅA ა"\n',
    );
  });
});

describe('a precision with %v and %q', () => {
  it('truncates strings and texts of String and Error, and is %g’s and the integer’s precision', () => {
    const r = out(
      [
        '\tfmt.Printf("%.2v|%.3v|%.1v|%6.2v|%+.3v|\\n", 3.14159, 7, "abc", "hello", 7)',
        '\tfmt.Printf("%.2v|%.2v|%.1v|%.2v|%.3v|\\n", S("xyz"), errors.New("boom"), T{5, "hello"}, []string{"abc", "defg"}, []float64{1.23456, 2})',
        '\tfmt.Printf("%.2q|%8.3v|%-8.3v|%.0v|\\n", "hello", 3.14159, 2.0, 2.5)',
        '}',
        'type S string',
        'func (s S) String() string { return "S:" + string(s) }',
        'type T struct {',
        '\tA int',
        '\tB string',
      ].join('\n'),
      '"errors"',
    );
    expect(r.stdout).toBe(
      '3.1|007|a|    he|007|\n' + 'S:|bo|{5 h}|[ab de]|[1.23 2]|\n' + '"he"|    3.14|2       |2|\n',
    );
  });
});

describe('Printf’s verbs on slices, arrays, maps and structs', () => {
  it('go to each element, entry and field, each padded to the width, as print.go does', () => {
    const r = out(
      [
        '\ttype pair struct{ A, B int }',
        '\tfmt.Printf("%q %q %x %5d|%-3s|\\n", []string{"a", "b"}, [2]string{"x"}, []int{10, 255}, []int{1}, []string{"s"})',
        '\tfmt.Printf("%q %d %03d %v\\n", map[string]int{"k": 1}, pair{1, 2}, &pair{3, 4}, []string(nil))',
        '\tfmt.Printf("%4v|%x|%s|%d\\n", []int{7}, []byte("hi"), [2]byte{104, 105}, []byte("hi"))',
        '\tfmt.Printf("%d %s\\n", []string{"a"}, []int{1})',
      ].join('\n'),
      '',
    );
    expect(r.stdout).toBe(
      [
        '["a" "b"] ["x" ""] [a ff] [    1]|[s  ]|',
        `map["k":'\\x01'] {1 2} &{003 004} []`,
        '[   7]|6869|hi|[104 105]',
        '[%!d(string=a)] [%!s(int=1)]',
        '',
      ].join('\n'),
    );
  });
});

describe('strings.Cut and friends, and strconv’s parsers and FormatFloat', () => {
  it('give Go’s results and errors', () => {
    const src = readFileSync(new URL('../fixtures/strconv-strings.go', import.meta.url), 'utf8');
    expect(runProgram(compile(src), {}).stdout).toBe(
      [
        'k v=w true',
        'kv  false',
        '7 true',
        '["a" "b,c"] ["a" "b"]',
        'true 3',
        '42 <nil>',
        '-31 <nil>',
        '5 <nil>',
        '1000 <nil>',
        '2147483647 strconv.ParseInt: parsing "99999999999": value out of range',
        '0 strconv.ParseInt: parsing "x": invalid syntax',
        '511 <nil>',
        '255 <nil>',
        '2.5 <nil>',
        '1000 <nil>',
        '-Inf <nil>',
        'NaN <nil>',
        '+Inf strconv.ParseFloat: parsing "1e400": value out of range',
        '0 strconv.ParseFloat: parsing "abc": invalid syntax',
        '0.5 <nil>',
        'true <nil>',
        'false strconv.ParseBool: parsing "yes": invalid syntax',
        '2.50 1000000000000000000000 0.000001234 1.2345e+03 1234.5 6.667e-01 false',
        '',
      ].join('\n'),
    );
  });
});

describe('package slices', () => {
  it('sorts, searches and reverses as Go does, and panics on the Max of nothing', () => {
    const src = readFileSync(new URL('../fixtures/slices.go', import.meta.url), 'utf8');
    expect(runProgram(compile(src), {}).stdout).toBe(
      '[j1 j2 j3] true -1 9 2\n[9 2 5] true -1\n[1 2 3]\nslices.Max: empty list\n',
    );
  });

  it('sorts and searches with the program’s functions, cmp.Compare and strings.Compare', () => {
    const r = runProgram(
      compile(`package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Job struct {
	ID   string
	Prio int
}

func main() {
	jobs := []Job{{"c", 2}, {"a", 1}, {"b", 2}, {"d", 1}}
	slices.SortFunc(jobs, func(x, y Job) int { return cmp.Compare(x.Prio, y.Prio) })
	fmt.Println(jobs)
	slices.SortStableFunc(jobs, func(x, y Job) int { return strings.Compare(y.ID, x.ID) })
	fmt.Println(jobs)
	i := slices.IndexFunc(jobs, func(j Job) bool { return j.Prio == 2 })
	fmt.Println(i, slices.ContainsFunc(jobs, func(j Job) bool { return j.ID == "z" }), cmp.Less(1.5, 2), cmp.Compare("b", "a"))
}
`),
      {},
    );
    // (up to 12 elements, Go's pdqsort is an insertion sort: equal elements keep their order)
    expect(r.stdout).toBe('[{a 1} {d 1} {c 2} {b 2}]\n[{d 1} {c 2} {b 2} {a 1}]\n1 false true 1\n');
  });

  it('searches a sorted slice and compares two, as slices.BinarySearch and Equal do', () => {
    const r = out(
      [
        '\txs := []int{1, 3, 5, 7}',
        '\ti, ok := slices.BinarySearch(xs, 5)',
        '\tj, ok2 := slices.BinarySearch(xs, 4)',
        '\tk, ok3 := slices.BinarySearch(xs, 9)',
        '\tfmt.Println(i, ok, j, ok2, k, ok3)',
        '\tfmt.Println(slices.BinarySearch([]string{"a", "c"}, "b"))',
        '\tfmt.Println(slices.Equal(xs, []int{1, 3, 5, 7}), slices.Equal(xs, xs[:2]), slices.Equal([]int(nil), []int{}))',
      ].join('\n'),
      '"slices"',
    );
    expect(r.stdout).toBe('2 true 2 false 4 false\n1 false\ntrue false true\n');
  });

  it('says why a type does not fit, in types2’s words', () => {
    const err = (body: string) => {
      const c = compileGo(`package main\n\nimport "slices"\n\nfunc main() {\n\t${body}\n}\n`);
      return c.ok ? '' : formatDiagnostic('main.go', c.diagnostics[0]!);
    };
    expect(err('slices.Sort(3)')).toBe(
      'main.go:6:9: in call to slices.Sort, S (type int) does not satisfy ~[]E',
    );
    expect(err('slices.Contains([]func(){}, nil)')).toBe(
      'main.go:6:9: in call to slices.Contains, E (type func()) does not satisfy comparable',
    );
  });
});

describe('math', () => {
  it('computes as Go’s does, its special cases included', () => {
    const r = out(
      [
        '\tfmt.Println(math.Max(2, 3), math.Sqrt(16), math.Inf(1), math.Abs(-2.5), math.Floor(2.7))',
        // half away from zero, not JavaScript's half up; half to even
        '\tfmt.Println(math.Round(-2.5), math.Round(0.49999999999999994), math.RoundToEven(2.5), math.RoundToEven(3.5))',
        '\tfmt.Println(math.Pi, math.MaxInt32, math.Pow(2, 10), math.Pow(1, math.NaN()), math.Pow(-1, math.Inf(1)))',
        '\tfmt.Println(math.IsInf(math.Inf(-1), 0), math.IsInf(math.Inf(-1), 1), math.IsNaN(math.NaN()), math.Mod(-7, 3), math.Min(3, math.NaN()), math.Signbit(math.Copysign(0, -1)))',
      ].join('\n'),
      '"math"',
    );
    expect(r.stdout).toBe(
      '3 4 +Inf 2.5 2\n-3 0 2 4\n3.141592653589793 2147483647 1024 1 1\ntrue false true -1 NaN true\n',
    );
  });

  it('gives a float’s IEEE 754 bits and back (Float64bits, Float32bits), and FormatUint', () => {
    const r = out(
      '\tfmt.Println(math.Float64bits(1.0), math.Float64frombits(0x3ff8000000000000), math.Float32bits(1.5), math.Float32frombits(0x3fc00000))\n\tfmt.Println(math.Float64bits(math.Copysign(0, -1)), math.Float64bits(-0.0), strconv.FormatUint(math.MaxUint64, 16), strconv.FormatUint(255, 2))',
      '"math"\n\t"strconv"',
    );
    // (a constant -0.0 is 0: only a computed one has the sign bit)
    expect(r.stdout).toBe(
      '4607182418800017408 1.5 1069547520 1.5\n9223372036854775808 0 ffffffffffffffff 11111111\n',
    );
  });

  it('has the constants past 2^53, exactly (math.MaxInt64, MinInt64, MaxUint64)', () => {
    const r = out(
      '\tfmt.Println(math.MaxInt64, math.MinInt64, uint64(math.MaxUint64), math.MaxInt == math.MaxInt64)\n\tfmt.Println(strconv.Itoa(math.MinInt), strconv.FormatInt(math.MaxInt64, 36), strconv.FormatInt(math.MinInt64, 2))',
      '"math"\n\t"strconv"',
    );
    expect(r.stdout).toBe(
      '9223372036854775807 -9223372036854775808 18446744073709551615 true\n' +
        '-9223372036854775808 1y2p0ij32e8e7 -1000000000000000000000000000000000000000000000000000000000000000\n',
    );
  });
});

describe('strconv.ParseUint', () => {
  it('takes no sign, and answers out of range with the largest value, as Go does', () => {
    const r = out(
      [
        '\tfmt.Println(strconv.ParseUint("42", 10, 32))',
        '\tfmt.Println(strconv.ParseUint("-1", 10, 64))',
        '\tfmt.Println(strconv.ParseUint("300", 10, 8))',
        '\tfmt.Println(strconv.ParseUint("0xff", 0, 16))',
        '\tfmt.Println(strconv.ParseUint("+5", 10, 8))',
      ].join('\n'),
      '"strconv"',
    );
    expect(r.stdout).toBe(
      [
        '42 <nil>',
        '0 strconv.ParseUint: parsing "-1": invalid syntax',
        '255 strconv.ParseUint: parsing "300": value out of range',
        '255 <nil>',
        '0 strconv.ParseUint: parsing "+5": invalid syntax',
        '',
      ].join('\n'),
    );
  });
});

describe('strings', () => {
  it('gives Go’s results: byte indexes, empty fields, rune-wise case', () => {
    const r = out(
      [
        '\tfmt.Println(strings.ToUpper("héllo"), strings.Contains("jobstore", "store"), strings.Index("héllo", "l"))',
        '\tparts := strings.Split("a,b,,c", ",")',
        '\tfmt.Println(len(parts), strings.Join(parts, "|"))',
        '\tfmt.Printf("%q\\n", strings.Fields("  one two\\tthree\\n"))',
        '\tfmt.Println(strings.Replace("aaaa", "a", "b", 2), strings.ReplaceAll("x-y-z", "-", ""), strings.Repeat("ab", 3))',
        '\tfmt.Printf("%q %q %q\\n", strings.TrimSpace("  hi \\n"), strings.Trim("xxhixx", "x"), strings.TrimSuffix("job.go", ".go"))',
        '\tfmt.Println(strings.Count("cheese", "e"), strings.Count("five", ""), strings.HasPrefix("job-1", "job"))',
        '\tfmt.Println(strings.TrimLeft("xxyxz", "x"), strings.TrimRight("a--", "-"), strings.TrimLeft("ééa", "é"))',
        '\tfmt.Println(strings.ContainsRune("héllo", \'é\'), strings.IndexRune("héllo", \'l\'), strings.IndexByte("héllo", \'l\'), strings.IndexRune("abc", \'z\'))',
      ].join('\n'),
      '"strings"',
    );
    expect(r.stdout).toBe(
      [
        'HÉLLO true 3',
        '4 a|b||c',
        '["one" "two" "three"]',
        'bbaa xyz ababab',
        '"hi" "hi" "job"',
        '3 5 true',
        'yxz a a',
        'true 3 3 -1',
        '',
      ].join('\n'),
    );
  });

  it('strings.Reader is refused as not simulated', () => {
    const c = compileGo(
      'package main\n\nimport "strings"\n\nfunc main() {\n\tr := strings.NewReader("x")\n\t_ = r\n}\n',
    );
    expect(c.ok).toBe(false);
    if (!c.ok)
      expect(c.diagnostics.map((d) => d.msg)).toEqual([
        'unsupported: strings.NewReader is not simulated yet',
      ]);
  });
});

describe('strconv', () => {
  it('Atoi returns strconv’s errors, FormatInt and Quote format as Go', () => {
    const r = out(
      '\tn, err := strconv.Atoi("42")\n\tfmt.Println(n, err)\n\t_, err = strconv.Atoi("4x2")\n\tfmt.Println(err)\n\tfmt.Println(strconv.FormatInt(255, 16), strconv.Quote("a\\"b"))',
      '"strconv"',
    );
    expect(r.stdout).toBe('42 <nil>\nstrconv.Atoi: parsing "4x2": invalid syntax\nff "a\\"b"\n');
  });
});

describe('sort', () => {
  it('sorts ints and strings, and sort.Slice keeps Go’s order for equal keys', () => {
    const r = out(
      [
        '\txs := []int{5, 2, 9, 1}',
        '\tsort.Ints(xs)',
        '\tss := []string{"b", "c", "a"}',
        '\tsort.Strings(ss)',
        '\ttype Job struct {\n\t\tID   int\n\t\tName string\n\t}',
        '\tjobs := []Job{{3, "c"}, {1, "a"}, {2, "b"}, {1, "z"}}',
        '\tsort.Slice(jobs, func(i, j int) bool { return jobs[i].ID < jobs[j].ID })',
        '\tfmt.Println(xs, ss, jobs)',
        '\tsort.SliceStable(jobs, func(i, j int) bool { return jobs[i].Name > jobs[j].Name })',
        '\tfmt.Println(jobs)',
      ].join('\n'),
      '"sort"',
    );
    // Go's insertion sort (12 elements or fewer) moves {1 z} behind {1 a}, not before it
    expect(r.stdout).toBe(
      '[1 2 5 9] [a b c] [{1 a} {1 z} {2 b} {3 c}]\n[{1 z} {3 c} {2 b} {1 a}]\n',
    );
  });

  it('sorting writes the slice: sorting a shared slice beside a reader is a race', () => {
    const r = out(
      [
        '\txs := []int{3, 1, 2}',
        '\tvar wg sync.WaitGroup',
        '\twg.Add(1)',
        '\tgo func() {\n\t\tdefer wg.Done()\n\t\tsort.Ints(xs)\n\t}()',
        '\tfmt.Println(xs[0])',
        '\twg.Wait()',
      ].join('\n'),
      '"sort"\n\t"sync"',
      true,
    );
    expect(r.outcome.code).toBe(66);
    expect(r.stderr).toMatch(/WARNING: DATA RACE/);
  });

  it('sort.Slice on something that is not a slice panics as reflect does', () => {
    const r = out(
      '\tsort.Slice(3, func(i, j int) bool { return false })\n\tfmt.Println()',
      '"sort"',
    );
    expect(r.outcome.code).toBe(2);
    expect(r.stderr).toMatch(/^panic: reflect: call of Swapper on int Value\n/);
  });

  it('sort.Slice of a nil slice does nothing, as Go (it panicked)', () => {
    const r = out(
      '\tvar a []int\n\tsort.Slice(a, func(i, j int) bool { return false })\n\tsort.SliceStable(a, nil)\n\tfmt.Println(a == nil)',
      '"sort"',
    );
    expect(r.outcome.code).toBe(0);
    expect(r.stdout).toBe('true\n');
  });
});

describe('sort.Sort and sort.Stable over the program’s own sort.Interface', () => {
  it('call Len, Less and Swap as Go’s sort does: the same order as sort.Slice gives', () => {
    const src = readFileSync(new URL('../fixtures/sort-interface.go', import.meta.url), 'utf8');
    const r = runProgram(compile(src), {});
    const lines = r.stdout.trim().split('\n');
    const keys = (line: string) => [...line.matchAll(/\{j\d+ (\d)\}/g)].map((x) => Number(x[1]));
    // sorted by priority, each of them
    for (const line of lines.slice(0, 4))
      expect(keys(line)).toEqual([...keys(line)].sort((a, b) => a - b));
    // sort.Sort and sort.Slice run the same algorithm on the same data: the same order
    expect(lines[0]).toBe(lines[2]);
    // sort.Stable keeps equal elements in their first order
    expect(lines[1]).toBe(
      '[{j0 0} {j3 0} {j6 0} {j9 0} {j12 0} {j15 0} {j18 0} {j1 1} {j4 1} {j7 1} {j10 1} {j13 1} {j16 1} {j19 1} {j2 2} {j5 2} {j8 2} {j11 2} {j14 2} {j17 2}]',
    );
    // a nil sort.Interface: calling its Len is a nil dereference, recovered here
    expect(lines[4]).toBe('runtime error: invalid memory address or nil pointer dereference');
  });

  it('sort.IntSlice, StringSlice, Float64Slice and sort.Reverse, as Go has them', () => {
    const src = readFileSync(new URL('../fixtures/sort-reverse.go', import.meta.url), 'utf8');
    expect(runProgram(compile(src), {}).stdout).toBe(
      [
        '[9 6 5 4 3 2 1 1]',
        '[a b c] 3 true',
        '[ccc bb a]',
        '[3 2.5 1] 3',
        '*sort.reverse [2 1]',
        'runtime error: index out of range [5] with length 3',
        '',
      ].join('\n'),
    );
  });

  it('refuses what is not a sort.Interface, in types2’s words', () => {
    expect(
      refusal('package main\n\nimport "sort"\n\nfunc main() {\n\tsort.Sort([]int{1})\n}\n'),
    ).toBe(
      '6:12: cannot use []int{…} (value of type []int) as sort.Interface value in argument to sort.Sort: []int does not implement sort.Interface (missing method Len)',
    );
  });
});

describe('strings.NewReplacer', () => {
  it('replaces from left to right, the first pair in argument order winning, as Go does', () => {
    const r = out(
      [
        '\tesc := strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;")',
        '\tfmt.Println(esc.Replace(`<a href="x&y">`))',
        // (Go's doc: the comparisons are done in argument order)
        '\tfmt.Println(strings.NewReplacer("a", "1", "a", "2").Replace("aaa"))',
        '\tfmt.Println(strings.NewReplacer("aaa", "3", "aa", "2", "a", "1").Replace("aaaa"))',
        '\tfmt.Println(strings.NewReplacer("a", "1", "aaa", "3").Replace("aaaa"))',
        '\tfmt.Println(strings.NewReplacer("hello", "bye").Replace("hello hellohello"))',
        // an empty old string matches everywhere, but not twice in a row at one place
        '\tfmt.Println(strings.NewReplacer("", "X").Replace("ab"), strings.NewReplacer("", "X", "a", "A").Replace("ab"), strings.NewReplacer("a", "A", "", "X").Replace("ab"))',
        '\tvar r *strings.Replacer = strings.NewReplacer()\n\tfmt.Printf("%T %q\\n", r, r.Replace("same"))',
        '\tstrings.NewReplacer("odd")',
      ].join('\n'),
      '"strings"',
    );
    expect(r.stdout).toBe(
      [
        '&lt;a href="x&amp;y"&gt;',
        '111',
        '31',
        '1111',
        'bye byebye',
        'XaXbX XAXbX AXbX',
        '*strings.Replacer "same"',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toContain('panic: strings.NewReplacer: odd argument count\n');
  });
});

describe('hash/fnv', () => {
  it('hashes as Go does: FNV-1 and FNV-1a, 32 and 64 bits, Sum big-endian', () => {
    const r = out(
      [
        '\tfor _, s := range []string{"", "a", "hello"} {',
        '\t\th1, h1a, h64, h64a := fnv.New32(), fnv.New32a(), fnv.New64(), fnv.New64a()',
        '\t\tfor _, h := range []hash.Hash{h1, h1a, h64, h64a} {',
        '\t\t\th.Write([]byte(s))',
        '\t\t}',
        '\t\tfmt.Println(h1.Sum32(), h1a.Sum32(), h64.Sum64(), h64a.Sum64(), h1a.Sum(nil), h64a.Sum([]byte{9}))',
        '\t}',
        '\tvar h hash.Hash32 = fnv.New32a()',
        '\tfmt.Fprintf(h, "job-%d", 1)',
        '\tfmt.Printf("%T %d %d %d\\n", h, h.Sum32(), h.Size(), h.BlockSize())',
        '\th.Reset()',
        '\tfmt.Println(h.Sum32())',
      ].join('\n'),
      '"hash"\n\t"hash/fnv"',
    );
    // (the values from FNV's definition, worked out apart from Interleave)
    expect(r.stdout).toBe(
      [
        '2166136261 2166136261 14695981039346656037 14695981039346656037 [129 28 157 197] [9 203 242 156 228 132 34 35 37]',
        '84696446 3826002220 12638153115695167422 12638187200555641996 [228 12 41 44] [9 175 99 220 76 134 1 236 140]',
        '3069866343 1335831723 8883723591023973575 11831194018420276491 [79 159 44 171] [9 164 48 216 70 128 170 189 11]',
        '*fnv.sum32a 801270038 4 1',
        '2166136261',
        '',
      ].join('\n'),
    );
  });

  it('picks the shard of a store striped by hash, whose locks lose no update under any schedule', () => {
    const src = `package main

import (
	"fmt"
	"hash/fnv"
	"sync"
)

const shards = 4

type Store struct {
	mu   [shards]sync.Mutex
	jobs [shards]map[string]int
}

func (s *Store) shard(key string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(key))
	return h.Sum32() % shards
}

func (s *Store) Add(key string) {
	i := s.shard(key)
	s.mu[i].Lock()
	defer s.mu[i].Unlock()
	s.jobs[i][key]++
}

func main() {
	var s Store
	for i := range s.jobs {
		s.jobs[i] = map[string]int{}
	}
	var wg sync.WaitGroup
	for _, k := range []string{"job-1", "job-2", "job-1"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Add(k)
		}()
	}
	wg.Wait()
	fmt.Println(s.jobs)
}
`;
    const r = explore(compile(src), { maxStates: 300_000 });
    expect(r.complete).toBe(true);
    // job-1 is in shard 2 and job-2 in shard 3 (FNV-1a mod 4)
    expect(r.outcomes.map((o) => [o.exit, o.stdout])).toEqual([
      [0, '[map[] map[] map[job-1:2] map[job-2:1]]\n'],
    ]);
  });
});

describe('strings.Builder', () => {
  it('builds text, counts its bytes in UTF-8, and resets', () => {
    const c = compileGo(`package main

import (
	"fmt"
	"strings"
)

func main() {
	var sb strings.Builder
	sb.WriteString("jobs:")
	sb.WriteByte(' ')
	sb.WriteRune('é')
	n, err := sb.WriteString("1")
	fmt.Println(sb.String(), sb.Len(), n, err)
	sb.Reset()
	fmt.Printf("%q\\n", sb.String())
}
`);
    if (!c.ok) throw new Error(c.diagnostics[0]?.msg);
    expect(runProgram(c.program, { seed: 1 }).stdout).toBe('jobs: é1 9 1 <nil>\n""\n');
  });
});

describe('bytes.Buffer', () => {
  it('is written as a strings.Builder is, by its methods and fmt.Fprintf, and prints as its text', () => {
    expect(
      out(
        `	var b bytes.Buffer
	b.WriteString("héllo")
	b.WriteByte(' ')
	fmt.Fprintf(&b, "%d!", 42)
	b.WriteRune('世')
	fmt.Println(b.String(), b.Len(), len(b.Bytes()))
	p := bytes.NewBufferString("x")
	p.Write([]byte("yz"))
	var none *bytes.Buffer
	var sb strings.Builder
	sb.WriteString("sb")
	fmt.Println(p, none, &sb)
	b.Reset()
	fmt.Printf("%q %v\\n", b.String(), b.Len())`,
        '"bytes"\n\t"strings"',
      ).stdout,
    ).toBe('héllo 42!世 13 13\nxyz <nil> sb\n"" 0\n');
  });

  it('shared without a lock, races as Go’s does', () => {
    const r = explore(
      compile(`package main

import (
	"bytes"
	"fmt"
	"sync"
)

func main() {
	var b bytes.Buffer
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Fprintf(&b, "%d", i)
		}()
	}
	wg.Wait()
	fmt.Println(b.Len())
}
`),
      { race: true, maxStates: 10_000 },
    );
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => o.first)).toEqual(['WARNING: DATA RACE']);
  });
});
