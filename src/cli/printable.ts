/**
 * Text hc-import did not write itself — a CSV's headers and cells, values HelpCrunch holds (a name a visitor
 * typed into the chat widget), a server's error message — reaches the terminal only with its control
 * characters shown as escapes (`\x1B`): an ESC sequence in a stored name must not clear the screen, retitle
 * the window or write to the clipboard of the person running the import. Tab and line feed stay.
 */
import { mapStrings } from '../map-strings.js';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Without the g flag: a global regex's test() moves its lastIndex between calls.
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const escaped = (char: string): string => `\\x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/** `text` with every control character but tab and line feed escaped. */
export function printable(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, escaped) : text;
}

/** `value` with `printable` applied to every string in it (keys too). */
export function printableDeep<T>(value: T): T {
  return mapStrings(value, printable);
}
