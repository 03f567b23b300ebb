/**
 * Share links: the exact moment of a run — program (or scenario), seed, schedule and step —
 * as a versioned, compressed, data-only payload: `v1.` then base64url(deflate-raw(JSON)).
 * Decoding never evaluates anything; every field is checked, and anything malformed,
 * truncated, oversized or from a future version is refused with a reason.
 */

export const SHARE_VERSION = 1;
/** Links longer than this are refused (and never produced). */
export const MAX_LINK_CHARS = 32 * 1024;
const MAX_PROGRAM_CHARS = 64 * 1024;
const MAX_SCHEDULE = 100_000;
const MAX_JSON_BYTES = 512 * 1024;

export interface SharePayload {
  readonly v: 1;
  /** a catalogue scenario, when the program is one unchanged */
  readonly scenario?: string;
  /** the program's source, when edited or written from scratch */
  readonly program?: string;
  readonly seed: number;
  /** goroutine ids at each step where several could run, and -c for a select's case c (Scheduler) */
  readonly schedule: readonly number[];
  /** the step to open at */
  readonly step: number;
  readonly race?: boolean;
}

export type Decoded =
  | { readonly ok: true; readonly payload: SharePayload }
  | { readonly ok: false; readonly reason: string };

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(
      s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4),
    );
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error('too large');
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function encodeShare(p: SharePayload): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(p));
  const packed = await pipe(json, new CompressionStream('deflate-raw'), MAX_JSON_BYTES);
  const text = `v${SHARE_VERSION}.${toBase64Url(packed)}`;
  if (text.length > MAX_LINK_CHARS)
    throw new Error(
      `the run is too long to share in a link (${Math.round(text.length / 1024)} KB; the limit is 32 KB)`,
    );
  return text;
}

const isInt = (x: unknown, min: number, max: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;

/** Check that untrusted data is a SharePayload; return the reason it is not. */
export function validate(x: unknown): Decoded {
  if (typeof x !== 'object' || x === null || Array.isArray(x))
    return { ok: false, reason: 'the link holds no run' };
  const o = x as Record<string, unknown>;
  if (o.v !== 1) return { ok: false, reason: 'the link has an unknown format version' };
  if (
    o.scenario !== undefined &&
    (typeof o.scenario !== 'string' || !/^[a-z0-9-]{1,64}$/.test(o.scenario))
  )
    return { ok: false, reason: 'the link names no valid program' };
  if (
    o.program !== undefined &&
    (typeof o.program !== 'string' || o.program.length > MAX_PROGRAM_CHARS)
  )
    return { ok: false, reason: "the link's program is not valid text" };
  if (o.scenario === undefined && o.program === undefined)
    return { ok: false, reason: 'the link has no program' };
  if (!isInt(o.seed, 1, 2 ** 31)) return { ok: false, reason: "the link's seed is not valid" };
  if (
    !Array.isArray(o.schedule) ||
    o.schedule.length > MAX_SCHEDULE ||
    !o.schedule.every((g) => isInt(g, -1_000_000, 1_000_000) && g !== 0)
  )
    return { ok: false, reason: "the link's schedule is not valid" };
  if (!isInt(o.step, 0, 100_000_000)) return { ok: false, reason: "the link's step is not valid" };
  if (o.race !== undefined && typeof o.race !== 'boolean')
    return { ok: false, reason: "the link's race flag is not valid" };
  const payload: SharePayload = {
    v: 1,
    seed: o.seed,
    schedule: o.schedule as number[],
    step: o.step,
    ...(typeof o.scenario === 'string' ? { scenario: o.scenario } : {}),
    ...(typeof o.program === 'string' ? { program: o.program } : {}),
    ...(o.race === true ? { race: true } : {}),
  };
  return { ok: true, payload };
}

export async function decodeShare(text: string): Promise<Decoded> {
  if (text.length > MAX_LINK_CHARS)
    return { ok: false, reason: 'the link is too long (over 32 KB)' };
  const m = /^v(\d+)\.(.*)$/s.exec(text);
  if (!m) return { ok: false, reason: 'the link is not an Interleave link' };
  const version = Number(m[1]);
  if (version > SHARE_VERSION)
    return { ok: false, reason: 'the link was made by a newer version of Interleave' };
  if (version !== SHARE_VERSION)
    return { ok: false, reason: 'the link has an unknown format version' };
  const bytes = fromBase64Url(m[2] ?? '');
  if (!bytes || bytes.length === 0) return { ok: false, reason: 'the link is damaged' };
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(
      await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES),
    );
  } catch {
    return { ok: false, reason: 'the link is damaged or cut short' };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'the link is damaged' };
  }
  return validate(data);
}
