/**
 * A map from strings to positive 32-bit integers that keeps a 96-bit fingerprint of each key instead of
 * the key. The dedupe and shared-email indexes hold one entry per distinct user_id or email; as a `Map`
 * of strings a million of them cost ~60 MB of objects the garbage collector traces again and again.
 * Here: no objects, about 21 bytes a key (16 for its entry, 4 a probe slot at a load of 1/2 to 3/4).
 *
 * Two different keys share a fingerprint with a chance of about 10^-17 in a file of a million rows
 * (three 32-bit lanes with different seeds and primes, each avalanched): far below the odds of a memory
 * error, so the index is treated as exact: every hit is checked on all 96 bits.
 *
 * Speed: this runs twice per row of a big file (dedupe, shared emails), and its tables are larger than
 * the processor's cache, so each random access waits for memory; in a 1M-row dry run that wait was most
 * of the index's cost. So a key costs one random access: entries are appended in order (4 ints: the
 * lanes and the value), and the open-addressing probe table holds only a slot per entry: an 8-bit tag
 * of the fingerprint (never 0: 0 is an empty slot) and the entry's number. A new key, nearly every
 * row's, is found absent from the probe table alone; an entry is read only when its tag matches.
 */
export class FingerprintIndex {
  /** Per shard: the probe table; a slot holds its key's tag (top byte, never 0) and entry number + 1, or 0 when empty. */
  private readonly slotTables: Uint32Array[] = [];
  /** Per shard: the entries in the order they came, 4 ints each: the 3 lanes and the value. */
  private readonly entryTables: Int32Array[] = [];
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
      this.slotTables.push(new Uint32Array(capacity));
      this.entryTables.push(new Int32Array(((capacity * 3) / 4 + 1) * 4));
    }
  }

  get size(): number {
    let count = 0;
    for (const shard of this.counts) count += shard;
    return count;
  }

  get(text: string): number | undefined {
    const entry = this.locate(text);
    return entry < 0 ? undefined : this.valueOf(entry);
  }

  /** `value` must be a whole number from 1 to 2^31 - 1 (a line number, a hash). */
  set(text: string, value: number): void {
    checkValue(value);
    const entry = this.locate(text);
    if (entry < 0) this.insert(-1 - entry, value);
    else (this.entryTables[this.shard] as Int32Array)[entry * 4 + 3] = value;
  }

  /** The value `text` holds; when it holds none, stores `value` and answers undefined. One hash, one probe. */
  claim(text: string, value: number): number | undefined {
    checkValue(value);
    const entry = this.locate(text);
    if (entry >= 0) return this.valueOf(entry);
    this.insert(-1 - entry, value);
    return undefined;
  }

  /**
   * Hashes `text` (the lanes of {@link fingerprint}, kept on the object with its tag and shard) and
   * probes its shard (picked by the second lane) linearly from the slot the first lane picks: the number
   * of the entry holding the key, or -1 - the empty slot where it would go.
   */
  private locate(text: string): number {
    const lanes = this.lanes;
    hashLanes(text, lanes);
    const { a, b, c } = lanes;
    // The third lane's top byte: independent of the bits that pick the shard and the slot.
    const tag = (c >>> 24 || 1) << 24;
    const shard = b >>> SHARD_SHIFT;
    this.tag = tag;
    this.shard = shard;
    const slots = this.slotTables[shard] as Uint32Array;
    const mask = slots.length - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const held = slots[slot] as number;
      if (held === 0) return -1 - slot;
      if ((held & TAG) >>> 0 === tag >>> 0 && this.holds((held & ENTRY) - 1)) return (held & ENTRY) - 1;
    }
  }

  private holds(entry: number): boolean {
    const entries = this.entryTables[this.shard] as Int32Array;
    const at = entry * 4;
    const { a, b, c } = this.lanes;
    return entries[at] === a && entries[at + 1] === b && entries[at + 2] === c;
  }

  private valueOf(entry: number): number {
    return (this.entryTables[this.shard] as Int32Array)[entry * 4 + 3] as number;
  }

  /** Stores the key `locate` last hashed: its entry at the end of its shard's, its slot where `locate` found room. */
  private insert(slot: number, value: number): void {
    const shard = this.shard;
    const entry = this.counts[shard] as number;
    const slots = this.slotTables[shard] as Uint32Array;
    const entries = this.entryTables[shard] as Int32Array;
    const at = entry * 4;
    const { a, b, c } = this.lanes;
    entries[at] = a;
    entries[at + 1] = b;
    entries[at + 2] = c;
    entries[at + 3] = value;
    slots[slot] = (this.tag | (entry + 1)) >>> 0;
    this.counts[shard] = entry + 1;
    // Grow at 3/4 full: linear probing stays short.
    if ((entry + 1) * 4 > slots.length * 3) this.grow(shard);
  }

  /** Twice the slots, and room for 3/4 of them in the entries; the entries keep their numbers. */
  private grow(shard: number): void {
    const count = this.counts[shard] as number;
    const oldEntries = this.entryTables[shard] as Int32Array;
    const slots = new Uint32Array((this.slotTables[shard] as Uint32Array).length * 2);
    // A slot has 24 bits for the entry's number: 16 million keys a shard, a billion in all.
    if ((slots.length * 3) / 4 > ENTRY) throw new RangeError('the index is full');
    const entries = new Int32Array(((slots.length * 3) / 4 + 1) * 4);
    entries.set(oldEntries.subarray(0, count * 4));
    const mask = slots.length - 1;
    for (let entry = 0; entry < count; entry += 1) {
      let slot = (entries[entry * 4] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = ((((entries[entry * 4 + 2] as number) >>> 24 || 1) << 24) | (entry + 1)) >>> 0;
    }
    this.slotTables[shard] = slots;
    this.entryTables[shard] = entries;
  }
}

const TAG = 0xff000000;
const ENTRY = 0x00ffffff;

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
