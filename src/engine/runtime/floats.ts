/**
 * strconv.FormatFloat(x, fmt, prec, 64) for a precision, as Go's ftoa.go does it: the exact
 * decimal value of the float64, rounded to the digits asked for, an exact halfway case to
 * even (decimal.go, shouldRoundUp). JavaScript's toFixed and toExponential round such a case
 * away from zero (%.1f of 0.25 is 0.3 there, 0.2 in Go), and toFixed switches to exponent
 * form from 1e21. The shortest form (prec -1) is JavaScript's own digits, which are Go's:
 * both are the fewest that read back as x.
 */

/** Decimal digits without leading or trailing zeros, and where the point goes: 0.d × 10^dp. */
interface Digits {
  readonly d: string;
  readonly dp: number;
}

const f64 = new Float64Array(1);
const words = new Uint32Array(f64.buffer);

/** |x|'s exact decimal digits (x finite). */
function exact(x: number): Digits {
  f64[0] = Math.abs(x);
  const lo = words[0] as number;
  const hi = words[1] as number;
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (mant === 0n && biased === 0) return { d: '', dp: 0 };
  // x = mant × 2^e
  let e = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) mant |= 1n << 52n;
  let digits: string;
  let dp: number;
  if (e >= 0) {
    digits = (mant << BigInt(e)).toString();
    dp = digits.length;
  } else {
    // mant / 2^-e = mant × 5^-e / 10^-e
    while (e < 0 && (mant & 1n) === 0n) {
      mant >>= 1n;
      e++;
    }
    digits = (mant * 5n ** BigInt(-e)).toString();
    dp = digits.length + e;
  }
  return trim({ d: digits, dp });
}

function trim(g: Digits): Digits {
  let d = g.d;
  let dp = g.dp;
  let i = 0;
  while (i < d.length && d[i] === '0') i++;
  d = d.slice(i);
  dp -= i;
  d = d.replace(/0+$/, '');
  return d === '' ? { d: '', dp: 0 } : { d, dp };
}

/** |x|'s shortest digits that read back as x (x finite). */
function shortest(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  return trim(digitsOf(Math.abs(x).toExponential()));
}

/**
 * |x|'s shortest digits that read back as x as a float32 (x a float32 value, finite): the
 * fewest digits, and of those the nearest to x, as strconv's ryu for bitSize 32. For each
 * length, the length's nearest decimal to x, and (where x is a power of two, whose interval
 * below is half as wide) the next one up.
 */
function shortest32(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const a = Math.abs(x);
  for (let p = 1; p <= 9; p++) {
    const s = a.toExponential(p - 1);
    const near = trim(digitsOf(s));
    if (Math.fround(Number(s)) === a) return near;
    const up = bump(near, p);
    if (Math.fround(Number(`0.${up.d}e${up.dp}`)) === a) return up;
  }
  return shortest(x);
}

/** The digits of a number JavaScript wrote in exponent form (d.ddde±x). */
function digitsOf(s: string): Digits {
  const [mant, e] = s.split('e') as [string, string];
  return { d: mant.replace('.', ''), dp: Number(e) + 1 };
}

/** g plus one unit in its p-th digit. */
function bump(g: Digits, p: number): Digits {
  const ds = g.d.padEnd(p, '0').slice(0, p).split('');
  let i = p - 1;
  while (i >= 0 && ds[i] === '9') ds[i--] = '0';
  if (i < 0) return trim({ d: `1${ds.join('')}`, dp: g.dp + 1 });
  ds[i] = String.fromCharCode((ds[i] as string).charCodeAt(0) + 1);
  return trim({ d: ds.join(''), dp: g.dp });
}

/** g rounded to nd digits, as decimal.go's Round does (an exact half to even). */
function round(g: Digits, nd: number): Digits {
  if (nd < 0 || nd >= g.d.length) return g;
  const c = g.d.charCodeAt(nd) - 48;
  const up =
    c === 5 && nd + 1 === g.d.length ? nd > 0 && (g.d.charCodeAt(nd - 1) - 48) % 2 === 1 : c >= 5;
  if (!up) return trim({ d: g.d.slice(0, nd), dp: g.dp });
  // add one at digit nd-1, carrying
  const ds = g.d.slice(0, nd).split('');
  let i = nd - 1;
  while (i >= 0 && ds[i] === '9') i--;
  if (i < 0) return { d: '1', dp: g.dp + 1 };
  ds[i] = String.fromCharCode((ds[i] as string).charCodeAt(0) + 1);
  return trim({ d: ds.slice(0, i + 1).join(''), dp: g.dp });
}

function digitAt(g: Digits, i: number): string {
  return i >= 0 && i < g.d.length ? (g.d[i] as string) : '0';
}

/** %e: d.ddd…e±dd, prec digits after the point. */
function fmtE(neg: boolean, g: Digits, prec: number, e: string): string {
  let s = (neg ? '-' : '') + digitAt(g, 0);
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(g, i);
  }
  const exp = g.d === '' ? 0 : g.dp - 1;
  return `${s}${e}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** %f: prec digits after the point. */
function fmtF(neg: boolean, g: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (g.dp > 0) for (let i = 0; i < g.dp; i++) s += digitAt(g, i);
  else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(g, g.dp + i - 1);
  }
  return s;
}

/**
 * strconv.FormatFloat(x, verb, prec, bits) for verb e, E, f, g or G; prec -1 is the shortest
 * form that reads back as x (as a float32 for bits 32, x being one).
 */
export function formatFloat64(
  x: number,
  verb: 'e' | 'E' | 'f' | 'g' | 'G',
  prec: number,
  bits: 32 | 64 = 64,
): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const e = verb === 'E' || verb === 'G' ? 'E' : 'e';
  const short = prec < 0;
  let g = short ? (bits === 32 ? shortest32(x) : shortest(x)) : exact(x);
  switch (verb) {
    case 'e':
    case 'E':
      if (short) return fmtE(neg, g, Math.max(g.d.length - 1, 0), e);
      return fmtE(neg, round(g, prec + 1), prec, e);
    case 'f':
      if (short) return fmtF(neg, g, Math.max(g.d.length - g.dp, 0));
      return fmtF(neg, round(g, g.dp + prec), prec);
    default: {
      let p = prec;
      if (!short) {
        if (p === 0) p = 1;
        g = round(g, p);
      }
      const nd = g.d.length;
      let eprec = short ? nd : p;
      if (eprec > nd && nd >= g.dp) eprec = nd;
      // (ftoa.go: if precision was the shortest possible, use precision 6 for this decision)
      if (short) eprec = 6;
      const exp = g.dp - 1;
      if (g.d !== '' && (exp < -4 || exp >= eprec)) {
        if (short || p > nd) p = nd;
        return fmtE(neg, g, Math.max(p - 1, 0), e);
      }
      if (short || p > g.dp) p = nd;
      return fmtF(neg, g, Math.max(p - g.dp, 0));
    }
  }
}

/** x's sign, its significand (the implicit bit included) and its binary exponent, as ftoa.go. */
function parts(x: number): { neg: boolean; mant: bigint; exp: number } {
  f64[0] = x;
  const lo = words[0] as number;
  const hi = words[1] as number;
  const neg = hi >>> 31 === 1;
  let exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { neg, mant, exp: exp - 1023 };
}

/**
 * strconv.FormatFloat(x, 'b', -1, 64): the significand in decimal, then p and the power of
 * two (4503599627370496p-52 for 1).
 */
export function formatFloatB(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const { neg, mant, exp } = parts(x);
  const e = exp - 52;
  return `${neg ? '-' : ''}${mant}p${e >= 0 ? '+' : '-'}${Math.abs(e)}`;
}

/**
 * strconv.FormatFloat(x, 'x' or 'X', prec, 64), ftoa.go's fmtX: -0x1.yyyyp±dd, the fraction
 * in hex (as few digits as hold it, or prec of them, rounded to even), the exponent in
 * decimal, at least two digits.
 */
export function formatFloatX(x: number, verb: 'x' | 'X', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const p = parts(x);
  let { mant, exp } = p;
  if (mant === 0n) exp = 0;
  // the leading 1 (if any) at bit 60
  const one = 1n << 60n;
  mant <<= 8n;
  while (mant !== 0n && (mant & one) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (one - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = (d: bigint) => {
    const c = d.toString(16);
    return verb === 'X' ? c.toUpperCase() : c;
  };
  let out = `${p.neg ? '-' : ''}0${verb}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const digit = () => {
    const d = (mant >> 60n) & 15n;
    mant = (mant << 4n) & ((1n << 64n) - 1n);
    return hex(d);
  };
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) out += digit();
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digit();
  }
  const e = Math.abs(exp);
  return `${out}${verb === 'X' ? 'P' : 'p'}${exp < 0 ? '-' : '+'}${String(e).padStart(2, '0')}`;
}
