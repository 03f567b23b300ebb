/**
 * The plain library a job store reaches for beside the concurrency: strings, sort and strconv.
 * These calls are pure computations (no step of their own); sorting writes the slice it sorts,
 * element by element, as Go's code would, so the race detector and the explorer see it.
 *
 * Go's strings count bytes (UTF-8), JavaScript's count UTF-16 units: indexes are converted.
 * Sorting is Go's own algorithm (./gosort.ts: pdqsort, and SymMerge for the stable sorts),
 * so equal elements end where Go puts them.
 */
import { T, under, type Type } from '../lang/types';
import { intText, quote, sprintf } from './fmt';
import { runeText, validRune } from '../lang/quote';
import { formatFloat64, formatFloatB, formatFloatX } from './floats';
import { GO, indexOutOfRange } from './messages';
import { utf8Bytes, utf8Decode, utf8Len, type G, type Machine } from './machine';
import type { Native } from './natives';
import { FnVal, Iface, Ref, Slice, sliceValues, type SlotsObj, type Value } from './values';
import type { Instr } from '../lang/code';
import {
  MATH_BINARY,
  MATH_UNARY,
  replacerType,
  bufferType,
  fnvTypes,
  UNICODE_CLASSES,
  sortFloat64Slice,
  sortIntSlice,
  sortReverseType,
  sortStringSlice,
} from '../lang/stdlib';
import { pdqsortAll, stable, type SortData } from './gosort';
import { big, norm } from './int64';

const none: Value[] = [];

/** scratch views of one float64's and one float32's bits */
const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

// (for natives.ts, which takes nothing but types from the machine)
export { utf8Bytes };

/** The byte offset (UTF-8) of UTF-16 index i of s; -1 stays -1. */
function byteIndex(s: string, i: number): number {
  return i < 0 ? -1 : utf8Bytes(s.slice(0, i)).length;
}

/** A new []string holding xs. */
function stringSlice(m: Machine, xs: readonly string[]): Slice {
  return m.newSlice(xs, T.string);
}

/** Go's unicode.IsSpace for the strings package's Fields and TrimSpace. */
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function mapRunes(s: string, f: (ch: string) => string): string {
  let out = '';
  // a rune that changes length when mapped (ß -> SS) keeps its own: Go maps rune to rune
  for (const ch of s) {
    const c = f(ch);
    out += [...c].length === 1 ? c : ch;
  }
  return out;
}

function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(cutset);
  const rs = [...s];
  let a = 0;
  let b = rs.length;
  while (left && a < b && set.has(rs[a] as string)) a++;
  while (right && b > a && set.has(rs[b - 1] as string)) b--;
  return rs.slice(a, b).join('');
}

/** strings.Replace: the first n (all if n < 0) non-overlapping instances of old. */
function replace(s: string, old: string, by: string, n: number): string {
  if (old === by || n === 0) return s;
  if (old === '') {
    // Go: at the start and after each rune, up to n times
    const rs = [...s];
    let out = '';
    let k = 0;
    for (let i = 0; i <= rs.length; i++) {
      if (n < 0 || k < n) {
        out += by;
        k++;
      }
      if (i < rs.length) out += rs[i];
    }
    return out;
  }
  let out = '';
  let at = 0;
  for (let k = 0; n < 0 || k < n; k++) {
    const i = s.indexOf(old, at);
    if (i < 0) break;
    out += s.slice(at, i) + by;
    at = i + old.length;
  }
  return out + s.slice(at);
}

/** strconv.Atoi, with strconv's errors (a *strconv.NumError's text). */
/** strconv's error: `strconv.ParseInt: parsing "x": invalid syntax`. */
function numError(m: Machine, fn: string, s: string, why: string): Value {
  return m.newError(`strconv.${fn}: parsing ${quote(s)}: ${why}`);
}

/**
 * strconv.ParseInt(s, base, bitSize), or ParseUint if `unsigned` (no sign, 0 to 2^bits - 1):
 * base 0 reads a 0x, 0o, 0b or 0 prefix (and allows underscores); out of range gives the limit
 * of bitSize and an error.
 */
function parseInt(m: Machine, s: string, base: number, bitSize: number, unsigned = false): Value[] {
  const name = unsigned ? 'ParseUint' : 'ParseInt';
  const bad = (why: string, v: number | bigint): Value[] => [
    norm(big(v)),
    numError(m, name, s, why),
  ];
  const bits = bitSize === 0 ? 64 : bitSize;
  if (base !== 0 && (base < 2 || base > 36)) return bad(`invalid base ${base}`, 0);
  if (bits < 1 || bits > 64) return bad(`invalid bit size ${bitSize}`, 0);
  let body = s;
  let sign = 1;
  if (!unsigned && (body.startsWith('+') || body.startsWith('-'))) {
    if (body[0] === '-') sign = -1;
    body = body.slice(1);
  }
  let b = base;
  if (base === 0) {
    b = 10;
    const p = body.slice(0, 2).toLowerCase();
    if (p === '0x' || p === '0o' || p === '0b') {
      b = p === '0x' ? 16 : p === '0o' ? 8 : 2;
      body = body.slice(2);
    } else if (body.length > 1 && body[0] === '0') {
      b = 8;
      body = body.slice(1);
    }
    // (underscores only between digits, and only with base 0)
    if (/^_|__|_$/.test(body)) return bad('invalid syntax', 0);
    body = body.replaceAll('_', '');
  }
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b);
  if (body === '' || [...body.toLowerCase()].some((c) => !digits.includes(c)))
    return bad('invalid syntax', 0);
  const B = BigInt(b);
  const abs = [...body.toLowerCase()].reduce((acc, c) => acc * B + BigInt(digits.indexOf(c)), 0n);
  const n = sign < 0 ? -abs : abs;
  const max = unsigned ? 2n ** BigInt(bits) - 1n : 2n ** BigInt(bits - 1) - 1n;
  const min = unsigned ? 0n : -(2n ** BigInt(bits - 1));
  if (n > max) return bad('value out of range', max);
  if (n < min) return bad('value out of range', min);
  return [norm(n), null];
}

/** strconv.ParseFloat: decimal forms, and inf, infinity and nan in any case. */
function parseFloat(m: Machine, s: string, float32 = false): Value[] {
  const t = s.replaceAll('_', '');
  if (/^[+-]?(inf|infinity)$/i.test(s)) return [s.startsWith('-') ? -Infinity : Infinity, null];
  if (/^nan$/i.test(s)) return [NaN, null];
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || (t !== s && !/^[+-]?\d/.test(s)))
    return [0, numError(m, 'ParseFloat', s, 'invalid syntax')];
  // (bitSize 32: the nearest float32, which may be out of its range where a float64 is not)
  const v = float32 ? Math.fround(Number(t)) : Number(t);
  if (!Number.isFinite(v)) return [v, numError(m, 'ParseFloat', s, 'value out of range')];
  return [v, null];
}

const TRUE_WORDS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_WORDS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

function atoi(m: Machine, s: string): Value[] {
  const fail = (why: string, v: number | bigint) => [
    v,
    m.newError(`strconv.Atoi: parsing ${quote(s)}: ${why}`),
  ];
  if (!/^[+-]?[0-9]+$/.test(s)) return fail('invalid syntax', 0);
  const n = BigInt(s);
  if (n >= 2n ** 63n || n < -(2n ** 63n))
    return fail('value out of range', norm(n < 0n ? -(2n ** 63n) : 2n ** 63n - 1n));
  return [norm(n), null];
}

/** Sort the elements of slice v in place by `less`, writing each element it moves. */
function sortSlice(
  m: Machine,
  g: G,
  ins: Instr,
  v: Value,
  less: (a: Value, b: Value, i: number, j: number) => boolean,
  isStable = false,
): void {
  if (!(v instanceof Slice) || v.len < 2) return;
  const n = v.len;
  for (let i = 0; i < n; i++) m.touch(g, v.b, v.off + i, false, ins);
  const at = (i: number) => (m.get(v.b) as SlotsObj).s[v.off + i] as Value;
  // Go's own algorithm (./gosort.ts): the same comparisons and swaps, so the same order
  const data: SortData = {
    less: (i, j) => less(at(i), at(j), i, j),
    swap: (i, j) => swapElements(m, g, ins, v, i, j),
  };
  if (isStable) stable(data, n);
  else pdqsortAll(data, n);
}

/** Swap elements i and j of slice v, each write seen by the race detector. */
function swapElements(m: Machine, g: G, ins: Instr, v: Slice, i: number, j: number): void {
  m.touch(g, v.b, v.off + i, true, ins);
  m.touch(g, v.b, v.off + j, true, ins);
  const w = m.wr<SlotsObj>(v.b);
  const x = w.s[v.off + i] as Value;
  w.s[v.off + i] = w.s[v.off + j] as Value;
  w.s[v.off + j] = x;
}

function orderedLess(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a < b || (Number.isNaN(a) && !Number.isNaN(b));
  return (a as string) < (b as string);
}

/** The natives of strings, sort and strconv (beyond strconv.Itoa). */
/**
 * A library object a pointer receiver points to (a strings.Builder's text, a hash/fnv hash's
 * state), its access recorded: one shared without a lock can race.
 */
export function builder(m: Machine, g: G, recv: Value, ins: Instr, write: boolean): SlotsObj {
  const r = m.ptr(recv, ins.pos);
  m.touch(g, r.id, 0, write, ins);
  return write ? m.wr<SlotsObj>(r.id) : m.slots(r.id);
}

/** Append text to the strings.Builder recv points to; the bytes written. */
export function builderAppend(m: Machine, g: G, recv: Value, ins: Instr, s: string): number {
  const b = builder(m, g, recv, ins, true);
  b.s[0] = (b.s[0] as string) + s;
  return utf8Bytes(s).length;
}

/** The text of a []byte (as a string can hold it: see the README on bytes that are not UTF-8). */
export function bytesText(m: Machine, v: Value): string {
  return utf8Decode(sliceValues(m, v).map((b) => (b as number) & 0xff));
}

/**
 * strings.Replacer's Replace, as Go's genericReplacer does it (its byte and single-string
 * replacers give the same text): from left to right, at each place the first pair in argument
 * order whose old string starts there is replaced, and the search goes on after it; an empty
 * old string matches everywhere, but not twice in a row at one place (Go's places are bytes,
 * so it also goes between the bytes of a character that is not ASCII; here, between
 * characters).
 */
export function replaceAll(s: string, oldnew: readonly string[]): string {
  let out = '';
  let last = 0;
  let prevEmpty = false;
  for (let i = 0; i <= s.length;) {
    let k = -1;
    for (let j = 0; j < oldnew.length; j += 2) {
      const old = oldnew[j] as string;
      if (old === '' ? !prevEmpty : s.startsWith(old, i)) {
        k = j;
        break;
      }
    }
    if (k >= 0) {
      const old = oldnew[k] as string;
      prevEmpty = old === '';
      out += s.slice(last, i) + (oldnew[k + 1] as string);
      i += old.length;
      last = i;
      continue;
    }
    prevEmpty = false;
    // (a character outside the BMP is two UTF-16 units: never split)
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c < 0xdc00 ? 2 : 1;
  }
  return out + s.slice(last);
}

function replacerNatives(): Record<string, Native> {
  return {
    'strings.NewReplacer': (m, _g, a, ins) => {
      if (a.length % 2 === 1)
        m.runtimePanic('strings.NewReplacer: odd argument count', ins.pos, false);
      return [m.newStruct(replacerType, [m.newSlice(a, T.string)])];
    },
    // (never written after NewReplacer, so safe to share, as Go's is: no access to record)
    'strings.Replacer.Replace': (m, _g, a, ins) => {
      const r = m.ptr(a[0] as Value, ins.pos);
      return [replaceAll(a[1] as string, sliceValues(m, m.slots(r.id).s[0] as Value) as string[])];
    },
  };
}

const FNV32_OFFSET = 2166136261;
const FNV32_PRIME = 16777619;
const FNV64_OFFSET = 14695981039346656037n;
const FNV64_PRIME = 1099511628211n;

/**
 * hash/fnv, as Go's: FNV-1 multiplies then xors each byte in, FNV-1a xors then multiplies;
 * Sum appends the hash big-endian. The state is written by Write and Reset, read by the
 * others, so a hash shared without a lock races as Go's does.
 */
function fnvNatives(): Record<string, Native> {
  const out: Record<string, Native> = {};
  for (const t of fnvTypes) {
    const wide = t.name.startsWith('sum64');
    const xorFirst = t.name.endsWith('a');
    const offset = wide ? norm(FNV64_OFFSET) : FNV32_OFFSET;
    const name = `fnv.New${t.name.slice(3)}`;
    out[name] = (m) => {
      return [new Iface({ k: 'ptr', elem: t }, m.newStruct(t, [offset]))];
    };
    /** the hash's object, its access recorded */
    const state = (m: Machine, g: G, a: readonly Value[], ins: Instr, write: boolean) =>
      builder(m, g, a[0] as Value, ins, write);
    const at = `fnv.${t.name}`;
    out[`${at}.Write`] = (m, g, a, ins) => {
      const o = state(m, g, a, ins, true);
      const bytes = sliceValues(m, a[1] as Value) as number[];
      if (wide) {
        let h = big(o.s[0] as number | bigint);
        for (const b of bytes)
          h = xorFirst
            ? BigInt.asUintN(64, (h ^ BigInt(b)) * FNV64_PRIME)
            : BigInt.asUintN(64, h * FNV64_PRIME) ^ BigInt(b);
        o.s[0] = norm(h);
      } else {
        let h = o.s[0] as number;
        for (const b of bytes)
          h = xorFirst
            ? Math.imul(h ^ b, FNV32_PRIME) >>> 0
            : (Math.imul(h, FNV32_PRIME) ^ b) >>> 0;
        o.s[0] = h;
      }
      return [bytes.length, null];
    };
    out[`${at}.${wide ? 'Sum64' : 'Sum32'}`] = (m, g, a, ins) => [
      state(m, g, a, ins, false).s[0] as Value,
    ];
    out[`${at}.Sum`] = (m, g, a, ins) => {
      const h = big(state(m, g, a, ins, false).s[0] as number | bigint);
      const n = wide ? 8 : 4;
      const bytes: Value[] = [];
      for (let i = n - 1; i >= 0; i--) bytes.push(Number((h >> BigInt(8 * i)) & 0xffn));
      return [m.append(g, a[1] as Value, bytes, ins, T.uint8)];
    };
    out[`${at}.Reset`] = (m, g, a, ins) => {
      state(m, g, a, ins, true).s[0] = offset;
      return none;
    };
    out[`${at}.Size`] = () => [wide ? 8 : 4];
    out[`${at}.BlockSize`] = () => [1];
  }
  return out;
}

/**
 * strings.Builder's methods, and bytes.Buffer's, which write the same way (a Buffer is read
 * from too, which is not simulated; its Bytes is a copy here, where Go's shares the buffer).
 */
function builderNatives(): Record<string, Native> {
  const own = builderOnly();
  const out: Record<string, Native> = { ...own };
  for (const [name, f] of Object.entries(own))
    if (name !== 'strings.Builder.Grow') out[name.replace('strings.Builder.', 'bytes.Buffer.')] = f;
  out['bytes.Buffer.Grow'] = (m, _g, a, ins) => {
    if ((a[1] as number) < 0) m.runtimePanic('bytes.Buffer.Grow: negative count', ins.pos, false);
    return [];
  };
  out['bytes.Buffer.Bytes'] = (m, g, a, ins) => [
    m.newSlice(utf8Bytes(builder(m, g, a[0] as Value, ins, false).s[0] as string), T.uint8),
  ];
  const make = (m: Machine, text: string) => [m.newStruct(bufferType, [text])];
  out['bytes.NewBufferString'] = (m, _g, a) => make(m, a[0] as string);
  out['bytes.NewBuffer'] = (m, _g, a) => make(m, bytesText(m, a[0] as Value));
  return out;
}

function builderOnly(): Record<string, Native> {
  const append = (m: Machine, g: G, a: readonly Value[], ins: Instr, s: string) =>
    builderAppend(m, g, a[0] as Value, ins, s);
  return {
    'strings.Builder.Write': (m, g, a, ins) => [
      append(m, g, a, ins, bytesText(m, a[1] as Value)),
      null,
    ],
    'strings.Builder.WriteString': (m, g, a, ins) => [append(m, g, a, ins, a[1] as string), null],
    'strings.Builder.WriteByte': (m, g, a, ins) => {
      append(m, g, a, ins, String.fromCharCode(a[1] as number));
      return [null];
    },
    'strings.Builder.WriteRune': (m, g, a, ins) => [
      append(m, g, a, ins, runeText(a[1] as number)),
      null,
    ],
    'strings.Builder.String': (m, g, a, ins) => [
      builder(m, g, a[0] as Value, ins, false).s[0] as string,
    ],
    'strings.Builder.Len': (m, g, a, ins) => [
      utf8Bytes(builder(m, g, a[0] as Value, ins, false).s[0] as string).length,
    ],
    'strings.Builder.Reset': (m, g, a, ins) => {
      builder(m, g, a[0] as Value, ins, true).s[0] = '';
      return [];
    },
    'strings.Builder.Grow': (m, _g, a, ins) => {
      if ((a[1] as number) < 0)
        m.runtimePanic('strings.Builder.Grow: negative count', ins.pos, false);
      return [];
    },
  };
}

/** cmp.Compare: -1, 0 or +1; a NaN is less than any number and equal to a NaN. */
function compare(x: Value, y: Value): number {
  const nan = (v: Value) => typeof v === 'number' && Number.isNaN(v);
  if (nan(x) || nan(y)) return nan(x) ? (nan(y) ? 0 : -1) : 1;
  return orderedLess(x, y) ? -1 : orderedLess(y, x) ? 1 : 0;
}

/**
 * The element type of slice v: a backing array's object holds it; an array viewed as a slice
 * holds the array's type.
 */
export function elemType(m: Machine, v: Slice): Type {
  const t = m.slots(v.b).t;
  const u = under(t);
  return u.k === 'array' ? u.elem : t;
}

/**
 * package slices (Go 1.21), for the functions Interleave has: each reads the slice's elements
 * (recorded for the race detector) and Sort and Reverse write them. Sort's order is the only
 * one for ordered elements, whatever algorithm gives it.
 */
function slicesNatives(): Record<string, Native> {
  const read = (m: Machine, g: G, v: Value, ins: Instr): Value[] => {
    if (!(v instanceof Slice)) return [];
    for (let i = 0; i < v.len; i++) m.touch(g, v.b, v.off + i, false, ins);
    return sliceValues(m, v);
  };
  const index = (m: Machine, g: G, a: readonly Value[], ins: Instr): number => {
    const v = a[0] as Value;
    const xs = read(m, g, v, ins);
    if (!(v instanceof Slice)) return -1;
    const t = elemType(m, v);
    return xs.findIndex((x) => m.equal(x, a[1] as Value, t, ins.pos));
  };
  // (f runs as Go code inside this step, as sort.Slice's less does; a nil f panics)
  const indexFunc = (m: Machine, g: G, a: readonly Value[], ins: Instr): number => {
    const f = a[1] as Value;
    if (!(f instanceof FnVal)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
    const xs = read(m, g, a[0] as Value, ins);
    return xs.findIndex((x) => m.callSync(g, f.fn, f, [x])[0] === true);
  };
  const sortFunc =
    (isStable: boolean): Native =>
    (m, g, a, ins) => {
      const f = a[1] as Value;
      if (!(f instanceof FnVal)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
      sortSlice(
        m,
        g,
        ins,
        a[0] as Value,
        (x, y) => (m.callSync(g, f.fn, f, [x, y])[0] as number) < 0,
        isStable,
      );
      return none;
    };
  const extreme =
    (name: string, better: (x: Value, y: Value) => boolean): Native =>
    (m, g, a, ins) => {
      const xs = read(m, g, a[0] as Value, ins);
      if (xs.length === 0) m.runtimePanic(`slices.${name}: empty list`, ins.pos, false);
      // (a NaN wins, as in Go's)
      let best = xs[0] as Value;
      for (const x of xs) {
        if (typeof x === 'number' && Number.isNaN(x)) return [x];
        if (better(x, best)) best = x;
      }
      return [best];
    };
  return {
    'slices.Sort': (m, g, a, ins) => {
      sortSlice(m, g, ins, a[0] as Value, orderedLess);
      return none;
    },
    'slices.SortFunc': sortFunc(false),
    'slices.SortStableFunc': sortFunc(true),
    'slices.IndexFunc': (m, g, a, ins) => [indexFunc(m, g, a, ins)],
    'slices.ContainsFunc': (m, g, a, ins) => [indexFunc(m, g, a, ins) >= 0],
    'cmp.Compare': (_m, _g, a) => [compare(a[0] as Value, a[1] as Value)],
    'cmp.Less': (_m, _g, a) => [compare(a[0] as Value, a[1] as Value) < 0],
    'slices.Contains': (m, g, a, ins) => [index(m, g, a, ins) >= 0],
    // (as slices.BinarySearch does it: it reads only the elements it probes)
    'slices.BinarySearch': (m, g, a, ins) => {
      const v = a[0] as Value;
      const target = a[1] as Value;
      if (!(v instanceof Slice)) return [0, false];
      const at = (k: number): Value => {
        m.touch(g, v.b, v.off + k, false, ins);
        return m.slots(v.b).s[v.off + k] as Value;
      };
      let i = 0;
      let j = v.len;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (orderedLess(at(h), target)) i = h + 1;
        else j = h;
      }
      if (i >= v.len) return [i, false];
      const x = at(i);
      const nan = (y: Value) => typeof y === 'number' && Number.isNaN(y);
      return [i, x === target || (nan(x) && nan(target))];
    },
    'slices.Equal': (m, g, a, ins) => {
      const [x, y] = a as [Value, Value];
      const xs = read(m, g, x, ins);
      const ys = read(m, g, y, ins);
      if (xs.length !== ys.length) return [false];
      const t = x instanceof Slice ? elemType(m, x) : y instanceof Slice ? elemType(m, y) : null;
      return [t === null || xs.every((e, i) => m.equal(e, ys[i] as Value, t, ins.pos))];
    },
    'slices.Index': (m, g, a, ins) => [index(m, g, a, ins)],
    'slices.Max': extreme('Max', (x, y) => orderedLess(y, x)),
    'slices.Min': extreme('Min', (x, y) => orderedLess(x, y)),
    'slices.Clone': (m, g, a, ins) => [m.cloneSlice(g, a[0] as Value, ins)],
    'slices.Reverse': (m, g, a, ins) => {
      const v = a[0] as Value;
      if (!(v instanceof Slice)) return none;
      const xs = read(m, g, v, ins);
      for (let i = 0; i < v.len; i++) m.touch(g, v.b, v.off + i, true, ins);
      const w = m.wr<SlotsObj>(v.b);
      xs.reverse().forEach((x, i) => {
        w.s[v.off + i] = x;
      });
      return none;
    },
  };
}

/** Go's math.Round: half away from zero (JavaScript's Math.round goes half up). */
function roundAway(x: number): number {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

/** Go's math.RoundToEven: half to even. */
function roundEven(x: number): number {
  const t = Math.trunc(x);
  const d = Math.abs(x - t);
  if (d > 0.5 || (d === 0.5 && t % 2 !== 0)) return t + Math.sign(x);
  return t;
}

/** unicode's classes, as the Unicode properties (categories) Go's tables hold */
const UNICODE: Record<(typeof UNICODE_CLASSES)[number], RegExp> = {
  IsUpper: /^\p{Lu}$/u,
  IsLower: /^\p{Ll}$/u,
  IsLetter: /^\p{L}$/u,
  IsDigit: /^\p{Nd}$/u,
  IsNumber: /^\p{N}$/u,
  // (Go's IsSpace: White_Space, which is also what it lists for Latin-1)
  IsSpace: /^\p{White_Space}$/u,
  IsPunct: /^\p{P}$/u,
};

/** unicode.ToUpper and ToLower: a rune's simple case mapping (to one rune, or itself). */
function caseMapped(r: number, upper: boolean): number {
  if (!validRune(r)) return r;
  const ch = String.fromCodePoint(r);
  const c = upper ? ch.toUpperCase() : ch.toLowerCase();
  return [...c].length === 1 ? (c.codePointAt(0) as number) : r;
}

/**
 * unicode.ToTitle: the upper case, but for the letters whose title case is their own (the
 * digraphs Ǆ ǅ ǆ and the like, whose title case is the middle one; Georgian Mkhedruli, which
 * has an upper case, Mtavruli, but is its own title case).
 */
function titleCase(r: number): number {
  for (const first of [0x1c4, 0x1c7, 0x1ca, 0x1f1])
    if (r >= first && r <= first + 2) return first + 1;
  if ((r >= 0x10d0 && r <= 0x10fa) || (r >= 0x10fd && r <= 0x10ff)) return r;
  return caseMapped(r, true);
}

/** The runes of unicode and unicode/utf8. */
function unicodeNatives(): Record<string, Native> {
  const out: Record<string, Native> = {};
  for (const n of UNICODE_CLASSES) {
    const re = UNICODE[n];
    out[`unicode.${n}`] = (_m, _g, a) => {
      const r = a[0] as number;
      return [validRune(r) && re.test(String.fromCodePoint(r))];
    };
  }
  out['unicode.ToUpper'] = (_m, _g, a) => [caseMapped(a[0] as number, true)];
  out['unicode.ToLower'] = (_m, _g, a) => [caseMapped(a[0] as number, false)];
  out['unicode.ToTitle'] = (_m, _g, a) => [titleCase(a[0] as number)];
  out['utf8.RuneCountInString'] = (_m, _g, a) => [[...(a[0] as string)].length];
  out['utf8.RuneLen'] = (_m, _g, a) => {
    const r = a[0] as number;
    if (!validRune(r)) return [-1];
    return [r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4];
  };
  out['utf8.ValidRune'] = (_m, _g, a) => [validRune(a[0] as number)];
  // (the first or last rune and its length in bytes; RuneError and 0 for "")
  out['utf8.DecodeRuneInString'] = (_m, _g, a) => {
    const r = (a[0] as string).codePointAt(0);
    return r === undefined ? [0xfffd, 0] : [r, utf8Bytes(String.fromCodePoint(r)).length];
  };
  out['utf8.DecodeLastRuneInString'] = (_m, _g, a) => {
    const ch = [...(a[0] as string)].at(-1);
    return ch === undefined ? [0xfffd, 0] : [ch.codePointAt(0) as number, utf8Bytes(ch).length];
  };
  return out;
}

const UNARY: Record<(typeof MATH_UNARY)[number], (x: number) => number> = {
  Abs: Math.abs,
  Sqrt: Math.sqrt,
  Cbrt: Math.cbrt,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Round: roundAway,
  RoundToEven: roundEven,
  Trunc: Math.trunc,
  Exp: Math.exp,
  Exp2: (x) => 2 ** x,
  Log: Math.log,
  Log2: Math.log2,
  Log10: Math.log10,
  Log1p: Math.log1p,
  Sin: Math.sin,
  Cos: Math.cos,
  Tan: Math.tan,
  Asin: Math.asin,
  Acos: Math.acos,
  Atan: Math.atan,
};

const BINARY: Record<(typeof MATH_BINARY)[number], (x: number, y: number) => number> = {
  Max: Math.max,
  Min: Math.min,
  // (Go's special cases where JavaScript's ** differs: 1 to any power, -1 to ±Inf)
  Pow: (x, y) => (x === 1 || (x === -1 && Math.abs(y) === Infinity) ? 1 : x ** y),
  Mod: (x, y) => x % y,
  Hypot: Math.hypot,
  Atan2: Math.atan2,
  Dim: (x, y) => (Number.isNaN(x - y) ? NaN : Math.max(x - y, 0)),
  Copysign: (x, s) => (s < 0 || Object.is(s, -0) ? -Math.abs(x) : Math.abs(x)),
};

/** package math: pure computations on float64, as Go's (its special cases included). */
function mathNatives(): Record<string, Native> {
  const out: Record<string, Native> = {
    'math.Inf': (_m, _g, a) => [(a[0] as number) >= 0 ? Infinity : -Infinity],
    'math.NaN': () => [NaN],
    // (the IEEE 754 bits, as Go's: a uint64 past 2^53 is a bigint, see int64.ts)
    'math.Float64bits': (_m, _g, a) => {
      F64[0] = a[0] as number;
      return [norm(U64[0] as bigint)];
    },
    'math.Float64frombits': (_m, _g, a) => {
      U64[0] = big(a[0] as number | bigint);
      return [F64[0] as number];
    },
    'math.Float32bits': (_m, _g, a) => {
      F32[0] = a[0] as number;
      return [U32[0] as number];
    },
    'math.Float32frombits': (_m, _g, a) => {
      U32[0] = a[0] as number;
      return [F32[0] as number];
    },
    'math.IsNaN': (_m, _g, a) => [Number.isNaN(a[0] as number)],
    'math.IsInf': (_m, _g, a) => {
      // sign > 0: +Inf; sign < 0: -Inf; 0: either
      const x = a[0] as number;
      const sign = a[1] as number;
      return [(sign >= 0 && x === Infinity) || (sign <= 0 && x === -Infinity)];
    },
    'math.Signbit': (_m, _g, a) => [(a[0] as number) < 0 || Object.is(a[0], -0)],
  };
  for (const n of MATH_UNARY) out[`math.${n}`] = (_m, _g, a) => [UNARY[n](a[0] as number)];
  for (const n of MATH_BINARY)
    out[`math.${n}`] = (_m, _g, a) => [BINARY[n](a[0] as number, a[1] as number)];
  return out;
}

export function textNatives(): Record<string, Native> {
  const str =
    (f: (...xs: string[]) => Value): Native =>
    (_m, _g, a) => [f(...(a as string[]))];
  return {
    ...builderNatives(),
    ...replacerNatives(),
    ...fnvNatives(),
    ...mathNatives(),
    // conversions between strings and byte or rune slices (each makes a new backing array)
    'conv.bytesOfString': (m, _g, a) => [m.newSlice(utf8Bytes(a[0] as string), T.uint8)],
    'conv.runesOfString': (m, _g, a) => [
      m.newSlice(
        [...(a[0] as string)].map((ch) => ch.codePointAt(0) ?? 0xfffd),
        T.int32,
      ),
    ],
    'conv.stringOfBytes': (m, _g, a) => [bytesText(m, a[0] as Value)],
    'conv.stringOfRunes': (m, _g, a) => [
      sliceValues(m, a[0] as Value)
        // (an invalid code point becomes U+FFFD, as Go's conversion does)
        .map((r) => runeText(r as number))
        .join(''),
    ],
    'strconv.Itoa': (_m, _g, a) => [intText(a[0] as number | bigint)],
    'strconv.Atoi': (m, _g, a) => atoi(m, a[0] as string),
    'strconv.FormatInt': (m, _g, a, ins) => {
      const base = a[1] as number;
      if (base < 2 || base > 36)
        m.runtimePanic('strconv: illegal AppendInt/FormatInt base', ins.pos, false);
      return [intText(a[0] as number | bigint, base)];
    },
    'strconv.FormatUint': (m, _g, a, ins) => {
      const base = a[1] as number;
      if (base < 2 || base > 36)
        m.runtimePanic('strconv: illegal AppendInt/FormatInt base', ins.pos, false);
      return [intText(a[0] as number | bigint, base)];
    },
    'strconv.Quote': str((s) => quote(s)),
    'strconv.ParseInt': (m, _g, a) => parseInt(m, a[0] as string, a[1] as number, a[2] as number),
    'strconv.ParseUint': (m, _g, a) =>
      parseInt(m, a[0] as string, a[1] as number, a[2] as number, true),
    'strconv.ParseFloat': (m, _g, a) => parseFloat(m, a[0] as string, a[1] === 32),
    'strconv.ParseBool': (m, _g, a) => {
      const s = a[0] as string;
      if (TRUE_WORDS.includes(s)) return [true, null];
      if (FALSE_WORDS.includes(s)) return [false, null];
      return [false, numError(m, 'ParseBool', s, 'invalid syntax')];
    },
    'strconv.FormatBool': (_m, _g, a) => [String(a[0])],
    // as Go's ftoa.go writes it (floats.ts); precision -1 is the shortest that reads back the same
    'strconv.FormatFloat': (m, _g, a, ins) => {
      const [x64, verb, prec, bitSize] = a as number[];
      if (bitSize !== 32 && bitSize !== 64)
        m.runtimePanic('strconv: illegal AppendFloat/FormatFloat bitSize', ins.pos, false);
      // (bitSize 32: x as a float32, and its own shortest digits)
      const bits = bitSize === 32 ? 32 : 64;
      const x = bits === 32 ? Math.fround(x64 as number) : (x64 as number);
      const v = String.fromCharCode(verb as number);
      if (v === 'b') return [formatFloatB(x)];
      if (v === 'x' || v === 'X') return [formatFloatX(x, v, prec as number)];
      if ('eEfgG'.includes(v)) return [formatFloat64(x, v as 'e', prec as number, bits)];
      // (another verb: the shortest digits, or with a precision, fmt's bad verb)
      if ((prec as number) < 0) return [formatFloat64(x, 'f', -1, bits)];
      return [sprintf(m, `%.${prec}${v}`, [new Iface(bits === 32 ? T.float32 : T.float64, x)])];
    },
    'strings.Contains': str((s, sub) => s.includes(sub)),
    'strings.HasPrefix': str((s, p) => s.startsWith(p)),
    'strings.HasSuffix': str((s, p) => s.endsWith(p)),
    'strings.EqualFold': str((a, b) => a.toLowerCase() === b.toLowerCase()),
    'strings.Index': str((s, sub) => byteIndex(s, s.indexOf(sub))),
    'strings.LastIndex': str((s, sub) => byteIndex(s, s.lastIndexOf(sub))),
    'strings.Count': str((s, sub) => (sub === '' ? [...s].length + 1 : s.split(sub).length - 1)),
    'strings.Compare': str((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
    'strings.Cut': (_m, _g, a) => {
      const [s, sep] = a as string[];
      const i = (s as string).indexOf(sep as string);
      if (i < 0) return [s as string, '', false];
      return [(s as string).slice(0, i), (s as string).slice(i + (sep as string).length), true];
    },
    'strings.CutPrefix': (_m, _g, a) => {
      const [s, p] = a as string[];
      return (s as string).startsWith(p as string)
        ? [(s as string).slice((p as string).length), true]
        : [s as string, false];
    },
    'strings.CutSuffix': (_m, _g, a) => {
      const [s, p] = a as string[];
      return (s as string).endsWith(p as string)
        ? [(s as string).slice(0, (s as string).length - (p as string).length), true]
        : [s as string, false];
    },
    'strings.SplitN': (m, _g, a) => {
      const [s, sep] = a as string[];
      const n = a[2] as number;
      if (n === 0) return [null];
      const all = sep === '' ? [...(s as string)] : (s as string).split(sep as string);
      if (n < 0 || all.length <= n) return [stringSlice(m, all)];
      // the last part keeps the rest, separators and all
      const head = all.slice(0, n - 1);
      return [stringSlice(m, [...head, all.slice(n - 1).join(sep as string)])];
    },
    'strings.ContainsAny': str((s, chars) => [...chars].some((c) => s.includes(c))),
    'strings.IndexAny': str((s, chars) => {
      const i = [...s].findIndex((c) => chars.includes(c));
      return i < 0 ? -1 : utf8Bytes([...s].slice(0, i).join('')).length;
    }),
    'strings.Join': (m, _g, a) => [sliceValues(m, a[0] as Value).join(a[1] as string)],
    'strings.Split': (m, _g, a) => {
      const [s, sep] = a as string[];
      return [stringSlice(m, sep === '' ? [...(s as string)] : (s as string).split(sep as string))];
    },
    'strings.Fields': (m, _g, a) => [
      stringSlice(
        m,
        (a[0] as string).split(new RegExp(`${SPACE.source}+`)).filter((x) => x !== ''),
      ),
    ],
    'strings.Repeat': (m, _g, a, ins) => {
      if ((a[1] as number) < 0) m.runtimePanic('strings: negative Repeat count', ins.pos, false);
      // (Go would run out of memory long before JavaScript's longest string: a limit, no crash)
      if (utf8Len(a[0] as string) * (a[1] as number) > m.limits.stringBytes) m.limit('stringBytes');
      return [(a[0] as string).repeat(a[1] as number)];
    },
    'strings.Replace': (_m, _g, a) => [
      replace(a[0] as string, a[1] as string, a[2] as string, a[3] as number),
    ],
    'strings.ReplaceAll': (_m, _g, a) => [
      replace(a[0] as string, a[1] as string, a[2] as string, -1),
    ],
    'strings.ToUpper': str((s) => mapRunes(s, (c) => c.toUpperCase())),
    'strings.ToLower': str((s) => mapRunes(s, (c) => c.toLowerCase())),
    'strings.TrimSpace': str((s) =>
      s.replace(new RegExp(`^${SPACE.source}+`), '').replace(new RegExp(`${SPACE.source}+$`), ''),
    ),
    'strings.Trim': str((s, cut) => trimSet(s, cut, true, true)),
    'strings.TrimLeft': str((s, cut) => trimSet(s, cut, true, false)),
    'strings.TrimRight': str((s, cut) => trimSet(s, cut, false, true)),
    'strings.ContainsRune': (_m, _g, a) => [(a[0] as string).includes(runeText(a[1] as number))],
    'strings.IndexRune': (_m, _g, a) => {
      const s = a[0] as string;
      return [byteIndex(s, s.indexOf(runeText(a[1] as number)))];
    },
    'strings.IndexByte': (_m, _g, a) => {
      // (a byte of a multi-byte character is found too: search the bytes)
      const i = utf8Bytes(a[0] as string).indexOf(a[1] as number);
      return [i];
    },
    // (f runs as Go code, on the runes in Go's order: IndexFunc from the start, LastIndexFunc
    // from the end, each stopping at the first rune f accepts)
    'strings.IndexFunc': (m, g, a, ins) => {
      const s = a[0] as string;
      const test = runeTest(m, g, ins, a[1] as Value);
      let at = 0;
      for (const ch of s) {
        if (test(ch)) return [at];
        at += utf8Bytes(ch).length;
      }
      return [-1];
    },
    'strings.ContainsFunc': (m, g, a, ins) => {
      const test = runeTest(m, g, ins, a[1] as Value);
      for (const ch of a[0] as string) if (test(ch)) return [true];
      return [false];
    },
    'strings.LastIndexFunc': (m, g, a, ins) => {
      const s = a[0] as string;
      const test = runeTest(m, g, ins, a[1] as Value);
      const runes = [...s];
      let end = utf8Bytes(s).length;
      for (let i = runes.length - 1; i >= 0; i--) {
        const ch = runes[i] as string;
        end -= utf8Bytes(ch).length;
        if (test(ch)) return [end];
      }
      return [-1];
    },
    // (f is asked once about every rune, in order, as Go's FieldsFunc does)
    'strings.FieldsFunc': (m, g, a, ins) => {
      const test = runeTest(m, g, ins, a[1] as Value);
      const fields: string[] = [];
      let cur: string | null = null;
      for (const ch of a[0] as string) {
        if (test(ch)) {
          if (cur !== null) fields.push(cur);
          cur = null;
        } else cur = (cur ?? '') + ch;
      }
      if (cur !== null) fields.push(cur);
      return [stringSlice(m, fields)];
    },
    'strings.TrimLeftFunc': (m, g, a, ins) => [
      trimLeftFunc(a[0] as string, runeTest(m, g, ins, a[1] as Value)),
    ],
    'strings.TrimRightFunc': (m, g, a, ins) => [
      trimRightFunc(a[0] as string, runeTest(m, g, ins, a[1] as Value)),
    ],
    'strings.TrimFunc': (m, g, a, ins) => {
      const test = runeTest(m, g, ins, a[1] as Value);
      return [trimRightFunc(trimLeftFunc(a[0] as string, test), test)];
    },
    'strings.LastIndexByte': (_m, _g, a) => [utf8Bytes(a[0] as string).lastIndexOf(a[1] as number)],
    'strings.LastIndexAny': str((s, chars) => {
      const runes = [...s];
      for (let i = runes.length - 1; i >= 0; i--)
        if (chars.includes(runes[i] as string))
          return byteIndex(s, runes.slice(0, i).join('').length);
      return -1;
    }),
    // (each part keeps its separator; an empty one splits after every rune)
    'strings.SplitAfter': (m, _g, a) => {
      const [s, sep] = a as [string, string];
      if (sep === '') return [stringSlice(m, [...s])];
      const parts = s.split(sep);
      return [
        stringSlice(
          m,
          parts.map((p, i) => (i < parts.length - 1 ? p + sep : p)),
        ),
      ];
    },
    'strings.ToTitle': str((s) =>
      [...s].map((ch) => String.fromCodePoint(titleCase(ch.codePointAt(0) as number))).join(''),
    ),
    // mapping runs as Go code for each rune; a negative result drops the rune
    'strings.Map': (m, g, a, ins) => {
      const f = a[0] as Value;
      let out = '';
      for (const ch of a[1] as string) {
        if (!(f instanceof FnVal)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
        const r = m.callSync(g, f.fn, f, [ch.codePointAt(0) as number])[0] as number;
        if (r >= 0) out += runeText(r);
      }
      return [out];
    },
    'strings.TrimPrefix': str((s, p) => (p !== '' && s.startsWith(p) ? s.slice(p.length) : s)),
    'strings.TrimSuffix': str((s, p) => (p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s)),
    ...slicesNatives(),
    ...unicodeNatives(),
    'sort.Ints': (m, g, a, ins) => {
      sortSlice(m, g, ins, a[0] as Value, orderedLess);
      return none;
    },
    'sort.Strings': (m, g, a, ins) => {
      sortSlice(m, g, ins, a[0] as Value, orderedLess);
      return none;
    },
    'sort.Float64s': (m, g, a, ins) => {
      sortSlice(m, g, ins, a[0] as Value, orderedLess);
      return none;
    },
    'sort.Slice': sortBy(false),
    'sort.SliceStable': sortBy(true),
    'sort.Sort': sortInterface(false),
    'sort.Stable': sortInterface(true),
    // (as Go's: Len once, then Less(i, i-1) from the end down, stopping at the first false)
    'sort.IsSorted': (m, g, a, ins) => {
      const data = a[0] as Value;
      const n = sortMethod(m, g, ins, data, 'Len', [])[0] as number;
      for (let i = n - 1; i > 0; i--)
        if (sortMethod(m, g, ins, data, 'Less', [i, i - 1])[0] === true) return [false];
      return [true];
    },
    'sort.SliceIsSorted': (m, g, a, ins) => {
      const x = a[0] instanceof Iface ? a[0].v : null;
      const less = a[1] as Value;
      if (!(x instanceof Slice) && !(x === null && a[0] instanceof Iface)) {
        const kind = a[0] instanceof Iface ? kindName(a[0].t) : 'invalid';
        return m.runtimePanic(
          `reflect: call of reflect.Value.Len on ${kind} Value`,
          ins.pos,
          false,
        );
      }
      const n = x instanceof Slice ? x.len : 0;
      for (let i = n - 1; i > 0; i--) {
        if (!(less instanceof FnVal)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
        if (m.callSync(g, less.fn, less, [i, i - 1])[0] === true) return [false];
      }
      return [true];
    },
    'sort.IntsAreSorted': areSorted,
    'sort.StringsAreSorted': areSorted,
    'sort.Float64sAreSorted': areSorted,
    // i, j := 0, n; while i < j, h := (i+j)/2 and f(h) halves the range (Go's own loop)
    'sort.Search': (m, g, a, ins) => {
      const f = a[1] as Value;
      return [
        search(a[0] as number, (h) => {
          if (!(f instanceof FnVal)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
          return m.callSync(g, f.fn, f, [h])[0] === true;
        }),
      ];
    },
    'sort.SearchInts': searchSorted,
    'sort.SearchStrings': searchSorted,
    'sort.SearchFloat64s': searchSorted,
    ...sortTypeNatives(),
  };
}

/** A func(rune) bool of the program's (or a library one as a value), asked about a rune. */
function runeTest(m: Machine, g: G, ins: Instr, f: Value): (ch: string) => boolean {
  return (ch) => {
    if (!(f instanceof FnVal)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
    return m.callSync(g, f.fn, f, [ch.codePointAt(0) as number])[0] === true;
  };
}

/** strings.TrimLeftFunc: from the start, the runes f accepts, asked one by one. */
function trimLeftFunc(s: string, test: (ch: string) => boolean): string {
  const runes = [...s];
  let i = 0;
  while (i < runes.length && test(runes[i] as string)) i++;
  return runes.slice(i).join('');
}

/** strings.TrimRightFunc: from the end, the runes f accepts, asked one by one. */
function trimRightFunc(s: string, test: (ch: string) => boolean): string {
  const runes = [...s];
  let j = runes.length;
  while (j > 0 && test(runes[j - 1] as string)) j--;
  return runes.slice(0, j).join('');
}

/** sort.Search's loop: the least h in [0, n) for which f(h) is true, or n. */
function search(n: number, f: (h: number) => boolean): number {
  let i = 0;
  let j = n;
  while (i < j) {
    const h = Math.floor((i + j) / 2);
    if (!f(h)) i = h + 1;
    else j = h;
  }
  return i;
}

/** The element k of slice v, its read seen by the race detector. */
function elementAt(m: Machine, g: G, ins: Instr, v: Slice, k: number): Value {
  m.touch(g, v.b, v.off + k, false, ins);
  return m.slots(v.b).s[v.off + k] as Value;
}

/**
 * sort.SearchInts (SearchStrings, SearchFloat64s): Search for the first element not less than
 * x, reading only the elements it probes.
 */
const searchSorted: Native = (m, g, a, ins) => {
  const v = a[0] as Value;
  if (!(v instanceof Slice)) return [0];
  return [search(v.len, (h) => !orderedLess(elementAt(m, g, ins, v, h), a[1] as Value))];
};

/**
 * sort.IntsAreSorted (StringsAreSorted, Float64sAreSorted), as slices.IsSorted: from the end
 * down, stopping at the first element less than the one before it.
 */
const areSorted: Native = (m, g, a, ins) => {
  const v = a[0] as Value;
  if (!(v instanceof Slice)) return [true];
  for (let i = v.len - 1; i > 0; i--)
    if (orderedLess(elementAt(m, g, ins, v, i), elementAt(m, g, ins, v, i - 1))) return [false];
  return [true];
};

/**
 * sort.Slice(x, less) and SliceStable: less(i, j) runs as Go code, inside this step; the
 * elements are swapped as reflect.Swapper swaps them.
 */
function sortBy(isStable: boolean): Native {
  return (m, g, a, ins) => {
    const x = a[0] instanceof Iface ? a[0].v : null;
    const less = a[1] as Value;
    // (a nil slice has nothing to sort: Swapper of a slice of length 0 does nothing)
    if (x === null && a[0] instanceof Iface && under(a[0].t).k === 'slice') return none;
    if (!(x instanceof Slice)) {
      // reflectlite.Swapper's panic, a *reflect.ValueError
      const kind = a[0] instanceof Iface ? kindName(a[0].t) : 'invalid';
      return m.runtimePanic(`reflect: call of Swapper on ${kind} Value`, ins.pos, false);
    }
    if (!(less instanceof FnVal)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
    sortSlice(
      m,
      g,
      ins,
      x,
      (_a, _b, i, j) => m.callSync(g, less.fn, less, [i, j])[0] === true,
      isStable,
    );
    return none;
  };
}

/**
 * sort.Sort(data) and sort.Stable(data): Len, Less and Swap called as Go's sort calls them;
 * the program's own run as Go code inside this step, sort's own types (IntSlice, Reverse…)
 * here (sortMethod).
 */
function sortInterface(isStable: boolean): Native {
  return (m, g, a, ins) => {
    const data = a[0] as Value;
    const n = sortMethod(m, g, ins, data, 'Len', [])[0] as number;
    const sorter: SortData = {
      less: (i, j) => sortMethod(m, g, ins, data, 'Less', [i, j])[0] === true,
      swap: (i, j) => void sortMethod(m, g, ins, data, 'Swap', [i, j]),
    };
    if (isStable) stable(sorter, n);
    else pdqsortAll(sorter, n);
    return none;
  };
}

/** Len, Less or Swap of a sort.Interface value, whoever implements it. */
function sortMethod(
  m: Machine,
  g: G,
  ins: Instr,
  data: Value,
  name: 'Len' | 'Less' | 'Swap',
  args: readonly number[],
): Value[] {
  // (a nil Interface: calling its method is a nil dereference, as in Go)
  if (!(data instanceof Iface)) return m.runtimePanic(GO.nilDeref, ins.pos, true);
  const t = data.t;
  if (t === sortIntSlice || t === sortStringSlice || t === sortFloat64Slice)
    return sliceMethod(m, g, ins, data.v, name, args);
  if (t.k === 'ptr' && t.elem === sortReverseType && data.v instanceof Ref) {
    const inner = m.slots(data.v.id).s[0] as Value;
    return sortMethod(
      m,
      g,
      ins,
      inner,
      name,
      name === 'Less' ? [args[1] ?? 0, args[0] ?? 0] : args,
    );
  }
  const r = m.callMethod(data, name, [...args]);
  if (!r) return m.runtimePanic(GO.nilDeref, ins.pos, true);
  return r;
}

/** sort.IntSlice's (and StringSlice's, Float64Slice's) Len, Less and Swap on slice x. */
function sliceMethod(
  m: Machine,
  g: G,
  ins: Instr,
  x: Value,
  name: 'Len' | 'Less' | 'Swap',
  args: readonly number[],
): Value[] {
  const s = x instanceof Slice ? x : null;
  const len = s?.len ?? 0;
  if (name === 'Len') return [len];
  for (const i of args)
    if (i < 0 || i >= len) m.runtimePanic(indexOutOfRange(i, len), ins.pos, false);
  const [i, j] = args as [number, number];
  const sl = s as Slice;
  if (name === 'Swap') {
    swapElements(m, g, ins, sl, i, j);
    return none;
  }
  m.touch(g, sl.b, sl.off + i, false, ins);
  m.touch(g, sl.b, sl.off + j, false, ins);
  const o = m.get(sl.b) as SlotsObj;
  return [orderedLess(o.s[sl.off + i] as Value, o.s[sl.off + j] as Value)];
}

/** sort.IntSlice.Len and the other methods of sort's slice types, and sort.Reverse's. */
function sortTypeNatives(): Record<string, Native> {
  const out: Record<string, Native> = {};
  for (const t of [sortIntSlice, sortStringSlice, sortFloat64Slice]) {
    for (const name of ['Len', 'Less', 'Swap'] as const)
      out[`sort.${t.name}.${name}`] = (m, g, a, ins) =>
        sliceMethod(m, g, ins, a[0] as Value, name, a.slice(1) as number[]);
    out[`sort.${t.name}.Sort`] = (m, g, a, ins) => {
      sortSlice(m, g, ins, a[0] as Value, orderedLess);
      return none;
    };
  }
  for (const name of ['Len', 'Less', 'Swap'] as const)
    out[`sort.reverse.${name}`] = (m, g, a, ins) =>
      sortMethod(
        m,
        g,
        ins,
        new Iface({ k: 'ptr', elem: sortReverseType }, a[0] as Value),
        name,
        a.slice(1) as number[],
      );
  // sort.Reverse(data): &reverse{data}
  out['sort.Reverse'] = (m, _g, a) => [
    new Iface({ k: 'ptr', elem: sortReverseType }, m.newStruct(sortReverseType, [a[0] as Value])),
  ];
  return out;
}

/** reflect's Kind name for a type: int, string, struct, map, ptr... */
function kindName(t: Type): string {
  const u = under(t);
  switch (u.k) {
    case 'basic':
      return u.name.replace(/^untyped /, '');
    case 'ptr':
      return 'ptr';
    case 'iface':
      return 'interface';
    default:
      return u.k;
  }
}
