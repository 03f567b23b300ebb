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
 */
import type { MapKey, Value } from './values';

/** the most entries kept in arrays */
const SMALL = 16;

export class Entries {
  private ks: MapKey[];
  private vs: Value[];
  /** the entries, once there have been more than SMALL (ks and vs are empty then) */
  private big: Map<MapKey, Value> | null;

  /** Empty, or a copy of `from` (which later changes to either do not affect the other). */
  constructor(from?: Entries) {
    if (from) {
      this.ks = from.ks.slice();
      this.vs = from.vs.slice();
      this.big = from.big ? new Map(from.big) : null;
    } else {
      this.ks = [];
      this.vs = [];
      this.big = null;
    }
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
      this.big.set(k, v);
      return this;
    }
    const i = this.indexOf(k);
    if (i >= 0) this.vs[i] = v;
    else if (this.ks.length < SMALL) {
      // (a Map keeps the key -0 as 0)
      this.ks.push(k === 0 ? 0 : k);
      this.vs.push(v);
    } else {
      const big = new Map<MapKey, Value>();
      for (let j = 0; j < this.ks.length; j++) big.set(this.ks[j] as MapKey, this.vs[j] as Value);
      big.set(k, v);
      this.big = big;
      this.ks = [];
      this.vs = [];
    }
    return this;
  }

  delete(k: MapKey): boolean {
    if (this.big) return this.big.delete(k);
    const i = this.indexOf(k);
    if (i < 0) return false;
    // (the others keep their order)
    this.ks.splice(i, 1);
    this.vs.splice(i, 1);
    return true;
  }

  clear(): void {
    this.ks = [];
    this.vs = [];
    this.big = null;
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
