/**
 * fmt's printing rules for the values Interleave has: Println/Sprint spacing, the %v family
 * (structs as {a b}, %+v with field names, maps with sorted keys, &{...} for pointers to
 * structs at top level), %d %s %q %x %X %o %O %b %t %T %p %f %e %E %g %G %c %U with width,
 * precision, flags and argument indexes, values printed through their String and Error
 * methods (a panic in one caught, as fmt does), and fmt's error annotations
 * (%!d(string=hi), %!(MISSING), %!(EXTRA ...), %!d(BADINDEX)).
 */
import { isPrint, quote, quoteRune, runeText } from '../lang/quote';
import {
  atomicValueType,
  errorType,
  fileType,
  isAtomicType,
  libraryErrors,
  timeType,
} from '../lang/stdlib';
import {
  isComposite,
  isInterface,
  isStructLike,
  typeString,
  under,
  type Type,
} from '../lang/types';
import type { Machine } from './machine';
import { findMethod, utf8Bytes } from './machine';
import {
  FnVal,
  Iface,
  K,
  Keys,
  Ref,
  Slice,
  sliceValues,
  type MapObj,
  type SlotsObj,
  type Value,
} from './values';

import { compareKeys } from './keys';
import { formatFloat64, formatFloatB, formatFloatX } from './floats';
import { absInt, big, intDigits, isIntValue } from './int64';

const MAX_DEPTH = 8;

/** The address fmt would print for a heap object (deterministic: derived from its id). */
export function addressOf(id: number, f = -1): string {
  return `0x${address(id, f).toString(16)}`;
}

/** The made-up address of heap object id (field f), as a number: Go's heap starts at 0xc000000000. */
function address(id: number, f = -1): number {
  return 0xc000000000 + 0x10000 + id * 0x20 + Math.max(0, f) * 8;
}

/** The address a pointer, map, func or slice value holds, as a number (0 for nil). */
function pointerAddress(v: Value): number {
  if (v instanceof Ref) return address(v.id, v.f);
  if (v instanceof Slice) return address(v.b, v.off);
  if (v instanceof FnVal) return address(v.fn + 0x1000);
  return 0;
}

function isFilePtr(t: Type | null): boolean {
  return t?.k === 'ptr' && t.elem === fileType;
}

/** Where os.Stdout's (fd 1) and os.Stderr's (fd 2) *file would be. */
function fileAddress(fd: number): string {
  return addressOf(0x40 + fd);
}

function dynamic(v: Value, t: Type | null): [Value, Type | null] {
  if (v instanceof Iface) return [v.v, v.t];
  return [v, t];
}

/** Println: operands separated by spaces, then a newline. */
export function sprintln(m: Machine, args: readonly Value[]): string {
  return `${args.map((a) => formatValue(m, a, null, 'v')).join(' ')}\n`;
}

/** Print / Sprint: a space between operands when neither is a string. */
export function fprint(m: Machine, args: readonly Value[]): string {
  let out = '';
  args.forEach((a, i) => {
    const isStr = (x: Value) =>
      typeof dynamic(x, null)[0] === 'string' && dynamic(x, null)[1]?.k !== 'named';
    if (i > 0 && !isStr(a) && !isStr(args[i - 1] as Value)) out += ' ';
    out += formatValue(m, a, null, 'v');
  });
  return out;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  zero: boolean;
  space: boolean;
  width: number;
  prec: number;
}

/**
 * Printf, as print.go's doPrintf reads a format: flags, an explicit argument index (%[2]d,
 * which later verbs count on from), a width and precision (either may be * or [n]*, an
 * int operand), the verb. Out-of-order use turns off the %!(EXTRA …) check, as in Go.
 */
export function sprintf(m: Machine, format: string, args: readonly Value[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const end = format.length;
  /** a run of decimal digits at i: its value (-1 if none), and where it ends */
  const parsenum = (from: number, to: number): [number, number] => {
    let n = -1;
    let k = from;
    while (k < to && /[0-9]/.test(format[k] as string)) {
      n = (n < 0 ? 0 : n * 10) + Number(format[k]);
      if (n > 1e6) return [-1, to];
      k++;
    }
    return [n, k];
  };
  /** the verb's argument index is good (print.go's goodArgNum) */
  let good: boolean;
  /** an argument index [n] at i, if there is one (print.go's argNumber) */
  const argNumber = (): boolean => {
    if (format[i] !== '[') return false;
    reordered = true;
    const close = format.indexOf(']', i + 1);
    if (end - i < 3 || close < 0) {
      i += 1;
      good = false;
      return false;
    }
    const [n, k] = parsenum(i + 1, close);
    i = close + 1;
    if (n < 0 || k !== close) {
      good = false;
      return false;
    }
    if (n - 1 >= 0 && n - 1 < args.length) {
      argNum = n - 1;
      return true;
    }
    good = false;
    return true;
  };
  /** an int operand for * (intFromArg), or null if it is not one */
  const intArg = (): number | null => {
    if (argNum >= args.length) return null;
    const [v, t] = dynamic(args[argNum++] ?? null, null);
    const u = t ? under(t) : null;
    const isInt = u?.k === 'basic' && /int/.test(u.name) && typeof v === 'number';
    return isInt && Math.abs(v) <= 1e6 ? v : null;
  };
  while (i < end) {
    const c = format[i] as string;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    good = true;
    const spec: Spec = {
      minus: false,
      plus: false,
      sharp: false,
      zero: false,
      space: false,
      width: -1,
      prec: -1,
    };
    for (; i < end; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === '0') spec.zero = true;
      else if (f === ' ') spec.space = true;
      else break;
    }
    let afterIndex = argNumber();
    if (format[i] === '*') {
      i++;
      const w = intArg();
      if (w === null) out += '%!(BADWIDTH)';
      else if (w < 0) {
        spec.width = -w;
        spec.minus = true;
      } else spec.width = w;
      afterIndex = false;
    } else {
      const [w, k] = parsenum(i, end);
      i = k;
      spec.width = w;
      // "%[3]2d"
      if (afterIndex && w >= 0) good = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      // "%[3].2d"
      if (afterIndex) good = false;
      afterIndex = argNumber();
      if (format[i] === '*') {
        i++;
        const p = intArg();
        if (p === null) out += '%!(BADPREC)';
        spec.prec = p === null || p < 0 ? -1 : p;
        afterIndex = false;
      } else {
        const [p, k] = parsenum(i, end);
        i = k;
        spec.prec = Math.max(0, p);
      }
    }
    if (!afterIndex) argNumber();
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) as number);
    i += verb.length;
    if (verb === '%') out += '%';
    else if (!good) out += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) out += `%!${verb}(MISSING)`;
    else out += formatArg(m, args[argNum++] as Value, verb, spec, 0);
  }
  if (!reordered && argNum < args.length) {
    out += `%!(EXTRA ${args
      .slice(argNum)
      .map((a) => {
        const [v, t] = dynamic(a, null);
        return `${t ? typeString(t, true) : 'nil'}=${formatValue(m, v, t, 'v')}`;
      })
      .join(', ')})`;
  }
  return out;
}

function pad(s: string, spec: Spec): string {
  if (spec.width < 0 || s.length >= spec.width) return s;
  const fill = spec.width - [...s].length;
  if (fill <= 0) return s;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && /^[-+]?[0-9]/.test(s)) {
    const sign = /^[-+]/.test(s) ? (s[0] as string) : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

/** An integer's digits, exact past 2^53 too (see int64.ts). */
export const intText = intDigits;

/** fmt's truncateString: a precision counts runes. */
function truncate(s: string, spec: Spec): string {
  return spec.prec >= 0 ? [...s].slice(0, spec.prec).join('') : s;
}

/** fmt's badVerb: the verb, then the operand's type and value, or just <nil> for nil. */
function bad(verb: string, v: Value, t: Type | null, m: Machine): string {
  if (!t) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeString(t, true)}=${formatValue(m, v, t, 'v')})`;
}

const isByte = (t: Type) => t.k === 'basic' && t.name === 'uint8';

/**
 * One operand of Printf, as print.go's printValue does it: a verb other than %v (or %v with a
 * width) goes to the elements of a slice or array, the entries of a map and the fields of a
 * struct, one by one, each padded to the width (`%5d` of []int{1} is `[    1]`, `%q` of a
 * map[string]int is `map["k":'\x01']`); a value with an Error or String method is printed
 * through it first, for the verbs that call them (handleMethods).
 */
function formatArg(
  m: Machine,
  arg: Value,
  verb: string,
  spec: Spec,
  depth: number,
  raw = false,
): string {
  const [v, t] = dynamic(arg, null);
  const u = t ? under(t) : null;
  const plain = verb === 'v' && spec.width < 0 && spec.prec < 0;
  const methods =
    !raw &&
    t !== null &&
    'vsqxX'.includes(verb) &&
    (hasMethod(t, 'Error') || hasMethod(t, 'String'));
  if (u && t && !plain && !methods && verb !== 'T' && verb !== 'p' && depth < MAX_DEPTH) {
    const each = (x: Value, et: Type, rawHere = raw) =>
      formatArg(m, under(et).k === 'iface' ? x : new Iface(et, x), verb, spec, depth + 1, rawHere);
    const list = (xs: readonly Value[], et: Type) => `[${xs.map((x) => each(x, et)).join(' ')}]`;
    const bytes = 'sqxX'.includes(verb);
    // a []byte or [N]byte with %s %q %x %X: its bytes as one string (fmtBytes)
    const byteVals =
      bytes && (u.k === 'slice' || u.k === 'array') && isByte(u.elem)
        ? v instanceof Slice
          ? sliceValues(m, v)
          : v instanceof Ref && m.get(v.id).k === K.Slots
            ? (m.get(v.id) as SlotsObj).s
            : v === null
              ? []
              : null
        : null;
    if (byteVals) {
      const bs = Uint8Array.from(byteVals as number[]);
      if (verb === 'x' || verb === 'X') return pad(hexBytes(bs, verb, spec), spec);
      const text = new TextDecoder().decode(bs);
      return pad(verb === 'q' ? quote(text) : text, spec);
    }
    if (u.k === 'slice' && !(isByte(u.elem) && bytes)) {
      if (v === null) return '[]';
      if (v instanceof Slice) return list(sliceValues(m, v), u.elem);
    }
    const special = t.k === 'named' && t.special !== null;
    if (v instanceof Ref && v.f === -1 && !special) {
      const o = m.get(v.id);
      if (u.k === 'array' && o.k === K.Slots && !(isByte(u.elem) && bytes))
        return list(o.s, u.elem);
      if (u.k === 'struct' && o.k === K.Slots)
        return `{${u.fields
          .map((f, i) => each(o.s[i] as Value, f.type, raw || !exportedField(f.name)))
          .join(' ')}}`;
      if (u.k === 'map' && o.k === K.Map)
        return `map[${sortedEntries(m, o, u.key)
          .map(([k, x]) => `${each(k, u.key)}:${each(x, u.elem)}`)
          .join(' ')}]`;
      // a pointer to a struct, array, slice or map, at the top: & and what it points to
      if (u.k === 'ptr' && depth === 0 && ['struct', 'array', 'map'].includes(under(u.elem).k))
        return `&${formatArg(m, new Iface(u.elem, v), verb, spec, depth + 1, raw)}`;
    }
    if (u.k === 'map' && v === null) return 'map[]';
  }
  return pad(formatVerb(m, arg, verb, spec, raw), spec);
}

/** @param raw reached through a struct field that is not exported: no methods are called */
function formatVerb(m: Machine, arg: Value, verb: string, spec: Spec, raw = false): string {
  const [v, t] = dynamic(arg, null);
  // handleMethods: %s %q %x %X of a value with an Error or String method format what the
  // method returns, whatever the value's own kind (%x of a Stringer int is its text in hex)
  if (!raw && t && 'sqxX'.includes(verb) && (hasMethod(t, 'Error') || hasMethod(t, 'String'))) {
    const r = throughMethod(m, v, t, verb);
    if (r?.panicked) return r.text;
    return formatVerb(m, r ? r.text : formatValue(m, arg, null, 'v'), verb, spec);
  }
  // fmtPointer: %p of a pointer, map, func or slice, and %b %o %d %x %X of a pointer or func
  // that printValue did not print as &{…} (a nil one, one to a basic value, one inside another
  // value): its address as an integer, 0 for nil
  const kind = t ? under(t).k : null;
  if (
    (verb === 'p' &&
      (kind === 'ptr' ||
        kind === 'map' ||
        kind === 'chan' ||
        kind === 'func' ||
        kind === 'slice')) ||
    ('bodxX'.includes(verb) && (kind === 'ptr' || kind === 'func'))
  ) {
    const u = pointerAddress(v);
    if (verb === 'p') return spec.sharp ? u.toString(16) : `0x${u.toString(16)}`;
    return fmtInteger(u, verb === 'b' ? 2 : verb === 'o' ? 8 : verb === 'd' ? 10 : 16, verb, spec);
  }
  switch (verb) {
    case 'v': {
      const text = fmtv(m, arg, null, spec.plus ? '+v' : spec.sharp ? '#v' : 'v', 0, raw);
      if (spec.prec < 0 || spec.sharp) return text;
      // a precision applies to what %v prints of a basic value as to its own verb (%.2v of
      // "hello" is "he", of 3.14159 is 3.1, %.3v of 7 is 007), and to a String's or Error's
      // text; + is %+v's flag here, not a sign
      if (!raw && t && (hasMethod(t, 'Error') || hasMethod(t, 'String')))
        return truncate(text, spec);
      if (typeof v === 'string') return truncate(v, spec);
      if (typeof v === 'number' && isFloatType(t))
        return floatSign(formatFloat64(v, 'g', spec.prec, floatBits(t)), { ...spec, plus: false });
      if (isIntValue(v)) return fmtInteger(v, 10, 'd', { ...spec, plus: false });
      return text;
    }
    case 'T':
      return t ? typeString(t, true) : '<nil>';
    case 'd':
      if (isIntValue(v) && !isFloatType(t)) return fmtInteger(v, 10, verb, spec);
      if (v instanceof Slice || v instanceof Ref) return formatValue(m, arg, null, 'd');
      return bad(verb, v, t, m);
    case 's':
      if (typeof v === 'string') return truncate(v, spec);
      // (a value with a method was printed through it above)
      if (v instanceof Iface) return formatValue(m, arg, null, 'v');
      if (v instanceof Slice) return formatValue(m, arg, null, 's');
      return bad(verb, v, t, m);
    case 'q':
      if (typeof v === 'string') return quote(truncate(v, spec));
      if (typeof v === 'bigint') return quoteRune(-1);
      if (typeof v === 'number' && Number.isInteger(v)) return quoteRune(v);
      return bad(verb, v, t, m);
    case 'x':
    case 'X':
      if (isIntValue(v) && !isFloatType(t)) return fmtInteger(v, 16, verb, spec);
      if (typeof v === 'number') return floatSign(formatFloatX(v, verb, spec.prec), spec);
      if (typeof v === 'string') return hexBytes(utf8Bytes(v), verb, spec);
      return bad(verb, v, t, m);
    case 'o':
    case 'O':
    case 'b':
      if (isIntValue(v) && !isFloatType(t)) return fmtInteger(v, verb === 'b' ? 2 : 8, verb, spec);
      if (typeof v === 'number' && verb === 'b') return floatSign(formatFloatB(v), spec);
      return bad(verb, v, t, m);
    case 'c':
      // (fmtC: a value that is no code point, negative or past U+10FFFF or a surrogate, is U+FFFD)
      if (typeof v === 'bigint') return runeText(-1);
      if (typeof v === 'number' && Number.isInteger(v) && !isFloatType(t)) return runeText(v);
      return bad(verb, v, t, m);
    case 'U':
      if (isIntValue(v) && !isFloatType(t)) {
        // (fmtUnicode writes the value as a uint64: -1 is U+FFFFFFFFFFFFFFFF)
        const hex = (v < 0 ? BigInt.asUintN(64, big(v)).toString(16) : intText(v, 16))
          .toUpperCase()
          .padStart(4, '0');
        // %#U: and the character, if strconv.IsPrint says it is printable
        return spec.sharp && typeof v === 'number' && isPrint(v)
          ? `U+${hex} '${String.fromCodePoint(v)}'`
          : `U+${hex}`;
      }
      return bad(verb, v, t, m);
    case 't':
      if (typeof v === 'boolean') return String(v);
      return bad(verb, v, t, m);
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      if (typeof v !== 'number' || !(isFloatType(t) || !Number.isInteger(v)))
        return bad(verb, v, t, m);
      const form = verb === 'F' ? 'f' : verb;
      // (%f and %e default to 6 digits after the point, %g to the shortest that reads back)
      const prec = spec.prec >= 0 || form === 'g' || form === 'G' ? spec.prec : 6;
      return floatSign(formatFloat64(v, form, prec, floatBits(t)), spec);
    }
    case 'p':
      if (v instanceof Ref) return addressOf(v.id, v.f);
      if (v === null && t) return '%!p(<nil>)';
      return bad(verb, v, t, m);
    default:
      return bad(verb, v, t, m);
  }
}

/**
 * An integer as print.go's fmtInteger writes it: at least `prec` digits (zeros in front;
 * %.0d of 0 is nothing), or with the 0 flag as wide as the width, then the prefix (%#x 0x,
 * %#o 0, %#b 0b, %O 0o) and the sign, then padding with spaces to the width.
 */
function fmtInteger(v: number | bigint, base: number, verb: string, spec: Spec): string {
  const negative = v < 0;
  let digits = intText(absInt(v), base);
  if (verb === 'X') digits = digits.toUpperCase();
  let prec = 0;
  if (spec.prec >= 0) {
    prec = spec.prec;
    if (prec === 0 && v === 0) return spec.width > 0 ? ' '.repeat(spec.width) : '';
  } else if (spec.zero && !spec.minus && spec.width >= 0) {
    prec = spec.width;
    if (negative || spec.plus || spec.space) prec--;
  }
  digits = digits.padStart(prec, '0');
  if (spec.sharp) {
    if (base === 2) digits = `0b${digits}`;
    else if (base === 8 && !digits.startsWith('0')) digits = `0${digits}`;
    else if (base === 16) digits = `0${verb}${digits}`;
  }
  if (verb === 'O') digits = `0o${digits}`;
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const out = sign + digits;
  if (spec.width <= out.length) return out;
  const fill = ' '.repeat(spec.width - out.length);
  return spec.minus ? out + fill : fill + out;
}

/**
 * A string's or []byte's bytes in hex (fmtSbx): %x two digits each; the space flag puts a
 * space between them, # a 0x before all of them or, with the space flag, before each; the
 * precision says how many bytes.
 */
function hexBytes(bs: ArrayLike<number>, verb: string, spec: Spec): string {
  const n = spec.prec >= 0 ? Math.min(spec.prec, bs.length) : bs.length;
  const prefix = verb === 'X' ? '0X' : '0x';
  let out = '';
  if (spec.sharp && n > 0) out += prefix;
  for (let i = 0; i < n; i++) {
    if (spec.space && i > 0) out += spec.sharp ? ` ${prefix}` : ' ';
    const h = (bs[i] as number).toString(16).padStart(2, '0');
    out += verb === 'X' ? h.toUpperCase() : h;
  }
  return out;
}

/**
 * fmt's sign for a float formatted by strconv (which writes '-' and '+Inf' itself): '+' or a
 * space for the others when asked for; NaN gets one only then.
 */
function floatSign(s: string, spec: Spec): string {
  if (s.startsWith('-') || s.startsWith('+')) return s;
  return spec.plus ? `+${s}` : spec.space ? ` ${s}` : s;
}

function isFloatType(t: Type | null): boolean {
  const u = t ? under(t) : null;
  return !!u && u.k === 'basic' && /float/.test(u.name);
}

/** A float type's width: float32's shortest form is its own (float32(0.1) is 0.1). */
export function floatBits(t: Type | null): 32 | 64 {
  const u = t ? under(t) : null;
  return u?.k === 'basic' && u.name === 'float32' ? 32 : 64;
}

function hasMethod(t: Type, name: string): boolean {
  return findMethod(t, name) !== null;
}

/**
 * %v of a float64: strconv.FormatFloat(f, 'g', -1, 64), the shortest digits that read back
 * as f, in %e form when the exponent is below -4 or at least 6 (ftoa.go: "if precision was
 * the shortest possible, use precision 6 for this decision"), so 1e6 prints as 1e+06.
 */
export function formatFloat(v: number, t: Type | null = null): string {
  return formatFloat64(v, 'g', -1, floatBits(t));
}

/**
 * time.Duration.String, in integers as Go's fmtFrac and fmtInt (exact: 36h and 1ns is
 * 36h0m0.000000001s, and the least Duration, -2^63, is -2562047h47m16.854775808s).
 */
export function formatDuration(d: number | bigint): string {
  if (d === 0) return '0s';
  let u = big(absInt(d));
  const frac = (v: bigint, prec: number): string => {
    const scale = 10n ** BigInt(prec);
    const digits = (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
    return `${v / scale}${digits ? `.${digits}` : ''}`;
  };
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, prec] = u < 1000n ? ['ns', 0] : u < 1_000_000n ? ['µs', 3] : ['ms', 6];
    out = `${frac(u, prec)}${unit}`;
  } else {
    const h = u / 3_600_000_000_000n;
    u -= h * 3_600_000_000_000n;
    const min = u / 60_000_000_000n;
    u -= min * 60_000_000_000n;
    const sec = frac(u, 9);
    out = h > 0n ? `${h}h${min}m${sec}s` : min > 0n ? `${min}m${sec}s` : `${sec}s`;
  }
  return d < 0 ? `-${out}` : out;
}

/** The least Duration (-2^63, exact), where Go's Sub and Until saturate. */
export const MIN_DURATION = -(2n ** 63n);

/**
 * A time.Time value: 0 is Go's zero Time (January 1, year 1, 00:00:00 UTC); any other value
 * is an instant of virtual time ns nanoseconds from 2000-01-01 00:00:00 UTC, where
 * testing/synctest starts the clock: ns + 1 from that start on and ns before it, so that no
 * instant is 0. In nanoseconds the zero Time is -Infinity: before every instant.
 */
export function timeAt(ns: number): number {
  return ns === -Infinity ? 0 : ns >= 0 ? ns + 1 : ns;
}

/** The nanoseconds from 2000-01-01 UTC of a time.Time value (see timeAt). */
export function timeNs(t: number): number {
  return t === 0 ? -Infinity : t > 0 ? t - 1 : t;
}

/** time.Time.String, in UTC (the only zone here). */
export function formatTime(t: number): string {
  const c = calendar(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const frac = c.nano === 0 ? '' : `.${p(c.nano, 9).replace(/0+$/, '')}`;
  return `${p(c.year, 4)}-${p(c.month)}-${p(c.day)} ${p(c.hour)}:${p(c.minute)}:${p(c.second)}${frac} +0000 UTC`;
}

/** Is a struct field exported (an embedded field is named after its type)? */
function exportedField(name: string | undefined): boolean {
  const c = name?.charCodeAt(0) ?? 0;
  return c >= 65 && c <= 90;
}

/**
 * A time.Time's own fields (wall, ext, loc), as fmt prints them where it cannot call String:
 * the zero Time's are {0 0 <nil>}; another's are those of t.UTC().Round(0) (seconds since
 * year 1 in ext). Go's from time.Now() also hold a monotonic clock reading and the Local
 * zone's address, which depend on the machine.
 */
function rawTime(t: number, named: boolean, sharp: boolean): string {
  const ns = timeNs(t);
  const wall = t === 0 ? 0 : ((ns % 1e9) + 1e9) % 1e9;
  const ext = t === 0 ? 0 : Math.floor(ns / 1e9) - ZERO_TIME_FROM_2000_S;
  if (sharp) return `time.Time{wall:0x${wall.toString(16)}, ext:${ext}, loc:(*time.Location)(nil)}`;
  return named ? `{wall:${wall} ext:${ext} loc:<nil>}` : `{${wall} ${ext} <nil>}`;
}

/** Seconds from January 1, year 1 to 2000-01-01, both UTC, negated. */
export const ZERO_TIME_FROM_2000_S = -63_082_281_600;

/**
 * time.Time's GoString, for %#v: time.Date(…) with its zone, UTC for the zero Time and Local
 * for the others (time.Now's; a t.UTC() is not told apart here).
 */
function timeGoString(t: number): string {
  const c = calendar(t);
  return `time.Date(${c.year}, time.${monthName(c.month)}, ${c.day}, ${c.hour}, ${c.minute}, ${c.second}, ${c.nano}, time.${t === 0 ? 'UTC' : 'Local'})`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The String methods of time's integer types, which fmt calls without a step of their own
 * (natives.ts makes the same functions the methods' natives).
 */
export const TIME_STRINGERS: Readonly<Record<string, (v: number) => string>> = {
  'time.Duration.String': (v) => formatDuration(v),
  'time.Time.String': (v) => formatTime(v),
  'time.Month.String': (v) => monthName(v),
  'time.Weekday.String': (v) => weekdayName(v),
};

/** time.Weekday's String: its English name. */
export function weekdayName(d: number): string {
  return DAYS[d] ?? `%!Weekday(${d})`;
}

/** time.Month's String: its English name. */
export function monthName(m: number): string {
  return MONTHS[m - 1] ?? `%!Month(${m})`;
}

/** The calendar of a time.Time value (see timeAt). */
export function calendar(t: number) {
  // the zero Time: Monday, January 1, year 1
  if (t === 0)
    return {
      year: 1,
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
      nano: 0,
      weekday: 1,
      yearDay: 1,
    };
  const ns = timeNs(t);
  const d = new globalThis.Date(Date.UTC(2000, 0, 1) + Math.floor(ns / 1e6));
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nano: ((ns % 1e9) + 1e9) % 1e9,
    weekday: d.getUTCDay(),
    yearDay: Math.floor((d.getTime() - start) / 86_400_000) + 1,
  };
}

/**
 * time.Time.Format: the layout's elements as Go's nextStdChunk reads them (the reference time
 * Mon Jan 2 15:04:05 MST 2006), in UTC, the only zone here; anything else is copied.
 */
export function formatLayout(t: number, layout: string): string {
  const c = calendar(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const h12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
  // longest first where one element begins another
  const elements: [string, () => string][] = [
    ['January', () => monthName(c.month)],
    ['Jan', () => monthName(c.month).slice(0, 3)],
    ['Monday', () => DAYS[c.weekday] as string],
    ['Mon', () => (DAYS[c.weekday] as string).slice(0, 3)],
    ['MST', () => 'UTC'],
    ['2006', () => p(c.year, 4)],
    ['002', () => p(c.yearDay, 3)],
    ['01', () => p(c.month)],
    ['02', () => p(c.day)],
    ['03', () => p(h12)],
    ['04', () => p(c.minute)],
    ['05', () => p(c.second)],
    ['06', () => p(c.year % 100)],
    ['15', () => p(c.hour)],
    ['__2', () => String(c.yearDay).padStart(3, ' ')],
    ['_2', () => String(c.day).padStart(2, ' ')],
    ['1', () => String(c.month)],
    ['2', () => String(c.day)],
    ['3', () => String(h12)],
    ['4', () => String(c.minute)],
    ['5', () => String(c.second)],
    ['PM', () => (c.hour >= 12 ? 'PM' : 'AM')],
    ['pm', () => (c.hour >= 12 ? 'pm' : 'am')],
    ['-07:00:00', () => '+00:00:00'],
    ['-070000', () => '+000000'],
    ['-07:00', () => '+00:00'],
    ['-0700', () => '+0000'],
    ['-07', () => '+00'],
    ['Z07:00:00', () => 'Z'],
    ['Z070000', () => 'Z'],
    ['Z07:00', () => 'Z'],
    ['Z0700', () => 'Z'],
    ['Z07', () => 'Z'],
  ];
  let out = '';
  for (let i = 0; i < layout.length;) {
    // fractional seconds: a point or comma, then 0s (fixed digits) or 9s (trailing zeros cut)
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const run = frac[1] as string;
      const digits = p(c.nano, 9).slice(0, run.length);
      const sep = layout[i] as string;
      if (run[0] === '0') out += sep + digits;
      else {
        const cut = digits.replace(/0+$/, '');
        if (cut) out += sep + cut;
      }
      i += frac[0].length;
      continue;
    }
    const hit = elements.find(([e]) => layout.startsWith(e, i));
    if (hit) {
      out += hit[1]();
      i += hit[0].length;
    } else out += layout[i++];
  }
  return out;
}

/** A log line's date and time (log.go formatHeader): `2000/01/01 00:00:00` (.000000 for Lmicroseconds). */
export function formatLogTime(ns: number, date: boolean, time: boolean, micro: boolean): string {
  const d = new globalThis.Date(Date.UTC(2000, 0, 1) + Math.floor(ns / 1e6));
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  let out = '';
  if (date) out += `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} `;
  if (time || micro) {
    out += `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
    if (micro) out += `.${p(Math.floor((ns % 1e9) / 1e3), 6)}`;
    out += ' ';
  }
  return out;
}

/** The text `panic(v)` prints after `panic: ` (runtime/panic.go printpanicval). */
export function panicText(m: Machine, v: Value): string {
  if (v === null) return 'nil';
  if (!(v instanceof Iface)) return formatValue(m, v, null, 'v');
  const t = v.t;
  if (hasMethod(t, 'Error') || hasMethod(t, 'String')) return formatValue(m, v, null, 'v');
  const u = under(t);
  if (u.k === 'basic') {
    const s = formatValue(m, v.v, t, 'v');
    if (t.k === 'named') return `${typeString(t, true)}(${u.name === 'string' ? quote(s) : s})`;
    if (u.name === 'string') return s;
    return s;
  }
  return `(${typeString(t, true)}) ${v.v instanceof Ref ? addressOf(v.v.id) : formatValue(m, v.v, t, 'v')}`;
}

/**
 * %v (and %+v, %#v-ish, %d/%s through containers) of a value of static type t (null when v
 * is an interface value or the type is unknown).
 */
export function formatValue(
  m: Machine,
  arg: Value,
  st: Type | null,
  verb: string,
  maxLen = Infinity,
  depth = 0,
): string {
  const s = fmtv(m, arg, st, verb, depth, false);
  return s.length > maxLen ? `${s.slice(0, maxLen - 1)}…` : s;
}

/**
 * A value as the picture and the narration show it: as %v prints it, but a string as Go
 * source writes it (`"job 1"`), so that it reads as a value among words.
 */
export function shownValue(m: Machine, v: Value, t: Type | null): string {
  return typeof v === 'string' ? quote(v) : formatValue(m, v, t, 'v');
}

/**
 * `raw`: the value was reached through a struct field that is not exported, where fmt cannot
 * call methods (reflect's CanInterface is false there): no String or Error, at any depth.
 */
function fmtv(
  m: Machine,
  arg: Value,
  st: Type | null,
  verb: string,
  depth: number,
  raw: boolean,
): string {
  if (verb === '#v') return goSyntax(m, arg, st, depth, raw);
  const [v, t] = dynamic(arg, st);
  if (depth > MAX_DEPTH) return '…';
  if (raw && t === timeType) return rawTime(v as number, verb === '+v', false);
  if (t && !raw && (verb === 'v' || verb === '+v' || verb === 's')) {
    const special = methodString(m, v, t, verb === 's' ? 's' : 'v');
    if (special !== null) return special;
  }
  if (v === null) {
    const u = t ? under(t) : null;
    if (u?.k === 'map') return 'map[]';
    if (u?.k === 'slice') return '[]';
    return '<nil>';
  }
  if (typeof v === 'string') return verb === 'd' ? `%!d(string=${v})` : v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return intText(v);
  if (typeof v === 'number') {
    if (isFloatType(t)) return formatFloat(v, t);
    // os.Stdout and os.Stderr (a *os.File is its descriptor here): Go's pointer to a *file
    if (isFilePtr(t)) return verb === '+v' ? `&{file:${fileAddress(v)}}` : `&{${fileAddress(v)}}`;
    return intText(v);
  }
  if (v instanceof Slice) {
    const o = m.get(v.b) as SlotsObj;
    const elem = t && under(t).k === 'slice' ? (under(t) as { elem: Type }).elem : o.t;
    const items = o.s
      .slice(v.off, v.off + v.len)
      .map((x) => fmtv(m, x, elem, verb, depth + 1, raw));
    return `[${items.join(' ')}]`;
  }
  if (v instanceof FnVal) return addressOf(v.fn + 0x1000);
  if (v instanceof Keys) return '[…]';
  if (v instanceof Ref) return fmtRef(m, v, t, verb, depth, raw);
  return '?';
}

/**
 * %#v: the value as Go source would write it (fmt's sharpV): `[]string{"a"}`,
 * `map[string]int{"a":1}`, `main.Job{ID:"1", Name:"build"}`, `&main.Job{…}` for a pointer
 * at the top, `(*main.Job)(nil)`, `error(nil)` for a nil interface inside a value.
 */
function goSyntax(m: Machine, arg: Value, st: Type | null, depth: number, raw: boolean): string {
  const [v, t] = dynamic(arg, st);
  if (depth > MAX_DEPTH) return '…';
  // (time.Time's GoString, where fmt may call it)
  if (t === timeType) return raw ? rawTime(v as number, true, true) : timeGoString(v as number);
  const u = t ? under(t) : null;
  // (printArg's case []byte names it so; reflection, for one inside another value, []uint8)
  const ts =
    t && depth === 0 && t.k === 'slice' && isByte(t.elem) ? '[]byte' : t ? typeString(t, true) : '';
  if (v === null) {
    if (!t || (st && isInterface(st) && depth === 0)) return '<nil>';
    if (u?.k === 'ptr' || u?.k === 'func') return `(${ts})(nil)`;
    return `${ts}(nil)`;
  }
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (typeof v === 'number' && isFloatType(t)) return formatFloat(v, t);
    if (isFilePtr(t)) return `&os.File{file:(*os.file)(${fileAddress(v as number)})}`;
    // (fmt writes unsigned integers in hex under %#v)
    if (u?.k === 'basic' && /^uint/.test(u.name)) return `0x${intText(v, 16)}`;
    return intText(v);
  }
  if (v instanceof Slice) {
    const o = m.get(v.b) as SlotsObj;
    const elem = u?.k === 'slice' ? u.elem : o.t;
    const items = o.s.slice(v.off, v.off + v.len).map((x) => goSyntax(m, x, elem, depth + 1, raw));
    return `${ts}{${items.join(', ')}}`;
  }
  if (v instanceof FnVal) return `(${ts})(${addressOf(v.fn + 0x1000)})`;
  if (!(v instanceof Ref)) return '?';
  const o = m.get(v.id);
  if (u?.k === 'ptr') {
    if (isStructLike(u.elem) && depth === 0 && v.f === -1)
      return `&${goSyntax(m, v, u.elem, depth + 1, raw)}`;
    return `(${ts})(${addressOf(v.id, v.f)})`;
  }
  if (o.k === K.Map) {
    const kt = u?.k === 'map' ? u.key : null;
    const vt = u?.k === 'map' ? u.elem : null;
    const keys = [...o.m.keys()].sort(compareKeys);
    const items = keys.map(
      (k) =>
        `${goSyntax(m, k, kt, depth + 1, raw)}:${goSyntax(m, o.m.get(k) as Value, vt, depth + 1, raw)}`,
    );
    return `${ts || typeString(o.t, true)}{${items.join(', ')}}`;
  }
  if (o.k === K.Slots && u?.k === 'array')
    return `${ts}{${o.s.map((x) => goSyntax(m, x, u.elem, depth + 1, raw)).join(', ')}}`;
  if (o.k === K.Slots && u?.k === 'struct' && (!isAtomicType(t as Type) || t === atomicValueType)) {
    const fields = u.fields.map(
      (f, i) =>
        `${f.name}:${goSyntax(m, o.s[i] as Value, f.type, depth + 1, raw || !exportedField(f.name))}`,
    );
    return `${ts}{${fields.join(', ')}}`;
  }
  // library values with workings of their own (a Mutex, a WaitGroup): their fields, named
  return `${ts}${fmtObj(m, v.id, t, '+v', depth, raw).replace(/ (?=\w+:)/g, ', ')}`;
}

function fmtRef(
  m: Machine,
  v: Ref,
  t: Type | null,
  verb: string,
  depth: number,
  raw: boolean,
): string {
  const u = t ? under(t) : null;
  const o = m.get(v.id);
  if (u?.k === 'ptr') {
    const elem = u.elem;
    // (a context prints itself, as context.go's String methods do)
    if (o.k === K.Ctx) return ctxString(m, v.id);
    if (isStructLike(elem) && depth === 0 && v.f === -1)
      return `&${fmtObj(m, v.id, elem, verb, depth, raw)}`;
    if (depth === 0 && v.f >= 0 && o.k === K.Slots && o.s.length === 1) return addressOf(v.id, v.f);
    return addressOf(v.id, v.f);
  }
  if (u?.k === 'map' || o.k === K.Map) return fmtMap(m, o as MapObj, t, verb, depth, raw);
  if (o.k === K.Chan) return addressOf(v.id, -1);
  if ((t && isStructLike(t)) || v.f === -1) return fmtObj(m, v.id, t, verb, depth, raw);
  return addressOf(v.id, v.f);
}

function fmtMap(
  m: Machine,
  o: MapObj,
  t: Type | null,
  verb: string,
  depth: number,
  raw: boolean,
): string {
  const u = t ? under(t) : under(o.t);
  const kt = u.k === 'map' ? u.key : null;
  const vt = u.k === 'map' ? u.elem : null;
  return `map[${sortedEntries(m, o, kt)
    .map(
      ([k, x]) => `${fmtv(m, k, kt, verb, depth + 1, raw)}:${fmtv(m, x, vt, verb, depth + 1, raw)}`,
    )
    .join(' ')}]`;
}

/**
 * A map's entries in the order fmt prints them (internal/fmtsort), each key as the value it
 * stands for (a struct, pointer or interface key made again, String method and all).
 */
function sortedEntries(m: Machine, o: MapObj, kt: Type | null): [Value, Value][] {
  return [...o.m.keys()]
    .sort(compareKeys)
    .map((k) => [kt && isComposite(kt) ? m.decodeKey(k, kt) : k, o.m.get(k) as Value]);
}

function fmtObj(
  m: Machine,
  id: number,
  t: Type | null,
  verb: string,
  depth: number,
  raw: boolean,
): string {
  const o = m.get(id);
  switch (o.k) {
    case K.Slots: {
      const st = t ?? o.t;
      // (atomic.Value is struct{ v any }: its field is not exported, so printed raw)
      if (st === atomicValueType) {
        const x = fmtv(
          m,
          o.s[0] as Value,
          atomicValueType.methods.get('Load')?.sig.results[0] ?? null,
          verb,
          depth + 1,
          true,
        );
        return verb === '+v' ? `{v:${x}}` : `{${x}}`;
      }
      // (atomic.Pointer[T] is `_ [0]*T; _ noCopy; v unsafe.Pointer`: an address or <nil>)
      if (isAtomicType(st) && st.name === 'Pointer') {
        const p = o.s[0] as Value;
        const v = p instanceof Ref ? addressOf(p.id, p.f) : '<nil>';
        return verb === '+v' ? `{_:[] _:{} v:${v}}` : `{[] {} ${v}}`;
      }
      if (isAtomicType(st)) return atomicString(st.name, o.s[0] as Value, verb);
      const u = under(st);
      if (u.k === 'array')
        return `[${o.s.map((x) => fmtv(m, x, u.elem, verb, depth + 1, raw)).join(' ')}]`;
      const fields = u.k === 'struct' ? u.fields : [];
      const parts = o.s.map((x, i) => {
        const f = fields[i];
        const s = fmtv(m, x, f?.type ?? null, verb, depth + 1, raw || !exportedField(f?.name));
        return verb === '+v' && f ? `${f.name}:${s}` : s;
      });
      return `{${parts.join(' ')}}`;
    }
    case K.Mutex: {
      // Go 1.23: struct { state int32; sema uint32 }
      const state =
        (o.locked ? 1 : 0) | (o.woken ? 2 : 0) | (o.starving ? 4 : 0) | (o.q.length << 3);
      return verb === '+v' ? `{state:${state} sema:0}` : `{${state} 0}`;
    }
    case K.RWMutex: {
      const w = fmtObj(m, o.w, null, verb, depth + 1, true);
      return verb === '+v'
        ? `{w:${w} writerSem:0 readerSem:0 readerCount:{_:{} v:${o.readerCount}} readerWait:{_:{} v:${o.readerWait}}}`
        : `{${w} 0 0 {{} ${o.readerCount}} {{} ${o.readerWait}}}`;
    }
    case K.WaitGroup: {
      const state = o.n * 2 ** 32 + o.q.length;
      return verb === '+v'
        ? `{noCopy:{} state:{_:{} _:{} v:${state}} sema:0}`
        : `{{} {{} {} ${state}} 0}`;
    }
    case K.Cond:
      // runtime's notifyList: wait and notify (atomic uint32s), a runtime mutex, head, tail
      return verb === '+v'
        ? `{wait:{_:{} v:${o.wait}} notify:${o.notify} lock:{key:0} head:<nil> tail:<nil>}`
        : `{{{} ${o.wait}} ${o.notify} {0} <nil> <nil>}`;
    case K.Map:
      return fmtMap(m, o, null, verb, depth, raw);
    case K.Ctx:
      return ctxString(m, id);
    case K.Chan:
      // (a channel prints as its address, whatever the verb's flags)
      return addressOf(id, -1);
  }
}

/**
 * A sync/atomic value, with the fields Go's struct has: a noCopy, for 64-bit values an
 * align64 (both empty structs), and the value (a Bool keeps a uint32).
 */
function atomicString(name: string, v: Value, verb: string): string {
  const blanks = name.endsWith('64') ? ['{}', '{}'] : ['{}'];
  const x = typeof v === 'boolean' ? (v ? 1 : 0) : intText(v as number | bigint);
  return verb === '+v'
    ? `{${blanks.map((b) => `_:${b}`).join(' ')} v:${x}}`
    : `{${blanks.join(' ')} ${x}}`;
}

function ctxString(m: Machine, id: number): string {
  const c = m.get(id);
  if (c.k !== K.Ctx) return '?';
  if (c.kind === 'background') return 'context.Background';
  if (c.kind === 'todo') return 'context.TODO';
  const parent = c.parent >= 0 ? ctxString(m, c.parent) : 'context.Background';
  // (context.go's stringify: a string as it is, nil as <nil>, anything else by its type)
  const str = (v: Value): string => {
    if (v === null) return '<nil>';
    if (!(v instanceof Iface)) return typeof v === 'string' ? v : typeof v;
    const u = under(v.t);
    return u.k === 'basic' && u.name === 'string' && v.t.k === 'basic'
      ? String(v.v)
      : (methodString(m, v.v, v.t) ?? typeString(v.t, true));
  };
  if (c.kind === 'value' && c.kv) return `${parent}.WithValue(${str(c.kv[0])}, ${str(c.kv[1])})`;
  if (c.kind === 'nocancel') return `${parent}.WithoutCancel`;
  return c.kind === 'timer'
    ? `${parent}.WithDeadline(${formatTime(timeAt(c.deadline))} [${formatDuration(Math.max(c.deadline - m.now, -(2 ** 63)))}])`
    : `${parent}.WithCancel`;
}

/** Error() or String() results, for the types whose methods Interleave can run directly. */
function methodString(m: Machine, v: Value, t: Type, verb = 'v'): string | null {
  return throughMethod(m, v, t, verb)?.text ?? null;
}

/**
 * What fmt prints for a value through its Error or String method (handleMethods): what the
 * method returned, or, if it panicked, fmt's note of that (catchPanic: `<nil>` for a nil
 * pointer, else `%!v(PANIC=String method: …)`), which is printed as it is whatever the verb
 * (`panicked`). Null when the value is not printed through a method here.
 */
function throughMethod(
  m: Machine,
  v: Value,
  t: Type,
  verb: string,
): { readonly text: string; readonly panicked: boolean } | null {
  if (isInterface(t)) return null;
  const name = hasMethod(t, 'Error') ? 'Error' : hasMethod(t, 'String') ? 'String' : null;
  if (!name) return null;
  const found = findMethod(t, name);
  if (!found) return null;
  const text = (s: string) => ({ text: s, panicked: false });
  // (the library's errors hold their text: see libraryErrors)
  if (libraryErrors.includes(t)) {
    if (!(v instanceof Ref)) return { text: '<nil>', panicked: true };
    return text(String((m.get(v.id) as SlotsObj).s[0]));
  }
  const stringer = TIME_STRINGERS[found.ref.native ?? ''];
  if (stringer) return text(stringer(v as number));
  if (found.ref.native === 'context.cancelCtx.Err') return null;
  // a *strings.Builder's or *bytes.Buffer's text (a nil one: fmt's <nil> for a nil receiver)
  if (found.ref.native === 'strings.Builder.String' || found.ref.native === 'bytes.Buffer.String') {
    if (!(v instanceof Ref)) return { text: '<nil>', panicked: true };
    return text(String((m.get(v.id) as SlotsObj).s[0]));
  }
  if (found.ref.native) return null;
  // a method on the value a nil pointer points to: calling it dereferences nil, which panics
  // (a method on the pointer is called: it may answer for nil, as a nil-safe String does)
  if (v === null && !found.ref.ptrRecv && under(t).k === 'ptr')
    return { text: '<nil>', panicked: true };
  const r = m.callMethodForString(found, v, t);
  if (r === null) return null;
  if (typeof r === 'string') return text(r);
  if (v === null && under(t).k === 'ptr') return { text: '<nil>', panicked: true };
  return {
    text: `%!${verb}(PANIC=${name} method: ${fmtv(m, r.panicked, null, 'v', 0, false)})`,
    panicked: true,
  };
}

export { errorType, quote };
