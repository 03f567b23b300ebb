/**
 * A Go map's entries, in the order they were added (as a JS Map keeps them): what `MapObj.m`
 * holds. It answers the part of Map's interface the engine uses, with the same results.
 *
 * Why not a Map: the explorer forks a machine for every move, and a map written after a fork
 * gets its entries copied (copy-on-write, Machine.changeEntries). Most maps a lesson writes
 * are small; a JS Map of a dozen entries takes some 600 bytes and its copy walks a hash table,
 * while two arrays of a dozen take a quarter of that and copy as two slices. So up to
 * `SMALL` entries are kept as a key array and a value array, looked up by a linear search;
 * a map that grows beyond that moves its entries into a Map for good (until cleared).
 *
 * A copy shares the arrays (or the Map) with what it was copied from until either side
 * changes: the side that changes first copies them then, at their exact size (an entry added
 * to a copied array by `push` would reserve room for half as many again and 16 more, which a
 * breadth-first search's thousands of waiting states would each keep).
 */
import type { MapKey, Value } from './values';

/** the most entries kept in arrays */
const SMALL = 16;

export class Entries {
  private ks: MapKey[];
  private vs: Value[];
  /** the entries, once there have been more than SMALL (ks and vs are empty then) */
  private big: Map<MapKey, Value> | null;
  /** ks, vs and big may be shared with a copy: copy them before changing them */
  private shared: boolean;

  /** Empty, or a copy of `from` (which later changes to either do not affect the other). */
  constructor(from?: Entries) {
    if (from) {
      this.ks = from.ks;
      this.vs = from.vs;
      this.big = from.big;
      this.shared = true;
      from.shared = true;
    } else {
      this.ks = [];
      this.vs = [];
      this.big = null;
      this.shared = false;
    }
  }

  /** Make ks, vs and big this object's own (copies at their exact size), before a change. */
  private own(): void {
    if (!this.shared) return;
    this.ks = this.ks.slice();
    this.vs = this.vs.slice();
    if (this.big) this.big = copyMap(this.big);
    this.shared = false;
  }

  get size(): number {
    return this.big ? this.big.size : this.ks.length;
  }

  get(k: MapKey): Value | undefined {
    if (this.big) return this.big.get(k);
    const i = this.indexOf(k);
    return i < 0 ? undefined : this.vs[i];
  }

  has(k: MapKey): boolean {
    return this.big ? this.big.has(k) : this.indexOf(k) >= 0;
  }

  set(k: MapKey, v: Value): this {
    if (this.big) {
      this.own();
      this.big.set(k, v);
      return this;
    }
    const i = this.indexOf(k);
    if (i >= 0) {
      this.own();
      this.vs[i] = v;
    } else if (this.ks.length < SMALL) {
      // (a Map keeps the key -0 as 0)
      const key = k === 0 ? 0 : k;
      if (this.shared) {
        // copied and added to at once, at the exact size
        this.ks = this.ks.concat(key);
        this.vs = this.vs.concat([v]);
        this.shared = false;
      } else {
        this.ks.push(key);
        this.vs.push(v);
      }
    } else {
      const big = new Map<MapKey, Value>();
      for (let j = 0; j < this.ks.length; j++) big.set(this.ks[j] as MapKey, this.vs[j] as Value);
      big.set(k, v);
      this.big = big;
      this.ks = [];
      this.vs = [];
      this.shared = false;
    }
    return this;
  }

  delete(k: MapKey): boolean {
    if (this.big) {
      if (!this.big.has(k)) return false;
      this.own();
      return this.big.delete(k);
    }
    const i = this.indexOf(k);
    if (i < 0) return false;
    this.own();
    // (the others keep their order)
    this.ks.splice(i, 1);
    this.vs.splice(i, 1);
    return true;
  }

  clear(): void {
    this.ks = [];
    this.vs = [];
    this.big = null;
    this.shared = false;
  }

  keys(): IterableIterator<MapKey> {
    return this.big ? this.big.keys() : this.ks.values();
  }

  values(): IterableIterator<Value> {
    return this.big ? this.big.values() : this.vs.values();
  }

  forEach(f: (v: Value, k: MapKey) => void): void {
    if (this.big) {
      this.big.forEach(f);
      return;
    }
    const ks = this.ks;
    const vs = this.vs;
    for (let i = 0; i < ks.length; i++) f(vs[i] as Value, ks[i] as MapKey);
  }

  *[Symbol.iterator](): IterableIterator<[MapKey, Value]> {
    if (this.big) {
      yield* this.big;
      return;
    }
    for (let i = 0; i < this.ks.length; i++) yield [this.ks[i] as MapKey, this.vs[i] as Value];
  }

  /** Where key k is in ks, or -1; keys compare as a Map compares them (NaN equals NaN). */
  private indexOf(k: MapKey): number {
    const ks = this.ks;
    if (k === k) {
      for (let i = 0; i < ks.length; i++) if (ks[i] === k) return i;
      return -1;
    }
    for (let i = 0; i < ks.length; i++) if (ks[i] !== ks[i]) return i;
    return -1;
  }
}

/**
 * A copy of a Map, in its order. `new Map(m)` walks m with an iterator that makes an array per
 * entry; forEach makes none (a copy of 1,280 entries: about 55 µs against 80 µs in Node 20).
 */
export function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}
