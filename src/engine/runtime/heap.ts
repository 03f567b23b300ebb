/**
 * A machine's heap objects by id, in chunks of CHUNK slots that forks share until one of them
 * writes a slot (an object is replaced by its copy before it is written: Machine.wr). A fork
 * copies the list of chunks, not every slot, so a program of thousands of objects forks as
 * cheaply as one of a few dozen; the explorer forks once per move it tries, and keeps many
 * machines (a breadth-first frontier, a depth-first stack), which then share what they have in
 * common instead of each holding a copy of every slot.
 */
import type { Obj } from './values';

const BITS = 5;
const CHUNK = 1 << BITS;
const MASK = CHUNK - 1;

/** the owners of a heap's chunks after the first when it owns none of them (never written) */
const NONE_OWNED: number[] = [];

export class Heap {
  /** the chunks, each CHUNK slots but the last */
  private c: Obj[][];
  /**
   * the epoch of the machine that may write chunk 0 in place (made or copied it), and the
   * same for the chunks after it, from 1 (a list that no machine owns a chunk of is the
   * shared NONE_OWNED: a fork gives both machines new epochs, so neither owns a chunk then,
   * and a fork of a heap of up to CHUNK objects makes no list)
   */
  private own0: number;
  private own: number[];
  /** how many objects: ids 0 to length - 1 */
  length: number;

  /** @param from the heap to share chunks with (a fork's), or none for an empty heap */
  constructor(from?: Heap) {
    this.own0 = -1;
    this.own = NONE_OWNED;
    if (from) {
      this.c = from.c.slice();
      this.length = from.length;
    } else {
      this.c = [];
      this.length = 0;
    }
  }

  /** Object id, or undefined if there is none. */
  get(id: number): Obj | undefined {
    return this.c[id >> BITS]?.[id & MASK];
  }

  /** Put o in slot id (an object that exists), from the machine of epoch ep. */
  set(id: number, o: Obj, ep: number): void {
    this.writable(id >> BITS, ep)[id & MASK] = o;
  }

  /** Add o, from the machine of epoch ep; its id. */
  push(o: Obj, ep: number): number {
    const id = this.length++;
    const k = id >> BITS;
    if (k === this.c.length) {
      this.c.push([o]);
      this.setOwner(k, ep);
    } else this.writable(k, ep).push(o);
    return id;
  }

  /**
   * Bytes that the machine of epoch ep holds alone: its list of chunks, and the chunks it made
   * or copied (8 bytes a slot; the objects themselves are counted nowhere).
   */
  ownBytes(ep: number): number {
    let owned = this.own0 === ep ? 1 : 0;
    for (let k = 0; k < this.own.length; k++) if (this.own[k] === ep) owned++;
    return 16 * this.c.length + 8 * CHUNK * owned;
  }

  forEach(fn: (o: Obj, id: number) => void): void {
    for (let id = 0; id < this.length; id++) fn(this.get(id) as Obj, id);
  }

  *[Symbol.iterator](): IterableIterator<Obj> {
    for (let id = 0; id < this.length; id++) yield this.get(id) as Obj;
  }

  /** Chunk k, copied first unless the machine of epoch ep made or copied it. */
  private writable(k: number, ep: number): Obj[] {
    const chunk = this.c[k] as Obj[];
    if ((k === 0 ? this.own0 : this.own[k - 1]) === ep) return chunk;
    const copy = chunk.slice();
    this.c[k] = copy;
    this.setOwner(k, ep);
    return copy;
  }

  private setOwner(k: number, ep: number): void {
    if (k === 0) {
      this.own0 = ep;
      return;
    }
    // (made at the length of the list of chunks, -1 for the chunks no machine owns here)
    if (this.own === NONE_OWNED) this.own = new Array<number>(this.c.length - 1).fill(-1);
    this.own[k - 1] = ep;
  }
}
