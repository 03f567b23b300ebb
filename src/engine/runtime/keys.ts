/**
 * Map keys that are structs or arrays (`map[point]bool`, `map[[2]int]string`): Go compares
 * such keys field by field, so a key is held as one string made of its leaves (the basic
 * values inside it, in order), and a `range` or fmt makes the struct again from it. Only
 * keys whose leaves are all basic are supported (a pointer or an interface inside would tie
 * the key to heap objects); `leafTypes` (lang/types.ts) says which.
 *
 * A pointer key (`map[*Client]bool`) is held as a string naming the object (and field) it
 * points to: pointers are equal when they point to the same variable. The explorer's walks
 * (owners.ts, key.ts) follow such keys to their objects like any other reference.
 */
import { typeString, under, type Type } from '../lang/types';
import { Ref, type MapKey, type Value } from './values';

/** The first character of a pointer key. */
const POINTER = '\u0002';

/** A pointer (a Ref or nil) as a map key. */
export function encodePointer(v: Value): string {
  return v instanceof Ref ? `${POINTER}${v.id}.${v.f}` : `${POINTER}nil`;
}

export function isPointerKey(k: MapKey): boolean {
  return typeof k === 'string' && k.startsWith(POINTER);
}

/** The pointer a pointer key holds. */
export function decodePointer(k: MapKey): Ref | null {
  const s = k as string;
  if (s === `${POINTER}nil`) return null;
  const dot = s.indexOf('.');
  return new Ref(Number(s.slice(1, dot)), Number(s.slice(dot + 1)));
}

/** The first character of a composite key (a sync.Map's tagged keys start with \u0000). */
const COMPOSITE = '\u0001';

/** The key for these leaves (numbers that JSON cannot hold go in as strings). */
export function encodeLeaves(leaves: readonly MapKey[]): string {
  return (
    COMPOSITE +
    JSON.stringify(
      leaves.map((x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)),
    )
  );
}

/** The leaves of a composite key. */
export function decodeLeaves(k: MapKey): MapKey[] {
  const xs = JSON.parse((k as string).slice(1)) as MapKey[];
  return xs.map((x) => (x === 'NaN' || x === 'Infinity' || x === '-Infinity' ? Number(x) : x));
}

function isCompositeKey(k: MapKey): boolean {
  return typeof k === 'string' && k.startsWith(COMPOSITE);
}

function compareLeaf(a: MapKey, b: MapKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * The order fmt prints a map's keys in (internal/fmtsort): numbers by value, false before
 * true, strings by their bytes, structs and arrays leaf by leaf, pointers by address.
 */
export function compareKeys(a: MapKey, b: MapKey): number {
  // pointers by address (nil first): by object, then by field
  if (isPointerKey(a) && isPointerKey(b)) {
    const [x, y] = [decodePointer(a), decodePointer(b)];
    if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
    return x.id - y.id || x.f - y.f;
  }
  if (isCompositeKey(a) && isCompositeKey(b)) {
    const [xs, ys] = [decodeLeaves(a), decodeLeaves(b)];
    for (let i = 0; i < xs.length && i < ys.length; i++) {
      const c = compareLeaf(xs[i] as MapKey, ys[i] as MapKey);
      if (c !== 0) return c;
    }
    return xs.length - ys.length;
  }
  return compareLeaf(a, b);
}

/** A composite key as Go source would write it: `point{1, 2}`, `[2]string{"a", "b"}`. */
export function showComposite(k: MapKey, t: Type): string {
  const leaves = decodeLeaves(k);
  let i = 0;
  const show = (t: Type, top: boolean): string => {
    const u = under(t);
    if (u.k === 'basic') {
      const x = leaves[i++] as MapKey;
      return typeof x === 'string' ? JSON.stringify(x) : String(x);
    }
    const parts =
      u.k === 'struct'
        ? u.fields.map((f) => show(f.type, false))
        : u.k === 'array'
          ? Array.from({ length: u.len }, () => show(u.elem, false))
          : [];
    // (inner composites drop their type, as a composite literal may)
    return `${top ? typeString(t) : ''}{${parts.join(', ')}}`;
  };
  return show(t, true);
}
