import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from '../../../src/input/windows-1252.js';

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F to the Windows-1252 characters, not to C1 controls as Latin-1 would', () => {
    expect(decodeWindows1252(Uint8Array.of(0x80, 0x92, 0x93, 0x94, 0x96, 0x9f))).toBe('€’“”–Ÿ');
  });

  it('keeps the five bytes Windows-1252 leaves undefined, and Latin-1 above 0x9F', () => {
    expect(decodeWindows1252(Uint8Array.of(0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xe9, 0xff, 0x41))).toBe('\u0081\u008D\u008F\u0090\u009Déÿ\u0041');
  });
});
