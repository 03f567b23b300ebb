/**
 * The explorer's visited set: 64-bit state hashes in an open-addressing hash table of typed
 * arrays (linear probing, grown by doubling at half load). Unlike the built-in Set it has no
 * 16,777,216-entry ceiling and costs 16 bytes a slot: two words of hash, and two words of
 * data the explorer keeps per state (its sleep set, and where it waits in the frontier).
 *
 * A hash of (0, 0) marks an empty slot, so a state that hashes to it is stored as (0, 1).
 */
export class VisitedTable {
  private keys: Int32Array;
  /** per slot: the explorer's sleep set for the state */
  sleep: Int32Array;
  /** per slot: 1 + the state's index in the frontier while it waits there, else 0 */
  pending: Int32Array;
  private mask: number;
  size = 0;

  constructor() {
    const cap = 1024;
    this.keys = new Int32Array(cap * 2);
    this.sleep = new Int32Array(cap);
    this.pending = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.keys.byteLength + this.sleep.byteLength + this.pending.byteLength;
  }

  /** The slot holding hash (a, b), or -1 - (the slot where it would go). */
  find(a: number, b: number): number {
    if (a === 0 && b === 0) b = 1;
    const keys = this.keys;
    let i = fold(a, b) & this.mask;
    for (;;) {
      const ka = keys[2 * i] as number;
      const kb = keys[2 * i + 1] as number;
      if (ka === a && kb === b) return i;
      if (ka === 0 && kb === 0) return -1 - i;
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Add hash (a, b), known to be absent, at the slot `find` named; returns its slot (which
   * may differ, if the table grew).
   */
  insert(a: number, b: number, at: number): number {
    if (a === 0 && b === 0) b = 1;
    if (this.size + 1 > (this.mask + 1) / 2) {
      this.grow();
      at = this.find(a, b);
    }
    const i = -1 - at;
    this.keys[2 * i] = a;
    this.keys[2 * i + 1] = b;
    this.size++;
    return i;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSleep = this.sleep;
    const oldPending = this.pending;
    const cap = (this.mask + 1) * 2;
    this.keys = new Int32Array(cap * 2);
    this.sleep = new Int32Array(cap);
    this.pending = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < oldSleep.length; j++) {
      const a = oldKeys[2 * j] as number;
      const b = oldKeys[2 * j + 1] as number;
      if (a === 0 && b === 0) continue;
      let i = fold(a, b) & this.mask;
      while (this.keys[2 * i] !== 0 || this.keys[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      this.keys[2 * i] = a;
      this.keys[2 * i + 1] = b;
      this.sleep[i] = oldSleep[j] as number;
      this.pending[i] = oldPending[j] as number;
    }
  }
}

function fold(a: number, b: number): number {
  return (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
}
