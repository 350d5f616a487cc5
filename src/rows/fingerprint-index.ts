/**
 * A map from strings to positive 32-bit integers that keeps a 96-bit fingerprint of each key instead of
 * the key: one Int32Array of 4 ints a slot (3 fingerprint lanes and the value), open addressing. The
 * dedupe and shared-email indexes hold one entry per distinct user_id or email; as a `Map` of strings a
 * million of them cost ~60 MB of objects the garbage collector traces again and again. Here: 16 bytes
 * a slot, no objects, one cache line per probe.
 *
 * Two different keys share a fingerprint with a chance of about 10^-17 in a file of a million rows
 * (three 32-bit lanes with different seeds and primes, each avalanched): far below the odds of a memory
 * error, so the index is treated as exact.
 */
export class FingerprintIndex {
  /** Slot i holds lanes at 4i..4i+2 and its value at 4i+3; value 0 marks an empty slot. */
  private slots = new Int32Array(4 << 12);
  private count = 0;
  private readonly key = new Int32Array(3);

  get size(): number {
    return this.count;
  }

  get(text: string): number | undefined {
    fingerprint(text, this.key);
    const value = this.slots[this.find(this.key) * 4 + 3] ?? 0;
    return value === 0 ? undefined : value;
  }

  /** `value` must be a whole number from 1 to 2^31 - 1 (a line number, a hash). */
  set(text: string, value: number): void {
    if (!(Number.isInteger(value) && value > 0 && value <= 0x7fffffff)) throw new RangeError(`cannot store ${value}`);
    fingerprint(text, this.key);
    this.put(this.key, value);
  }

  private put(key: Int32Array, value: number): void {
    const at = this.find(key) * 4;
    if (this.slots[at + 3] === 0) {
      this.slots.set(key, at);
      this.count += 1;
    }
    this.slots[at + 3] = value;
    // Grow at 3/4 full: linear probing stays short, and a million keys fit in 2^21 slots (32 MB).
    if (this.count * 4 > this.capacity() * 3) this.grow();
  }

  private capacity(): number {
    return this.slots.length / 4;
  }

  /** The slot holding `key`, or the empty slot where it would go (linear probing). */
  private find(key: Int32Array): number {
    const mask = this.capacity() - 1;
    const [a = 0, b = 0, c = 0] = key;
    let slot = a & mask;
    for (;;) {
      const at = slot * 4;
      if (this.slots[at + 3] === 0) return slot;
      if (this.slots[at] === a && this.slots[at + 1] === b && this.slots[at + 2] === c) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.count = 0;
    for (let at = 0; at < old.length; at += 4) {
      const value = old[at + 3] ?? 0;
      if (value !== 0) this.put(old.subarray(at, at + 3), value);
    }
  }
}

/** Three 32-bit FNV-1a-style lanes with different seeds and primes, each finished with murmur3's avalanche. */
export function fingerprint(text: string, out: Int32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let c = 0x85ebca6b;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    c = Math.imul(c ^ code, 0x27d4eb2d);
  }
  out[0] = avalanche(a ^ text.length);
  out[1] = avalanche(b);
  out[2] = avalanche(c);
}

function avalanche(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
