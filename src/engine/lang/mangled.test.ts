/**
 * Whatever a learner's edits do to a program, the front end answers with diagnostics that
 * point into the source, or with a program that runs to an outcome: never an exception (which
 * the page would show as a crash) and never a position outside the file. The programs are the
 * tutorial's fixtures, mangled the way typing mangles code: text inserted, deleted, lines
 * dropped or repeated.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { compileGo, runProgram } from '../index';

const DIR = new URL('../fixtures/tutorial/', import.meta.url);
const sources = readdirSync(DIR)
  .filter((f) => f.endsWith('.go'))
  .map((f) => readFileSync(new URL(f, DIR), 'utf8'));

const SNIPPETS = [
  '{',
  '}',
  '(',
  ')',
  ',',
  ';',
  ':=',
  '=',
  '.',
  'go ',
  'defer ',
  '*',
  '&',
  '[]',
  'nil',
  '"x"',
  'func',
  'return',
  'if',
  'for',
  'range',
  'var',
  'import',
  'map[string]int',
  '++',
  '!',
  '...',
  '\n',
  '`',
  "'a'",
  '//',
  '/*',
  '1e99',
  '<<',
];

type Edit =
  | { k: 'insert'; at: number; text: string }
  | { k: 'delete'; at: number; n: number }
  | { k: 'dropLine'; line: number }
  | { k: 'repeatLine'; line: number; from: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    k: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(...SNIPPETS),
  }),
  fc.record({ k: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ k: fc.constant('dropLine' as const), line: fc.nat() }),
  fc.record({ k: fc.constant('repeatLine' as const), line: fc.nat(), from: fc.nat() }),
);

function apply(src: string, e: Edit): string {
  const lines = src.split('\n');
  switch (e.k) {
    case 'insert': {
      const at = e.at % (src.length + 1);
      return src.slice(0, at) + e.text + src.slice(at);
    }
    case 'delete': {
      const at = e.at % (src.length + 1);
      return src.slice(0, at) + src.slice(at + e.n);
    }
    case 'dropLine':
      lines.splice(e.line % lines.length, 1);
      return lines.join('\n');
    case 'repeatLine':
      lines.splice(e.line % lines.length, 0, lines[e.from % lines.length] ?? '');
      return lines.join('\n');
  }
}

describe('when a learner mangles a program while editing it', () => {
  it('gets diagnostics inside the file, or a program that runs to an outcome', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: sources.length - 1 }),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        (which, edits, seed) => {
          const src = edits.reduce(apply, sources[which] as string);
          const c = compileGo(src);
          if (!c.ok) {
            const lines = src.split('\n').length;
            expect(c.diagnostics.length).toBeGreaterThan(0);
            // (each error once: gc never repeats one)
            const keys = c.diagnostics.map((d) => `${d.pos.line}:${d.pos.col}: ${d.msg}`);
            expect(new Set(keys).size).toBe(keys.length);
            for (const d of c.diagnostics) {
              expect(d.pos.line).toBeGreaterThanOrEqual(1);
              expect(d.pos.line).toBeLessThanOrEqual(lines);
              expect(d.pos.col).toBeGreaterThanOrEqual(1);
              // (a JavaScript value leaking into a message; Go says `undefined: x` and `x.f undefined (type T …)`)
              expect(d.msg).not.toMatch(/\[object|NaN|\bnull\b|\bundefined\b(?!:| \(type)/);
            }
            return;
          }
          const r = runProgram(c.program, { seed, limits: { steps: 5000 } });
          expect(r.outcome).toBeTruthy();
        },
      ),
      { numRuns: 400, seed: 20261127 },
    );
  });
});
