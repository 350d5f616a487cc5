/**
 * A map from strings to positive 32-bit integers that keeps a 96-bit fingerprint of each key instead of
 * the key: 4 ints a slot (3 fingerprint lanes and the value) in Int32Arrays, open addressing. The
 * dedupe and shared-email indexes hold one entry per distinct user_id or email; as a `Map` of strings a
 * million of them cost ~60 MB of objects the garbage collector traces again and again. Here: 17 bytes
 * a slot, no objects.
 *
 * Two different keys share a fingerprint with a chance of about 10^-17 in a file of a million rows
 * (three 32-bit lanes with different seeds and primes, each avalanched): far below the odds of a memory
 * error, so the index is treated as exact.
 *
 * Speed: this runs twice per row of a big file (dedupe, shared emails), and a million slots of 16 bytes
 * are more than the processor's cache, so a probe of them waits for memory (~400 ns in a dry run, most
 * of its cost). Each slot therefore also has a one-byte tag (8 bits of the fingerprint, never 0; 0 marks
 * an empty slot) in a table of its own, 1/16 the size, which stays in cache: probing walks the tags, and
 * reads a slot's lanes only when its tag matches. A new key (nearly every row) is found absent from the
 * tags alone, and storing it is a write the processor does not wait for.
 */
export class FingerprintIndex {
  /** Per shard: slot i holds lanes at 4i..4i+2 and its value at 4i+3. */
  private readonly tables: Int32Array[] = [];
  /** Per shard: slot i's tag, 0 when the slot is empty. */
  private readonly tagTables: Uint8Array[] = [];
  private readonly counts = new Int32Array(SHARDS);
  // The last key hashed by `locate`: its lanes, its tag and its shard.
  private readonly lanes: Lanes = { a: 0, b: 0, c: 0 };
  private tag = 0;
  private shard = 0;

  /** `expected`: about how many keys will come (from the file's size), so the shards need not grow. */
  constructor(expected = 0) {
    let capacity = MIN_CAPACITY;
    while (capacity * SHARDS * 3 < expected * 4) capacity *= 2;
    for (let i = 0; i < SHARDS; i += 1) {
      this.tables.push(new Int32Array(4 * capacity));
      this.tagTables.push(new Uint8Array(capacity));
    }
  }

  get size(): number {
    let count = 0;
    for (const shard of this.counts) count += shard;
    return count;
  }

  get(text: string): number | undefined {
    const slot = this.locate(text);
    return slot < 0 ? undefined : this.valueAt(slot);
  }

  /** `value` must be a whole number from 1 to 2^31 - 1 (a line number, a hash). */
  set(text: string, value: number): void {
    checkValue(value);
    const slot = this.locate(text);
    if (slot < 0) this.insert(-1 - slot, value);
    else (this.tables[this.shard] as Int32Array)[slot * 4 + 3] = value;
  }

  /** The value `text` holds; when it holds none, stores `value` and answers undefined. One hash, one probe. */
  claim(text: string, value: number): number | undefined {
    checkValue(value);
    const slot = this.locate(text);
    if (slot >= 0) return this.valueAt(slot);
    this.insert(-1 - slot, value);
    return undefined;
  }

  /**
   * Hashes `text` (the lanes of {@link fingerprint}, kept on the object with its tag and shard) and
   * probes its shard (picked by the second lane) linearly from the slot the first lane picks: the slot
   * holding the key, or -1 - the empty slot where it would go.
   */
  private locate(text: string): number {
    const lanes = this.lanes;
    hashLanes(text, lanes);
    const { a, b, c } = lanes;
    // The third lane's top byte: independent of the bits that pick the shard and the slot.
    const tag = c >>> 24 || 1;
    const shard = b >>> SHARD_SHIFT;
    this.tag = tag;
    this.shard = shard;
    const tags = this.tagTables[shard] as Uint8Array;
    const mask = tags.length - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const held = tags[slot] as number;
      if (held === 0) return -1 - slot;
      if (held === tag && this.holds(slot)) return slot;
    }
  }

  private holds(slot: number): boolean {
    const table = this.tables[this.shard] as Int32Array;
    const at = slot * 4;
    const { a, b, c } = this.lanes;
    return table[at] === a && table[at + 1] === b && table[at + 2] === c;
  }

  private valueAt(slot: number): number {
    return (this.tables[this.shard] as Int32Array)[slot * 4 + 3] as number;
  }

  /** Stores the key `locate` last hashed in the empty slot it found. */
  private insert(slot: number, value: number): void {
    const shard = this.shard;
    const table = this.tables[shard] as Int32Array;
    const tags = this.tagTables[shard] as Uint8Array;
    const at = slot * 4;
    const { a, b, c } = this.lanes;
    table[at] = a;
    table[at + 1] = b;
    table[at + 2] = c;
    table[at + 3] = value;
    tags[slot] = this.tag;
    const count = (this.counts[shard] as number) + 1;
    this.counts[shard] = count;
    // Grow at 3/4 full: linear probing stays short.
    if (count * 4 > tags.length * 3) this.grow(shard);
  }

  private grow(shard: number): void {
    const oldTags = this.tagTables[shard] as Uint8Array;
    const oldTable = this.tables[shard] as Int32Array;
    const tags = new Uint8Array(oldTags.length * 2);
    const table = new Int32Array(oldTable.length * 2);
    const mask = tags.length - 1;
    for (let from = 0; from < oldTags.length; from += 1) {
      if (oldTags[from] === 0) continue;
      let slot = (oldTable[from * 4] as number) & mask;
      while (tags[slot] !== 0) slot = (slot + 1) & mask;
      tags[slot] = oldTags[from] as number;
      table.set(oldTable.subarray(from * 4, from * 4 + 4), slot * 4);
    }
    this.tagTables[shard] = tags;
    this.tables[shard] = table;
  }
}

/**
 * The index is 64 tables that grow on their own: growing copies one table into one twice its size, and
 * when one table was the whole index, old and new together were the peak of a big run's memory
 * (48 MB for the last growth before 3 million keys). A shard's growth holds 1/64 of that.
 */
const SHARD_SHIFT = 26;
const SHARDS = 2 ** (32 - SHARD_SHIFT);

/** Slots a shard starts with: 64 shards of 256 make 272 KB, the cost of an index that stays empty. */
const MIN_CAPACITY = 256;

function checkValue(value: number): void {
  if (!(Number.isInteger(value) && value > 0 && value <= 0x7fffffff)) throw new RangeError(`cannot store ${value}`);
}

/** Where {@link hashLanes} puts a key's three lanes. */
interface Lanes {
  a: number;
  b: number;
  c: number;
}

/** The three lanes the index keys on: 32-bit FNV-1a-style hashes with different seeds and primes, each finished with murmur3's avalanche. */
export function fingerprint(text: string, out: Int32Array): void {
  const lanes = { a: 0, b: 0, c: 0 };
  hashLanes(text, lanes);
  out[0] = lanes.a;
  out[1] = lanes.b;
  out[2] = lanes.c;
}

// Into an object's fields rather than an Int32Array: inlined into `locate`, the lanes stay numbers in registers.
function hashLanes(text: string, into: Lanes): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let c = 0x85ebca6b;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    c = Math.imul(c ^ code, 0x27d4eb2d);
  }
  into.a = avalanche(a ^ text.length);
  into.b = avalanche(b);
  into.c = avalanche(c);
}

function avalanche(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
