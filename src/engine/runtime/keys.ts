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
 *
 * An interface key holds its dynamic type and its value's key (see IFACE).
 */
import { partTypes, typeString, under, type Type } from '../lang/types';
import { Ref, type MapKey, type Value } from './values';
import { keyJSON, parseKeyJSON } from './int64';

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

/**
 * An interface key (`map[any]int`, `map[error]string`) is its dynamic type's name and its
 * value's own key: IFACE, the type, TYPE_END, then the value as a basic, composite or pointer
 * key would be. Types are named by `typeKey`; `keyTypes` finds the Type again (one table per
 * program: the same key always names the same type).
 */
const IFACE = '\u0003';
const TYPE_END = '\u0004';

export function isIfaceKey(k: MapKey): boolean {
  return typeof k === 'string' && k.startsWith(IFACE);
}

const keyTypes = new WeakMap<object, Map<string, Type>>();

/** A dynamic type's name in an interface key: its identity, not only its spelling. */
function typeKey(t: Type): string {
  return t.k === 'named' ? `${t.pkg}.${t.name}#${t.id}` : typeString(t, true);
}

/**
 * An interface key for dynamic type t and the key of its value: a basic value (JSON, which
 * never starts with the other kinds' first characters), or a composite or pointer key.
 */
export function encodeIface(prog: object, t: Type, inner: MapKey, basic: boolean): string {
  const name = typeKey(t);
  let table = keyTypes.get(prog);
  if (!table) keyTypes.set(prog, (table = new Map()));
  if (!table.has(name)) table.set(name, t);
  return `${IFACE}${name}${TYPE_END}${basic ? keyJSON(inner) : inner}`;
}

/** An interface key's dynamic type and the key of its value. */
export function decodeIface(prog: object, k: MapKey): [Type, MapKey] {
  const s = k as string;
  const end = s.indexOf(TYPE_END);
  const t = keyTypes.get(prog)?.get(s.slice(1, end));
  if (!t) throw new Error(`internal: no type for map key ${JSON.stringify(s)}`);
  return [t, innerKey(s.slice(end + 1))];
}

/** The value part of an interface key: a composite or pointer key as it is, a basic value parsed. */
function innerKey(x: string): MapKey {
  return x.startsWith(COMPOSITE) || x.startsWith(POINTER) ? x : (parseKeyJSON(x) as MapKey);
}

/**
 * For a key that holds a pointer (a pointer key, or an interface key whose value is one): the
 * rest of the key and the pointer, for the walks that must follow it to its object; else null.
 */
export function keyPointer(k: MapKey): [string, Ref | null] | null {
  if (isPointerKey(k)) return ['', decodePointer(k)];
  if (!isIfaceKey(k)) return null;
  const s = k as string;
  const end = s.indexOf(TYPE_END);
  return s[end + 1] === POINTER ? [s.slice(0, end + 1), decodePointer(s.slice(end + 1))] : null;
}

/** The first character of a composite key (a sync.Map's tagged keys start with \u0000). */
const COMPOSITE = '\u0001';

/** The key for these leaves (numbers that JSON cannot hold go in as strings). */
export function encodeLeaves(leaves: readonly MapKey[]): string {
  return (
    COMPOSITE +
    keyJSON(leaves.map((x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)))
  );
}

/** The leaves of a composite key. */
export function decodeLeaves(k: MapKey): MapKey[] {
  const xs = parseKeyJSON((k as string).slice(1)) as MapKey[];
  return xs.map((x) => (x === 'NaN' || x === 'Infinity' || x === '-Infinity' ? Number(x) : x));
}

export function isCompositeKey(k: MapKey): boolean {
  return typeof k === 'string' && k.startsWith(COMPOSITE);
}

function compareLeaf(a: MapKey, b: MapKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // (a 64-bit integer past 2^53 is a bigint: see int64.ts)
  if (
    (typeof a === 'number' || typeof a === 'bigint') &&
    (typeof b === 'number' || typeof b === 'bigint')
  )
    return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * The order fmt prints a map's keys in (internal/fmtsort): numbers by value, false before
 * true, strings by their bytes, structs and arrays leaf by leaf, pointers by address.
 */
export function compareKeys(a: MapKey, b: MapKey): number {
  // interfaces by dynamic type (Go orders types by an address: here, by name), then value
  if (isIfaceKey(a) && isIfaceKey(b)) {
    const [sa, sb] = [a as string, b as string];
    const [ta, tb] = [sa.slice(0, sa.indexOf(TYPE_END)), sb.slice(0, sb.indexOf(TYPE_END))];
    if (ta !== tb) return ta < tb ? -1 : 1;
    const inner = (s: string) => innerKey(s.slice(s.indexOf(TYPE_END) + 1));
    return compareKeys(inner(sa), inner(sb));
  }
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
    const parts = partTypes(t).map((pt) => show(pt, false));
    // (inner composites drop their type, as a composite literal may)
    return `${top ? typeString(t) : ''}{${parts.join(', ')}}`;
  };
  return show(t, true);
}
