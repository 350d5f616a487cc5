import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

/**
 * Asks a yes/no question on the terminal; anything but y/yes is a no, as a safe default. An abort (Ctrl-C
 * at the question) is a no at once: a question still pending would keep the process waiting for a line.
 */
export async function askYesNo(question: string, input: Readable, output: Writable, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return false;
  const rl = createInterface({ input, output, terminal: false });
  try {
    const answer = await rl.question(`${question} [y/N] `, signal ? { signal } : {});
    return /^\s*y(es)?\s*$/i.test(answer);
  } catch (error) {
    if (signal?.aborted) {
      output.write('\n');
      return false;
    }
    throw error;
  } finally {
    rl.close();
  }
}
