/**
 * What a 429 without `Retry-After` tells about the account's limit. A limiter of L requests per window W
 * refused us at `refusedAt` and first let a request through again at `openedAt`: the window then held the
 * last L of our starts, and the oldest of them left it at `openedAt`. Pure, so every case is a table test.
 */

/** The starts that succeeded before the refusal, and when the refusal came and ended. */
export interface EpisodeFacts {
  /** Start times of the requests that succeeded before `refusedAt`, oldest first (a bounded history). */
  successes: readonly number[];
  /** When the first 429 of the episode came. */
  refusedAt: number;
  /** When the request that ended the episode (the first success since) started. */
  openedAt: number;
}

/**
 * Requests per millisecond that would have produced no 429, or undefined when nothing is known. Each
 * candidate L (the last L successes filled the window) gives W = openedAt − the L-th newest start; it is
 * consistent only if the (L+1)-th was already out of that window at `refusedAt`, i.e. the gap before the
 * L-th newest is at least the episode's length. The fastest consistent candidate is the limit's rate:
 * slower ones only count idle time (a confirmation, a lookup spell) as part of the window.
 */
export function inferRate({ successes, refusedAt, openedAt }: EpisodeFacts): number | undefined {
  const held = openedAt - refusedAt;
  let best: number | undefined;
  let count = 0;
  for (let i = successes.length - 1; i >= 0; i -= 1) {
    const start = successes[i] ?? 0;
    if (start >= refusedAt) continue;
    count += 1;
    const older = successes[i - 1];
    if (older !== undefined && start - older < held) continue;
    const window = openedAt - start;
    if (window > 0) best = Math.max(best ?? 0, count / window);
  }
  return best;
}
