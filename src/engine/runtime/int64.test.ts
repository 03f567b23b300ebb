/**
 * Go's 64-bit integers past 2^53 (./int64.ts): the machine's arithmetic on int64 and uint64
 * agrees with exact arithmetic wrapped to 64 bits, for values drawn from the whole range and
 * from near its edges, and a value is a bigint exactly when no number holds it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runProgram } from '../index';
import { compile } from '../testing/driver';
import { intOp, norm, type IntOp } from './int64';

const OPS: readonly IntOp[] = ['+', '-', '*', '/', '%', '&', '|', '^', '&^'];

/** What Go computes for a op b on 64-bit integers (null: a division by zero panics). */
function want(op: IntOp, a: bigint, b: bigint, unsigned: boolean): bigint | null {
  const wrap = (v: bigint) => (unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v));
  switch (op) {
    case '+':
      return wrap(a + b);
    case '-':
      return wrap(a - b);
    case '*':
      return wrap(a * b);
    case '/':
      return b === 0n ? null : wrap(a / b);
    case '%':
      return b === 0n ? null : wrap(a % b);
    case '&':
      return wrap(a & b);
    case '|':
      return wrap(a | b);
    case '^':
      return wrap(a ^ b);
    case '&^':
      return wrap(a & ~b);
    default:
      return wrap(op === '<<' ? a << b : a >> b);
  }
}

/** int64s from everywhere in the range, with the edges and the 2^53 boundary often. */
const int64 = fc.oneof(
  fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n),
  fc.bigInt(-(2n ** 54n), 2n ** 54n),
  fc.constantFrom(
    0n,
    1n,
    -1n,
    2n ** 53n - 1n,
    2n ** 53n,
    -(2n ** 53n),
    2n ** 63n - 1n,
    -(2n ** 63n),
    31n,
  ),
);

describe('64-bit integers', () => {
  it('keep one form per value: a number when it is safe, else a bigint', () => {
    fc.assert(
      fc.property(int64, (v) => {
        const n = norm(v);
        expect(typeof n).toBe(v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? 'number' : 'bigint');
        expect(BigInt(n)).toBe(v);
      }),
    );
  });

  it('work out every operator exactly, wrapped to 64 bits, signed and not', () => {
    fc.assert(
      fc.property(int64, int64, fc.constantFrom(...OPS), fc.boolean(), (a, b, op, unsigned) => {
        const [x, y] = unsigned ? [BigInt.asUintN(64, a), BigInt.asUintN(64, b)] : [a, b];
        const w = want(op, x, y, unsigned);
        if (w === null) return;
        expect(BigInt(intOp(op, norm(x), norm(y), 64, unsigned))).toBe(w);
      }),
      { numRuns: 2000 },
    );
  });

  it('give what Go prints for a program that computes them (int64 and uint64)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(int64, int64), { minLength: 4, maxLength: 4 }), (pairs) => {
        const lines: string[] = [];
        const expected: string[] = [];
        pairs.forEach(([a, b], i) => {
          const [ua, ub] = [BigInt.asUintN(64, a), BigInt.asUintN(64, b)];
          lines.push(
            `\ta${i}, b${i} := int64(${a}), int64(${b})`,
            `\tfmt.Println(a${i}+b${i}, a${i}-b${i}, a${i}*b${i}, a${i}^b${i}, a${i}&^b${i}, -a${i}, ^b${i}, a${i} < b${i}, a${i} == b${i})`,
            `\tu${i}, v${i} := uint64(${ua}), uint64(${ub})`,
            `\tfmt.Println(u${i}+v${i}, u${i}-v${i}, u${i}*v${i}, u${i}>>3, u${i}<<5, int64(u${i}), float64(v${i}) > 0)`,
          );
          const s = (v: bigint | null) => String(v);
          expected.push(
            [
              s(want('+', a, b, false)),
              s(want('-', a, b, false)),
              s(want('*', a, b, false)),
              s(want('^', a, b, false)),
              s(want('&^', a, b, false)),
              s(BigInt.asIntN(64, -a)),
              s(BigInt.asIntN(64, -b - 1n)),
              String(a < b),
              String(a === b),
            ].join(' '),
            [
              s(want('+', ua, ub, true)),
              s(want('-', ua, ub, true)),
              s(want('*', ua, ub, true)),
              s(ua >> 3n),
              s(BigInt.asUintN(64, ua << 5n)),
              s(BigInt.asIntN(64, ua)),
              String(ub > 0n),
            ].join(' '),
          );
        });
        const r = runProgram(
          compile(`package main\n\nimport "fmt"\n\nfunc main() {\n${lines.join('\n')}\n}\n`),
          { seed: 1 },
        );
        expect(r.stderr).toBe('');
        expect(r.stdout).toBe(`${expected.join('\n')}\n`);
      }),
      { numRuns: 40 },
    );
  });
});
