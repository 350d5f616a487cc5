/**
 * A few workers taking jobs from one queue. The request runner paces the account's budget; the pool's width
 * is the run's one cap on writes in flight (a job has one request out at a time), so latency does not add
 * up one request at a time and no intent is journaled long before its request can leave.
 */

/** Options of `runPool`. */
export interface PoolOptions {
  /** Jobs in flight at most. Default 4. */
  concurrency?: number;
  /** When aborted, no new job is TAKEN; jobs in flight finish (their outcomes must still be recorded). */
  signal?: AbortSignal;
}

/**
 * Runs `work` over `jobs` with bounded concurrency. The first error stops the taking of new jobs; it is
 * thrown once every job in flight has settled, so no write is left unrecorded behind the caller's back.
 * Resolves to the number of jobs started.
 */
export async function runPool<T>(jobs: Iterable<T>, work: (job: T) => Promise<void>, options: PoolOptions = {}): Promise<number> {
  const queue = jobs[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  let started = 0;
  const worker = async (): Promise<void> => {
    while (failure === undefined && options.signal?.aborted !== true) {
      const next = queue.next();
      if (next.done === true) return;
      started += 1;
      try {
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const width = Math.max(1, options.concurrency ?? 4);
  await Promise.all(Array.from({ length: width }, worker));
  if (failure !== undefined) throw failure.error;
  return started;
}
