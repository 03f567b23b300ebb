/**
 * The embed's postMessage API: typed messages with a namespaced `type`, checked on receipt
 * (anything malformed is ignored), and answered only to the embedding origin.
 *
 * Handshake: the embed posts `interleave:ready` to its parent with target '*' (the only
 * message ever sent to '*'; it carries nothing but the protocol version). The host answers
 * `interleave:hello`; the embed then trusts that origin only (or, with `?origin=…` in the
 * embed URL, only the origin named there) and posts every later message to it.
 */

export const PROTOCOL_VERSION = 1;

export type HostMessage =
  | { readonly type: 'interleave:hello' }
  | { readonly type: 'interleave:play' }
  | { readonly type: 'interleave:pause' }
  | { readonly type: 'interleave:step'; readonly count?: number }
  | { readonly type: 'interleave:seek'; readonly step: number }
  | {
      readonly type: 'interleave:load';
      readonly scenario?: string;
      readonly source?: string;
      readonly seed?: number;
    };

export type EmbedMessage =
  | { readonly type: 'interleave:ready'; readonly version: number }
  | {
      readonly type: 'interleave:step';
      readonly step: number;
      readonly now: number;
      readonly running: readonly string[];
      readonly blocked: readonly string[];
    }
  | {
      readonly type: 'interleave:outcome';
      readonly exit: number;
      readonly first: string;
      readonly stdout: string;
      readonly step: number;
    }
  | { readonly type: 'interleave:resize'; readonly width: number; readonly height: number }
  | { readonly type: 'interleave:error'; readonly message: string };

const isInt = (x: unknown, min: number, max: number) =>
  typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;

/** The message, if it is a well-formed host message; null otherwise. */
export function parseHostMessage(data: unknown): HostMessage | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const o = data as Record<string, unknown>;
  switch (o.type) {
    case 'interleave:hello':
    case 'interleave:play':
    case 'interleave:pause':
      return { type: o.type };
    case 'interleave:step':
      if (o.count !== undefined && !isInt(o.count, 1, 100_000)) return null;
      return o.count === undefined
        ? { type: 'interleave:step' }
        : { type: 'interleave:step', count: o.count as number };
    case 'interleave:seek':
      return isInt(o.step, 0, 100_000_000)
        ? { type: 'interleave:seek', step: o.step as number }
        : null;
    case 'interleave:load': {
      if (
        o.scenario !== undefined &&
        (typeof o.scenario !== 'string' || !/^[a-z0-9-]{1,64}$/.test(o.scenario))
      )
        return null;
      if (o.source !== undefined && (typeof o.source !== 'string' || o.source.length > 64 * 1024))
        return null;
      if (o.seed !== undefined && !isInt(o.seed, 1, 2 ** 31)) return null;
      if (o.scenario === undefined && o.source === undefined) return null;
      return {
        type: 'interleave:load',
        ...(o.scenario !== undefined ? { scenario: o.scenario as string } : {}),
        ...(o.source !== undefined ? { source: o.source as string } : {}),
        ...(o.seed !== undefined ? { seed: o.seed as number } : {}),
      };
    }
    default:
      return null;
  }
}

/** What the embed URL asks for. */
export interface EmbedParams {
  readonly scenario: string | null;
  readonly program: string | null;
  readonly seed: number;
  readonly autoplay: boolean;
  readonly speed: number | 'max' | null;
  readonly theme: 'dark' | 'light' | null;
  /** which controls to show */
  readonly controls: ReadonlySet<'play' | 'step' | 'back' | 'restart' | 'scrub'>;
  readonly start: number;
  readonly editable: boolean;
  /** the only origin allowed to drive this embed, if given */
  readonly origin: string | null;
}

const ALL_CONTROLS = ['play', 'step', 'back', 'restart', 'scrub'] as const;

export function parseEmbedParams(search: string): EmbedParams {
  const q = new URLSearchParams(search);
  const int = (k: string, d: number, min: number, max: number) => {
    const v = Number(q.get(k));
    return q.has(k) && Number.isInteger(v) && v >= min && v <= max ? v : d;
  };
  const c = q.get('controls');
  const controls = new Set(
    c === null || c === 'all'
      ? ALL_CONTROLS
      : c === 'none'
        ? []
        : c
            .split(',')
            .filter((x): x is (typeof ALL_CONTROLS)[number] =>
              (ALL_CONTROLS as readonly string[]).includes(x),
            ),
  );
  const speed = q.get('speed');
  const origin = q.get('origin');
  let safeOrigin: string | null = null;
  if (origin) {
    try {
      const u = new URL(origin);
      safeOrigin = u.origin === origin ? origin : null;
    } catch {
      safeOrigin = null;
    }
  }
  return {
    scenario: q.get('scenario'),
    program: q.get('program'),
    seed: int('seed', 1, 1, 2 ** 31),
    autoplay: q.get('autoplay') === '1' || q.get('autoplay') === 'true',
    speed: speed === 'max' ? 'max' : speed && /^\d+$/.test(speed) ? Number(speed) : null,
    theme: q.get('theme') === 'light' ? 'light' : q.get('theme') === 'dark' ? 'dark' : null,
    controls,
    start: int('start', 0, 0, 10_000_000),
    editable: q.get('editable') === '1' || q.get('editable') === 'true',
    origin: safeOrigin,
  };
}
