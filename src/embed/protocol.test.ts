import { describe, expect, it } from 'vitest';
import { parseEmbedParams, parseHostMessage } from './protocol';

describe('messages from the host page', () => {
  it('are accepted when well formed', () => {
    expect(parseHostMessage({ type: 'interleave:play' })).toEqual({ type: 'interleave:play' });
    expect(parseHostMessage({ type: 'interleave:seek', step: 12 })).toEqual({
      type: 'interleave:seek',
      step: 12,
    });
    expect(parseHostMessage({ type: 'interleave:load', scenario: 'mutex-store', seed: 3 })).toEqual(
      { type: 'interleave:load', scenario: 'mutex-store', seed: 3 },
    );
  });

  it('are ignored when malformed, unknown or not data', () => {
    for (const m of [
      null,
      'interleave:play',
      42,
      [],
      {},
      { type: 'play' },
      { type: 'interleave:seek' },
      { type: 'interleave:seek', step: -1 },
      { type: 'interleave:seek', step: 1.5 },
      { type: 'interleave:step', count: 'x' },
      { type: 'interleave:load' },
      { type: 'interleave:load', scenario: '../x' },
      { type: 'interleave:load', source: 5 },
      { type: 'interleave:eval', code: 'alert(1)' },
    ])
      expect(parseHostMessage(m), JSON.stringify(m)).toBeNull();
  });
});

describe('embed URL parameters', () => {
  it('choose scenario, seed, autoplay, speed, theme, controls, start step and editing', () => {
    const p = parseEmbedParams(
      '?embed=1&scenario=unsafe-store&seed=7&autoplay=1&speed=10&theme=light&controls=play,step&start=5&editable=1&origin=https://example.org',
    );
    expect(p.scenario).toBe('unsafe-store');
    expect(p.seed).toBe(7);
    expect(p.autoplay).toBe(true);
    expect(p.speed).toBe(10);
    expect(p.theme).toBe('light');
    expect([...p.controls]).toEqual(['play', 'step']);
    expect(p.start).toBe(5);
    expect(p.editable).toBe(true);
    expect(p.origin).toBe('https://example.org');
  });

  it('fall back to safe defaults when values are bad', () => {
    const p = parseEmbedParams(
      '?seed=-3&start=x&controls=nonsense&origin=javascript:alert(1)&speed=fast',
    );
    expect(p.seed).toBe(1);
    expect(p.start).toBe(0);
    expect(p.controls.size).toBe(0);
    expect(p.origin).toBeNull();
    expect(p.speed).toBeNull();
  });
});
