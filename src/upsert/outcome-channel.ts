/**
 * Turns outcomes pushed by concurrent workers into one async iterable, in the order they settle. The
 * workers never wait for the consumer: the consumer only records, so the queue stays short.
 */

/** The producing side of a channel, and the iterable its consumer reads. */
export interface Channel<T> extends AsyncIterable<T> {
  push(item: T): void;
  /** Ends the stream after what was pushed; with an error, the consumer's loop throws it last. */
  end(error?: { error: unknown }): void;
}

export function createChannel<T>(): Channel<T> {
  const queue: T[] = [];
  let ended: { error?: { error: unknown } } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  return {
    push(item) {
      queue.push(item);
      notify();
    },
    end(error) {
      ended = { error };
      notify();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (queue.length > 0) {
          yield queue.shift() as T;
          continue;
        }
        if (ended !== undefined) {
          if (ended.error !== undefined) throw ended.error.error;
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
