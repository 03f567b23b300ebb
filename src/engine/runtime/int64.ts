/**
 * Go's 64-bit integers here. A value of type int, int64, uint, uint64 or uintptr is a
 * JavaScript number while it is a safe integer (|v| <= 2^53 - 1: nearly always, and fast), and
 * a bigint beyond (`math.MaxInt64`, `1 << 62`, a string hash, `uint64(-1)`), so every value of
 * Go's range is exact. The form is canonical: an integer that a number holds exactly is never
 * a bigint, so `===` (and a JavaScript Map's keys) compare values as Go does. Comparisons with
 * `<` work across the two forms; arithmetic goes through `intOp` once either side is a bigint
 * or a result leaves the safe range. Integers of 32 bits and fewer are always numbers.
 */

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The canonical form of an integer: a number if it is safe, else the bigint. */
export function norm(b: bigint): number | bigint {
  return b <= SAFE && b >= -SAFE ? Number(b) : b;
}

/** An integer value in either form (a float with no fraction counts too). */
export function isIntValue(v: unknown): v is number | bigint {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

/** The integer as a bigint (a number must be an integer). */
export function big(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** |v| in the same form. */
export function absInt(v: number | bigint): number | bigint {
  return typeof v === 'bigint' ? (v < 0n ? -v : v) : Math.abs(v);
}

/** v wrapped to `bits` bits, signed or not, as Go's conversions and arithmetic wrap. */
export function wrapInt(v: bigint, bits: number, unsigned: boolean): number | bigint {
  return norm(unsigned ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v));
}

/** -x, or ^x (-x - 1, two's complement) for `bitNot`, of a 64-bit integer, wrapped as Go's. */
export function negInt(x: number | bigint, bitNot: boolean, unsigned: boolean): number | bigint {
  if (typeof x === 'number') {
    const r = bitNot ? -x - 1 : -x;
    // (-0 is 0; a negative result of an unsigned type wraps, below)
    if (Number.isSafeInteger(r) && (r >= 0 || !unsigned)) return r === 0 ? 0 : r;
  }
  return wrapInt(bitNot ? -big(x) - 1n : -big(x), 64, unsigned);
}

/** The operators `intOp` works out (the arithmetic ones of BinOp, by name). */
export type IntOp = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '&^' | '<<' | '>>';

/**
 * x op y for integers of `bits` bits, exactly, wrapped as Go wraps them. The caller has
 * panicked already for a zero divisor or a negative shift count.
 */
export function intOp(
  op: IntOp,
  x: number | bigint,
  y: number | bigint,
  bits: number,
  unsigned: boolean,
): number | bigint {
  const p = big(x);
  let r: bigint;
  if (op === '<<' || op === '>>') {
    // (a count past the width leaves 0, or -1 for a negative x shifted right)
    if (y >= bits) r = op === '<<' || p >= 0n ? 0n : -1n;
    else r = op === '<<' ? p << big(y) : p >> big(y);
  } else {
    const q = big(y);
    switch (op) {
      case '+':
        r = p + q;
        break;
      case '-':
        r = p - q;
        break;
      case '*':
        r = p * q;
        break;
      case '/':
        r = p / q;
        break;
      case '%':
        r = p % q;
        break;
      case '&':
        r = p & q;
        break;
      case '|':
        r = p | q;
        break;
      case '^':
        r = p ^ q;
        break;
      default:
        r = p & ~q;
    }
  }
  return wrapInt(r, bits, unsigned);
}

/** An integer's digits in a base (2 to 36), exact in either form. */
export function intDigits(v: number | bigint, base = 10): string {
  return typeof v === 'bigint' || Number.isSafeInteger(v) || !Number.isInteger(v)
    ? v.toString(base)
    : BigInt(v).toString(base);
}

/**
 * JSON for keys that may hold a bigint (a struct key's leaves, an interface key's value):
 * a bigint is written as {"i":"digits"}, which no other leaf is.
 */
export function keyJSON(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? { i: v.toString() } : v));
}

/** The value `keyJSON` wrote. */
export function parseKeyJSON(s: string): unknown {
  return JSON.parse(s, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && 'i' in v && typeof v.i === 'string' ? BigInt(v.i) : v,
  );
}
