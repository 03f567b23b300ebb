import { grown } from '../runtime/typed';

/**
 * The explorer's visited set: 64-bit state hashes in an open-addressing hash table of typed
 * arrays. Unlike the built-in Set it has no 16,777,216-entry ceiling.
 *
 * States are numbered in the order they are added (0, 1, 2...), and a state's number is what
 * `find` and `insert` return. The table proper (linear probing, grown by doubling at
 * three-quarters load) holds, per slot, only the first word of a hash and 1 + the number of
 * the state that has it (0: an empty slot): 8 bytes, so that it stays in the processor's
 * caches as long as it can, since every state reached is looked up there at a place no
 * earlier lookup predicts. The rest of what is kept per state — the second word of its hash,
 * and what the explorer keeps (its sleep set, and where it waits in the frontier) — is in a
 * second array by state number, written in order as states are added and read only when the
 * first words match.
 */
export class VisitedTable {
  /** per slot: hash a, and 1 + the state's number (0 when empty) */
  private slots: Int32Array<ArrayBuffer>;
  private mask: number;
  /** per state, three words: hash b, sleep set, pending */
  private data: Int32Array<ArrayBuffer>;
  size = 0;

  /**
   * @param expected how many states the search may hold (its state limit): the table starts
   *   with room for that many, up to 24,576 (32,768 slots, 256 KB), so that a small search
   *   never grows it and a larger one grows it fewer times
   */
  constructor(expected = 8_192) {
    let cap = 16_384;
    while (cap < 32_768 && (cap * 3) / 4 < expected) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    this.data = new Int32Array(3 * 4_096);
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.slots.byteLength + this.data.byteLength;
  }

  /** The explorer's sleep set for state n. */
  sleep(n: number): number {
    return this.data[3 * n + 1] as number;
  }

  setSleep(n: number, sleep: number): void {
    this.data[3 * n + 1] = sleep;
  }

  /** 1 + the state's index in the frontier while it waits there, else 0. */
  pending(n: number): number {
    return this.data[3 * n + 2] as number;
  }

  setPending(n: number, p: number): void {
    this.data[3 * n + 2] = p;
  }

  /** The number of the state with hash (a, b), or -1 - (the slot where it would go). */
  find(a: number, b: number): number {
    const slots = this.slots;
    let i = fold(a, b) & this.mask;
    for (;;) {
      const n = slots[2 * i + 1] as number;
      if (n === 0) return -1 - i;
      if (slots[2 * i] === a && this.data[3 * (n - 1)] === b) return n - 1;
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Add hash (a, b), known to be absent, at the slot `find` named; returns the new state's
   * number.
   */
  insert(a: number, b: number, at: number): number {
    if (this.size + 1 > ((this.mask + 1) * 3) / 4) {
      this.grow();
      at = this.find(a, b);
    }
    const n = this.size++;
    if (3 * n + 3 > this.data.length) this.data = grown(this.data);
    this.data[3 * n] = b;
    const i = -1 - at;
    this.slots[2 * i] = a;
    this.slots[2 * i + 1] = n + 1;
    return n;
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    for (let j = 0; j < old.length; j += 2) {
      const n = old[j + 1] as number;
      if (n === 0) continue;
      const a = old[j] as number;
      let i = fold(a, this.data[3 * (n - 1)] as number) & this.mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      slots[2 * i] = a;
      slots[2 * i + 1] = n;
    }
    this.slots = slots;
  }
}

function fold(a: number, b: number): number {
  return (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
}
