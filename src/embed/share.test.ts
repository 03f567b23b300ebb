import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_LINK_CHARS, decodeShare, encodeShare, type SharePayload } from './share';

const sample: SharePayload = {
  v: 1,
  scenario: 'unsafe-store',
  seed: 7,
  // (-2: a select took its second case)
  schedule: [1, 6, 6, -2, 7, 6],
  step: 23,
};

describe('a share link', () => {
  it('round-trips a scenario, seed, schedule and step', async () => {
    const text = await encodeShare(sample);
    expect(text.startsWith('v1.')).toBe(true);
    expect(await decodeShare(text)).toEqual({ ok: true, payload: sample });
  });

  it('round-trips any edited program and schedule (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 2000 }),
        fc.array(
          fc.integer({ min: -8, max: 200 }).filter((x) => x !== 0),
          { maxLength: 500 },
        ),
        fc.integer({ min: 1, max: 1e6 }),
        async (program, schedule, seed) => {
          const p: SharePayload = {
            v: 1,
            program,
            seed,
            schedule,
            step: schedule.length,
            race: true,
          };
          expect(await decodeShare(await encodeShare(p))).toEqual({ ok: true, payload: p });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a link cut short, with a reason', async () => {
    const text = await encodeShare({ ...sample, program: 'package main\n'.repeat(200) });
    const r = await decodeShare(text.slice(0, text.length - 20));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/damaged|cut short/);
  });

  it('refuses garbage, a future version and an oversized link', async () => {
    for (const bad of [
      '',
      'hello',
      'v1.!!!',
      'v1.',
      'v2.abc',
      `v1.${'A'.repeat(MAX_LINK_CHARS)}`,
    ]) {
      const r = await decodeShare(bad);
      expect(r.ok, bad.slice(0, 20)).toBe(false);
    }
    const future = await decodeShare('v9.AAAA');
    expect(future.ok === false && future.reason).toMatch(/newer version/);
  });

  it('refuses well-formed data of the wrong shape (it is data, never code)', async () => {
    const enc = async (x: unknown) => {
      const s = new Blob([JSON.stringify(x)])
        .stream()
        .pipeThrough(new CompressionStream('deflate-raw'));
      const bytes = new Uint8Array(await new Response(s).arrayBuffer());
      return `v1.${btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '')}`;
    };
    for (const x of [
      { v: 1, seed: 1, schedule: [], step: 0 },
      { v: 1, scenario: 'x', seed: -1, schedule: [], step: 0 },
      { v: 1, scenario: 'x', seed: 1, schedule: ['1'], step: 0 },
      { v: 1, scenario: 'x', seed: 1, schedule: [1, 0, 6], step: 0 },
      { v: 1, scenario: '<script>', seed: 1, schedule: [], step: 0 },
      [1, 2, 3],
    ])
      expect((await decodeShare(await enc(x))).ok).toBe(false);
  });

  it('will not produce a link over 32 KB', async () => {
    let x = 12345;
    const huge = Array.from(
      { length: 60_000 },
      () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), (x >>> 16) % 1000) + 1,
    );
    await expect(encodeShare({ ...sample, schedule: huge })).rejects.toThrow(/too long/);
  });
});
