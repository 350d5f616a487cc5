/** A copy of `array` at least `needed` long (doubling, so n additions cost O(n) copying). */
export function grown<T extends Int32Array | Uint8Array | Float64Array>(array: T, needed: number): T {
  let size = Math.max(1, array.length) * 2;
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}
