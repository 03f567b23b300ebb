/**
 * encoding/json's Marshal, MarshalIndent and Encoder against what Go 1.23 writes: struct tags,
 * embedded fields, omitempty and string, sorted map keys, []byte as base64, floats, HTML
 * escaping, a type's own MarshalJSON, the errors; and a map marshalled while another
 * goroutine writes it, which is Go's fatal error.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileGo, formatDiagnostic, runProgram } from '../index';
import { explore } from '../explore/explore';
import { base64, indentJSON, jsonFloat, tagValue } from './json';

function compiled(src: string) {
  const c = compileGo(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => formatDiagnostic('main.go', d)).join('\n'));
  return c.program;
}

describe('encoding/json', () => {
  it('writes what Go writes', () => {
    const src = readFileSync(new URL('../fixtures/json-marshal.go', import.meta.url), 'utf8');
    const r = runProgram(compiled(src), { seed: 1 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '{"id":7,"created":"0001-01-01T00:00:00Z","name":"build \\u003c1\\u003e \\u0026 \\"x\\"","meta":{"a":1,"b":2},"count":"42","ratio":0.000001,"data":"aGkh","any":[1,"x",null,2.5e+21],"Plain":false} <nil>',
        '{',
        '  "10": "L3",',
        '  "2": "L1"',
        '}',
        '[',
        '>\t1,',
        '>\t2',
        '>]',
        '{}',
        'json: unsupported type: func()',
        '{"M":null,"S":null,"E":[],"P":null}',
        '',
      ].join('\n'),
    );
  });

  it('dies as Go does when it marshals a map another goroutine is writing, under some schedule', () => {
    const r = explore(
      compiled(`package main

import (
	"encoding/json"
	"fmt"
	"sync"
)

func main() {
	jobs := map[string]int{"a": 1}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		jobs["b"] = 2
	}()
	go func() {
		defer wg.Done()
		b, _ := json.Marshal(jobs)
		_ = b
	}()
	wg.Wait()
	fmt.Println(len(jobs))
}
`),
      { maxStates: 10_000 },
    );
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => o.first).sort()).toEqual([
      '',
      'fatal error: concurrent map iteration and map write',
    ]);
  });

  it('promotes embedded fields as Go does: the shallowest name wins, a tagged one breaks a tie, a tie drops both', () => {
    const r = runProgram(
      compiled(`package main

import (
	"encoding/json"
	"fmt"
)

type A struct {
	Name string
	X    int
}

type B struct {
	Name string \`json:"Name"\`
	X    int
}

type C struct {
	A
	B
	X int \`json:"y"\`
}

type D struct {
	*A
	Z int \`json:",omitempty"\`
}

func main() {
	b, _ := json.Marshal(C{A{"a", 1}, B{"b", 2}, 3})
	fmt.Println(string(b))
	b, _ = json.Marshal(D{})
	fmt.Println(string(b))
	b, _ = json.Marshal(D{A: &A{"p", 4}, Z: 5})
	fmt.Println(string(b))
}
`),
      { seed: 1 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('{"Name":"b","y":3}\n{}\n{"Name":"p","X":4,"Z":5}\n');
  });

  it('formats floats, escapes and indents as encode.go and indent.go do', () => {
    expect(jsonFloat(1e21, 'float64')).toBe('1e+21');
    expect(jsonFloat(1e20, 'float64')).toBe('100000000000000000000');
    expect(jsonFloat(1.5e-7, 'float64')).toBe('1.5e-7');
    expect(jsonFloat(0.1, 'float32')).toBe('0.1');
    expect(() => jsonFloat(Number.NaN, 'float64')).toThrow();
    expect(base64([104, 105])).toBe('aGk=');
    expect(base64([])).toBe('');
    expect(indentJSON('{"a":[],"b":{"c":"x,y"}}', '', ' ')).toBe(
      '{\n "a": [],\n "b": {\n  "c": "x,y"\n }\n}',
    );
    expect(tagValue('xml:"a" json:"id,omitempty"', 'json')).toBe('id,omitempty');
    expect(tagValue('json:"-"', 'json')).toBe('-');
    expect(tagValue('yaml:"x"', 'json')).toBeNull();
  });
});

describe('struct tags', () => {
  it('are part of a struct type (printed by %T), left out by conversions', () => {
    const r = runProgram(
      compiled(
        'package main\n\nimport "fmt"\n\ntype A struct {\n\tX int `json:"x"`\n}\n\ntype B struct{ X int }\n\nfunc main() {\n\ta := A{1}\n\tvar s struct {\n\t\tY int `json:"y"`\n\t}\n\tfmt.Printf("%T %v %v\\n", s, B(a), (*B)(&a))\n}\n',
      ),
      { seed: 1 },
    );
    expect(r.stdout).toBe('struct { Y int "json:\\"y\\"" } {1} &{1}\n');
    const c = compileGo(
      'package main\n\ntype A struct {\n\tX int `json:"x"`\n}\n\ntype B struct{ X int }\n\nfunc main() {\n\tvar b struct{ X int } = A{1}\n\t_ = b\n}\n',
    );
    expect(c.ok).toBe(false);
    if (!c.ok)
      expect(formatDiagnostic('main.go', c.diagnostics[0] as (typeof c.diagnostics)[number])).toBe(
        'main.go:10:26: cannot use A{…} (value of type A) as struct{X int} value in variable declaration',
      );
  });
});
