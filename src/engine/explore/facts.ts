/**
 * What the explorer needs to know about a program before it starts: facts read off the
 * compiled code once, each of which allows a reduction when it holds.
 */
import { Op, type Instr, type Program } from '../lang/code';
import { FnVal } from '../runtime/values';

export interface ProgramFacts {
  /** some code ranges over a map, so the order in which entries were added can show */
  readonly rangesOverMaps: boolean;
  /** virtual time can pass (time.Sleep, http.Get, context.WithTimeout): a Mutex may starve */
  readonly usesClock: boolean;
  /** runtime.NumGoroutine is called, so the number of goroutines can show */
  readonly countsGoroutines: boolean;
  /**
   * WaitGroup.Add is called only by main.main itself (not through a function value or an
   * interface), and nothing calls main.main: while main waits, counters only go down
   */
  readonly addsOnlyInMain: boolean;
  /** WaitGroup.Wait is called only by main.main itself, in the same sense */
  readonly waitsOnlyInMain: boolean;
}

/** What can make a program wait for virtual time (a sleep, a deadline, a timer). */
const CLOCK = new Set([
  'time.Sleep',
  'http.Get',
  'context.WithTimeout',
  'context.WithTimeoutCause',
  'context.WithDeadline',
  'context.WithDeadlineCause',
  'time.AfterFunc',
  'time.After',
  'time.NewTimer',
  'time.NewTicker',
  'time.Tick',
]);

function nativeName(ins: Instr): string {
  return ins.op === Op.Native ? (ins.c as { name: string }).name : '';
}

/** Whether any instruction refers to function id (calls it, starts it, or makes a value of it). */
function referenced(program: Program, id: number): boolean {
  return program.funcs.some((f) =>
    f.code.some((ins) => {
      if ((ins.op === Op.Call || ins.op === Op.Closure || ins.op === Op.MethodVal) && ins.a === id)
        return true;
      const c = ins.c as unknown;
      if (c instanceof FnVal) return c.fn === id;
      return typeof c === 'object' && c !== null && 'fn' in c && (c as { fn: unknown }).fn === id;
    }),
  );
}

/** Whether library method `name` (e.g. 'Add') of WaitGroup is called only by main.main itself. */
function onlyInMain(program: Program, method: string, nargs: number): boolean {
  const native = `sync.WaitGroup.${method}`;
  const wrapper = program.trampolines.get(`${native}/${nargs}`);
  return (
    program.funcs.every(
      (f) =>
        f.id === program.main ||
        f.id === wrapper ||
        !f.code.some((ins) => nativeName(ins) === native),
    ) &&
    (wrapper === undefined || !referenced(program, wrapper)) &&
    !program.funcs.some((f) =>
      f.code.some(
        (ins) => (ins.op === Op.CallI || ins.op === Op.IfaceMethodVal) && ins.c === method,
      ),
    ) &&
    !referenced(program, program.main)
  );
}

/**
 * Whether the program calls library method `native` of nargs arguments (its receiver
 * counted): from its own code, through the method's wrapper (every library method has one)
 * as a value, or through an interface method of that name.
 */
function callsLibrary(program: Program, native: string, nargs: number): boolean {
  const wrapper = program.trampolines.get(`${native}/${nargs}`);
  const method = native.slice(native.lastIndexOf('.') + 1);
  return (
    program.funcs.some(
      (f) => f.id !== wrapper && f.code.some((ins) => nativeName(ins) === native),
    ) ||
    (wrapper !== undefined && referenced(program, wrapper)) ||
    program.funcs.some((f) =>
      f.code.some(
        (ins) => (ins.op === Op.CallI || ins.op === Op.IfaceMethodVal) && ins.c === method,
      ),
    )
  );
}

/** Facts worked out per program once (a checked program is never changed). */
const FACTS = new WeakMap<Program, ProgramFacts>();

export function programFacts(program: Program): ProgramFacts {
  let facts = FACTS.get(program);
  if (!facts) {
    facts = workOutFacts(program);
    FACTS.set(program, facts);
  }
  return facts;
}

function workOutFacts(program: Program): ProgramFacts {
  const all = program.funcs.flatMap((f) => f.code);
  return {
    // (sync.Map.Range shows the order in which keys were stored too)
    rangesOverMaps:
      all.some((ins) => ins.op === Op.RangeMapInit) || callsLibrary(program, 'sync.Map.Range', 2),
    usesClock: all.some((ins) => CLOCK.has(nativeName(ins))),
    countsGoroutines: all.some((ins) => nativeName(ins) === 'runtime.NumGoroutine'),
    addsOnlyInMain: onlyInMain(program, 'Add', 2),
    waitsOnlyInMain: onlyInMain(program, 'Wait', 1),
  };
}
