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
  private readonly shards: Shard[] = [];
  private readonly key = new Int32Array(3);

  /** `expected`: about how many keys will come (from the file's size), so the shards need not grow. */
  constructor(expected = 0) {
    let capacity = MIN_CAPACITY;
    while (capacity * SHARDS * 3 < expected * 4) capacity *= 2;
    for (let i = 0; i < SHARDS; i += 1) this.shards.push(new Shard(capacity));
  }

  get size(): number {
    let count = 0;
    for (const shard of this.shards) count += shard.count;
    return count;
  }

  get(text: string): number | undefined {
    fingerprint(text, this.key);
    const shard = this.shardOf(this.key);
    const value = shard.slots[shard.find(this.key) * 4 + 3] ?? 0;
    return value === 0 ? undefined : value;
  }

  /** `value` must be a whole number from 1 to 2^31 - 1 (a line number, a hash). */
  set(text: string, value: number): void {
    checkValue(value);
    fingerprint(text, this.key);
    this.shardOf(this.key).put(this.key, value);
  }

  /** The value `text` holds; when it holds none, stores `value` and answers undefined. One hash, one probe. */
  claim(text: string, value: number): number | undefined {
    checkValue(value);
    fingerprint(text, this.key);
    const shard = this.shardOf(this.key);
    const held = shard.slots[shard.find(this.key) * 4 + 3] ?? 0;
    if (held !== 0) return held;
    shard.put(this.key, value);
    return undefined;
  }

  // The second lane picks the shard; the first, the slot within it: independent bits for each.
  private shardOf(key: Int32Array): Shard {
    return this.shards[(key[1] ?? 0) >>> SHARD_SHIFT] as Shard;
  }
}

/**
 * The index is 64 tables that grow on their own: growing copies one table into one twice its size, and
 * when one table was the whole index, old and new together were the peak of a big run's memory
 * (48 MB for the last growth before 3 million keys). A shard's growth holds 1/64 of that.
 */
const SHARD_SHIFT = 26;
const SHARDS = 2 ** (32 - SHARD_SHIFT);

/** One open-addressing table: slot i holds lanes at 4i..4i+2 and its value at 4i+3; value 0 marks an empty slot. */
class Shard {
  slots: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.slots = new Int32Array(4 * capacity);
  }

  put(key: Int32Array, value: number): void {
    const at = this.find(key) * 4;
    if (this.slots[at + 3] === 0) {
      this.slots.set(key, at);
      this.count += 1;
    }
    this.slots[at + 3] = value;
    // Grow at 3/4 full: linear probing stays short.
    if (this.count * 16 > this.slots.length * 3) this.grow();
  }

  /** The slot holding `key`, or the empty slot where it would go (linear probing). */
  find(key: Int32Array): number {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    const a = key[0] ?? 0;
    const b = key[1] ?? 0;
    const c = key[2] ?? 0;
    let slot = a & mask;
    for (;;) {
      const at = slot * 4;
      if (slots[at + 3] === 0) return slot;
      if (slots[at] === a && slots[at + 1] === b && slots[at + 2] === c) return slot;
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

/** Slots a shard starts with: 64 shards of 256 make 256 KB, the cost of an index that stays empty. */
const MIN_CAPACITY = 256;

function checkValue(value: number): void {
  if (!(Number.isInteger(value) && value > 0 && value <= 0x7fffffff)) throw new RangeError(`cannot store ${value}`);
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
