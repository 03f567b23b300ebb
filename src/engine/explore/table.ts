/**
 * The explorer's visited set: 64-bit state hashes in an open-addressing hash table of typed
 * arrays (linear probing, grown by doubling at three-quarters load: the probes a fuller table
 * takes cost less than the cache misses of a larger one). Unlike the built-in Set it has no
 * 16,777,216-entry ceiling and costs 16 bytes a slot: two words of hash, and two words of
 * data the explorer keeps per state (its sleep set, and where it waits in the frontier), side
 * by side so that a lookup and what follows it touch one cache line.
 *
 * A hash of (0, 0) marks an empty slot, so a state that hashes to it is stored as (0, 1).
 */
export class VisitedTable {
  /** per slot, four words: hash a, hash b, sleep set, pending */
  private w: Int32Array;
  private mask: number;
  size = 0;

  /**
   * @param expected how many states the search may hold (its state limit): the table starts
   *   with room for that many, up to 24,576 (32,768 slots, 512 KB), so that a small search
   *   never grows it and a larger one grows it fewer times
   */
  constructor(expected = 8_192) {
    let cap = 16_384;
    while (cap < 32_768 && (cap * 3) / 4 < expected) cap *= 2;
    this.w = new Int32Array(cap * 4);
    this.mask = cap - 1;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.w.byteLength;
  }

  /** The explorer's sleep set for the state in this slot. */
  sleep(slot: number): number {
    return this.w[4 * slot + 2] as number;
  }

  setSleep(slot: number, sleep: number): void {
    this.w[4 * slot + 2] = sleep;
  }

  /** 1 + the state's index in the frontier while it waits there, else 0. */
  pending(slot: number): number {
    return this.w[4 * slot + 3] as number;
  }

  setPending(slot: number, p: number): void {
    this.w[4 * slot + 3] = p;
  }

  /** The slot holding hash (a, b), or -1 - (the slot where it would go). */
  find(a: number, b: number): number {
    if (a === 0 && b === 0) b = 1;
    const w = this.w;
    let i = fold(a, b) & this.mask;
    for (;;) {
      const ka = w[4 * i] as number;
      const kb = w[4 * i + 1] as number;
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
    if (this.size + 1 > ((this.mask + 1) * 3) / 4) {
      this.grow();
      at = this.find(a, b);
    }
    const i = -1 - at;
    this.w[4 * i] = a;
    this.w[4 * i + 1] = b;
    this.size++;
    return i;
  }

  private grow(): void {
    const old = this.w;
    const cap = (this.mask + 1) * 2;
    const w = new Int32Array(cap * 4);
    this.mask = cap - 1;
    for (let j = 0; j < old.length; j += 4) {
      const a = old[j] as number;
      const b = old[j + 1] as number;
      if (a === 0 && b === 0) continue;
      let i = fold(a, b) & this.mask;
      while (w[4 * i] !== 0 || w[4 * i + 1] !== 0) i = (i + 1) & this.mask;
      // (word by word: a subarray per entry would allocate an object for each state)
      w[4 * i] = a;
      w[4 * i + 1] = b;
      w[4 * i + 2] = old[j + 2] as number;
      w[4 * i + 3] = old[j + 3] as number;
    }
    this.w = w;
  }
}

function fold(a: number, b: number): number {
  return (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
}
