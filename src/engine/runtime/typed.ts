/**
 * Typed arrays that grow: the explorer's and the footprint's scratch lists live in them (an
 * array emptied with `length = 0` gives up its storage, so a reused plain array would
 * allocate again on every use).
 */

/** `a`, or a copy of it at least twice as long with room for index `need`. */
export function grown(a: Int32Array<ArrayBuffer>, need = a.length): Int32Array<ArrayBuffer> {
  if (need < a.length) return a;
  let len = a.length * 2;
  while (len <= need) len *= 2;
  const b = new Int32Array(len);
  b.set(a);
  return b;
}
