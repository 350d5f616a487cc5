import { grown } from './grown.js';

/**
 * A set of line numbers as a bitmap: one bit a line, whatever the count. The recorder marks every settled
 * line to refuse a second outcome; as a `Set` of numbers a million lines were ~20 MB the collector traces
 * through the whole write stage, here they are 125 KB.
 */
export class LineSet {
  private bits = new Uint8Array(1 << 12);

  /** Adds `line` (a whole number ≥ 0); false when it was there already. */
  add(line: number): boolean {
    const byte = line >>> 3;
    if (byte >= this.bits.length) this.bits = grown(this.bits, byte + 1);
    const mask = 1 << (line & 7);
    const held = this.bits[byte] ?? 0;
    if ((held & mask) !== 0) return false;
    this.bits[byte] = held | mask;
    return true;
  }

  has(line: number): boolean {
    return ((this.bits[line >>> 3] ?? 0) & (1 << (line & 7))) !== 0;
  }
}
