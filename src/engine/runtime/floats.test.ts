import { describe, expect, it } from 'vitest';
import { formatFloat64, formatFloatB, formatFloatX } from './floats';

type Case = [number, 'e' | 'E' | 'f' | 'g' | 'G', number, string];

/** Each case's x, format and precision give its string (each named in a failure). */
function expectCases(cases: readonly Case[]): void {
  for (const [x, f, p, want] of cases)
    expect([x, f, p, formatFloat64(x, f, p)]).toEqual([x, f, p, want]);
}

describe('formatFloat64: strconv.FormatFloat(x, fmt, prec, 64)', () => {
  it('rounds an exact halfway case to even, as Go does (JavaScript rounds it away from zero)', () => {
    expectCases([
      [0.25, 'f', 1, '0.2'],
      [0.375, 'f', 2, '0.38'],
      [0.125, 'f', 2, '0.12'],
      [0.5, 'f', 0, '0'],
      [1.5, 'f', 0, '2'],
      [2.5, 'f', 0, '2'],
      [-2.5, 'f', 0, '-2'],
      [2.5, 'e', 0, '2e+00'],
      [3.5, 'e', 0, '4e+00'],
      [25, 'g', 1, '2e+01'],
    ]);
  });

  it('rounds the exact binary value otherwise: 12.345 is a little above, 2.675 a little below', () => {
    expectCases([
      [12.345, 'f', 2, '12.35'],
      [2.675, 'f', 2, '2.67'],
      [1.005, 'f', 2, '1.00'],
      [9.9995, 'f', 3, '9.999'],
      [9.96, 'f', 1, '10.0'],
      [0.04, 'f', 1, '0.0'],
      [0.6, 'f', 0, '1'],
      [1e-7, 'f', 6, '0.000000'],
      [9.995, 'e', 2, '9.99e+00'],
      [9.96, 'e', 1, '1.0e+01'],
      [1234.5678, 'e', 3, '1.235e+03'],
      [1e-10, 'E', 2, '1.00E-10'],
      [5e-324, 'e', 3, '4.941e-324'],
    ]);
  });

  it('writes every digit of a large number in %f form (JavaScript switches to 1e+21)', () => {
    expect(formatFloat64(1e21, 'f', 2)).toBe('1000000000000000000000.00');
    expect(formatFloat64(2 ** 70, 'f', 0)).toBe('1180591620717411303424');
    expect(formatFloat64(-1e22, 'f', -1)).toBe('-10000000000000000000000');
  });

  it('%g with a precision: that many significant digits, %e form when the exponent is out of range', () => {
    expectCases([
      [3.14159, 'g', 3, '3.14'],
      [123456, 'g', 2, '1.2e+05'],
      [1 / 3, 'g', 10, '0.3333333333'],
      [1234.5678, 'g', 5, '1234.6'],
      [2.5, 'g', 3, '2.5'],
      [0.5, 'g', 0, '0.5'],
      [100, 'g', 4, '100'],
      [1000, 'g', 3, '1e+03'],
      [0, 'g', 3, '0'],
      [1e21, 'G', -1, '1E+21'],
      [1e6, 'g', -1, '1e+06'],
      [100000, 'g', -1, '100000'],
      [0.0001, 'g', -1, '0.0001'],
      [0.00001, 'g', -1, '1e-05'],
    ]);
  });

  it('zero, negative zero, infinities and NaN as Go spells them', () => {
    expect(formatFloat64(0, 'e', 6)).toBe('0.000000e+00');
    expect(formatFloat64(-0, 'f', 2)).toBe('-0.00');
    expect(formatFloat64(Infinity, 'f', 2)).toBe('+Inf');
    expect(formatFloat64(-Infinity, 'g', -1)).toBe('-Inf');
    expect(formatFloat64(NaN, 'e', 3)).toBe('NaN');
    expect(formatFloat64(0.1, 'f', -1)).toBe('0.1');
    expect(formatFloat64(1234.5, 'e', -1)).toBe('1.2345e+03');
  });
});

describe('formatFloatX and formatFloatB: strconv.FormatFloat with x, X and b', () => {
  it('writes hexadecimal floats as ftoa.go does, rounding the fraction to even', () => {
    expect(formatFloatX(1.5, 'x', -1)).toBe('0x1.8p+00');
    expect(formatFloatX(1, 'x', -1)).toBe('0x1p+00');
    expect(formatFloatX(0, 'x', -1)).toBe('0x0p+00');
    expect(formatFloatX(-0.1, 'x', -1)).toBe('-0x1.999999999999ap-04');
    expect(formatFloatX(3.14159, 'X', 3)).toBe('0X1.922P+01');
    expect(formatFloatX(5e-324, 'x', -1)).toBe('0x1p-1074');
    // rounding up past the leading digit carries into the exponent
    expect(formatFloatX(0.9999, 'x', 1)).toBe('0x1.0p+00');
    expect(formatFloatX(Infinity, 'x', -1)).toBe('+Inf');
  });

  it('writes the significand and the power of two for b', () => {
    expect(formatFloatB(1)).toBe('4503599627370496p-52');
    expect(formatFloatB(-0.1)).toBe('-7205759403792794p-56');
    expect(formatFloatB(5e-324)).toBe('1p-1074');
  });
});
