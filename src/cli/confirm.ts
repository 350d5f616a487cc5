import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Asks a yes/no question on the terminal; anything but y/yes is a no, as a safe default. An abort (Ctrl-C
 * at the question) is a no at once: a question still pending would keep the process waiting for a line.
 */
export async function askYesNo(question: string, input: Readable, output: Writable, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return false;
  await discardTypedAhead(input);
  if (signal?.aborted) return false;
  const rl = createInterface({ input, output, terminal: false });
  try {
    // EOF (Ctrl-D, a terminal gone) closes the interface without settling the question: it is a no, not a hang
    // (or an exit 13 with no summary once nothing else keeps the process alive).
    const closed = new Promise<undefined>((resolve) => rl.once('close', () => resolve(undefined)));
    const answer = await Promise.race([rl.question(`${question} [y/N] `, signal ? { signal } : {}), closed]);
    if (answer === undefined) output.write('\n');
    return answer !== undefined && /^\s*y(es)?\s*$/i.test(answer);
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

/**
 * Lines typed before the question was shown (a "y" and Enter during the scan) wait in the terminal's buffer and
 * would answer it unseen: they are read and dropped first. Only a terminal buffers like that; a pipe is left as it is.
 */
async function discardTypedAhead(input: Readable & { setRawMode?: unknown }): Promise<void> {
  // A real terminal (node:tty's ReadStream); a stream standing in for one already holds the answer meant for the question.
  if (typeof input.setRawMode !== 'function') return;
  const drop = (): void => undefined;
  input.on('data', drop);
  await delay(50);
  input.off('data', drop);
  input.pause();
}
