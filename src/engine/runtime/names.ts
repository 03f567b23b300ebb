/**
 * Names for locks and wait groups as the learner sees them: the field or variable they were
 * first reached by (`mu`). When several share one, each is named by the program's own
 * variable that holds it, if main or a package-level variable does (`pending.mu`,
 * `running.mu`, as you would write it); otherwise by its order of creation (`mu`, `mu (2)`).
 */
import { under } from '../lang/types';
import type { Machine } from './machine';
import { FnVal, K, Ref, Role, Slice, type Value } from './values';

const FALLBACK: Partial<Record<K, string>> = {
  [K.Mutex]: 'mutex',
  [K.RWMutex]: 'rw',
  [K.WaitGroup]: 'wg',
  [K.Cond]: 'cond',
  [K.Chan]: 'ch',
};

const isNamed = (k: K) =>
  k === K.Mutex || k === K.RWMutex || k === K.WaitGroup || k === K.Cond || k === K.Chan;

/** The nth of several with one name: `mu (2)`, and `mu (copy 2)` for the second copy. */
function numbered(base: string, n: number): string {
  return base.endsWith(' (copy)') ? `${base.slice(0, -1)} ${n})` : `${base} (${n})`;
}

/** How deep into structs a path may go (`s.inner.mu` is two fields deep). */
const MAX_FIELDS = 3;
/** How many elements of a slice or an array are looked into (`forks[0]`, …). */
const MAX_ELEMENTS = 64;

export function displayNames(m: Machine): Map<number, string> {
  const out = new Map<number, string>();
  const inner = new Set<number>();
  m.h.forEach((o) => {
    if (o.k === K.RWMutex) inner.add(o.w);
  });
  const byBase = new Map<string, number[]>();
  m.h.forEach((o, id) => {
    if (inner.has(id) || !isNamed(o.k)) return;
    const base = ('name' in o && o.name) || FALLBACK[o.k] || 'lock';
    const ids = byBase.get(base);
    if (ids) ids.push(id);
    else byBase.set(base, [id]);
  });
  let paths: Map<number, VariablePath> | null = null;
  // (a lock only a closure holds, as sync.OnceValue's Once, is named by the closure's
  // variable; the walk is made only when a variable holds a closure: names are worked out
  // for every frame drawn)
  const closures = holdsClosure(m);
  for (const [base, ids] of byBase) {
    if (ids.length === 1) {
      const found = closures ? (paths ??= variablePaths(m)).get(ids[0] as number) : undefined;
      out.set(ids[0] as number, found?.captured ? found.path : base);
      continue;
    }
    paths ??= variablePaths(m);
    const taken = new Set<string>();
    ids.forEach((id, i) => {
      const path = paths?.get(id)?.path;
      const name = path && !taken.has(path) ? path : i === 0 ? base : numbered(base, i + 1);
      taken.add(name);
      out.set(id, name);
    });
  }
  return out;
}

/** Where a lock is found from the program's variables, and whether through a closure. */
interface VariablePath {
  readonly path: string;
  readonly captured: boolean;
}

/**
 * For each lock, wait group or Cond that a package-level variable or one of main's own
 * variables holds (directly, in a struct field or a slice or array element, through
 * pointers, or captured by a closure), the first such path (`s.mu`, `forks[2]`, `load.once.m`):
 * globals first, then main's locals in order of declaration. Main's variables are what the
 * program's story is told with; they stay the same from when they are set until the end
 * (after main returns, as it left them).
 */
function variablePaths(m: Machine): Map<number, VariablePath> {
  const out = new Map<number, VariablePath>();
  const seen = new Set<number>();
  const visit = (v: Value, path: string, depth: number, captured = false): void => {
    if (v instanceof Slice) {
      // a slice's elements, as the program indexes them
      const b = m.h.get(v.b);
      if (b?.k !== K.Slots || depth >= MAX_FIELDS) return;
      for (let i = 0; i < Math.min(v.len, MAX_ELEMENTS); i++)
        visit(b.s[v.off + i] as Value, `${path}[${i}]`, depth + 1, captured);
      return;
    }
    if (v instanceof FnVal) {
      // a closure's captured variables, by their names (`load.once.m`: a sync.OnceValue's)
      const f = m.prog.funcs[v.fn];
      if (!f || !v.env || depth >= MAX_FIELDS) return;
      v.env.forEach((x, j) => {
        const name = f.localNames[f.captureSlots[j] ?? -1];
        if (name) visit(x, `${path}.${name}`, depth + 1, true);
      });
      return;
    }
    if (!(v instanceof Ref)) return;
    const o = m.h.get(v.id);
    if (!o) return;
    if (v.f >= 0) {
      // a variable's box: the variable itself
      if (o.k === K.Slots && o.role === Role.Box && v.f === 0)
        visit(o.s[0] as Value, path, depth, captured);
      return;
    }
    if (isNamed(o.k)) {
      if (!out.has(v.id)) out.set(v.id, { path, captured });
      return;
    }
    if (o.k !== K.Slots || o.role !== Role.Struct || depth >= MAX_FIELDS || seen.has(v.id)) return;
    seen.add(v.id);
    const u = under(o.t);
    if (u.k === 'array')
      o.s.slice(0, MAX_ELEMENTS).forEach((x, i) => visit(x, `${path}[${i}]`, depth + 1, captured));
    if (u.k !== 'struct') return;
    u.fields.forEach((f, i) => visit(o.s[i] as Value, `${path}.${f.name}`, depth + 1, captured));
  };
  for (const [name, v] of programVariables(m)) visit(v, name, 0);
  return out;
}

/** The package-level variables and main's own, by name, in that order. */
function programVariables(m: Machine): [string, Value][] {
  const out: [string, Value][] = m.prog.globals.map((gv, i) => [gv.name, m.globals[i] as Value]);
  const main = m.prog.funcs[m.prog.main];
  const frame = m.gs[0]?.fr[0];
  const locals = frame && frame.f === main ? frame.L : m.finalLocals;
  locals.forEach((v, i) => {
    const name = main?.localNames[i];
    if (name && name !== '_') out.push([name, v]);
  });
  return out;
}

/** Does one of those variables hold a function value (in its box, if it is captured)? */
function holdsClosure(m: Machine): boolean {
  return programVariables(m).some(([, v]) => m.unbox(v) instanceof FnVal);
}
