/**
 * The pacer's answer to 429s. A storm is the time from a 429 to the next success of a request started
 * after it. Without `Retry-After` every start is held and one probe goes out per probe period (1 s,
 * growing to 15 s in a long storm); the first probe through ends the storm, and the pace drops to the rate
 * the account let through (rate-estimate.ts). With `Retry-After` the hold is known and the same estimate is
 * made at once. After a storm the pace climbs back to the configured one within `recoverAfter` successes,
 * so a limit that was another integration's burst costs little. A storm longer than `maxWaitMs` stops the run.
 */
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import { inferRate } from './rate-estimate.js';

/** Tuning of the storm handling; the pacer passes its own. */
export interface EpisodeOptions {
  /** The configured spacing of starts, safety margin included; 0 when unpaced. */
  baseInterval: number;
  safetyMargin: number;
  recoverAfter: number;
  /** Default 30 min. */
  maxWaitMs?: number;
  /** Told when a hold begins or grows: at least `ms` more, in a storm that has lasted `stormMs`. */
  onHold?: (ms: number, stormMs: number) => void;
}

/** When starts may go again; `mayOpen` when a probe's success can end the hold early. */
export interface Gate {
  until: number;
  mayOpen: boolean;
}

export const DEFAULT_MAX_WAIT_MS = 30 * 60_000;
const FIRST_PROBE_MS = 1_000;
const LAST_PROBE_MS = 15_000;
const PROBE_GROWTH = 1.5;
/** Successful starts remembered for the estimate: enough for a window of several hundred requests. */
const HISTORY = 1_024;
/** The slowest pace an estimate may set, as a multiple of the configured interval (no success known). */
const SLOWEST = 16;

/** The storm state of one pacer: what the pump asks before each start, and what tasks report. */
export interface RateEpisodes {
  /** The spacing of starts now: the configured one, or wider after a storm. */
  interval(): number;
  /** When starts may go again (a hold, capped at the --max-wait deadline). */
  gate(at: number): Gate;
  /** A start went out: while probing, the next waits a probe period unless this one gets through. */
  started(at: number): void;
  /** Throws the storm error once a storm has lasted `maxWaitMs`. */
  checkWait(at: number): void;
  /** A 429 came at `at` for a request started at `startedAt`. */
  refused(at: number, retryAfterMs?: number, startedAt?: number): void;
  /** A request started at `startedAt` got through. */
  succeeded(startedAt: number, at: number): void;
}

/** The storm state of one pacer. */
export function createRateEpisodes(options: EpisodeOptions): RateEpisodes {
  const { baseInterval, safetyMargin, recoverAfter, maxWaitMs = DEFAULT_MAX_WAIT_MS } = options;
  let interval = baseInterval;
  const successes: number[] = [];
  let stormSince: number | undefined;
  let probing = false;
  let probeMs = FIRST_PROBE_MS;
  let holdUntil = -Infinity;
  let calmSince = -Infinity;

  function slowTo(rate: number | undefined): void {
    if (baseInterval === 0) return;
    const inferred = rate === undefined ? interval * 2 : safetyMargin / rate;
    interval = Math.min(baseInterval * SLOWEST, Math.max(baseInterval, inferred));
  }

  function refused(at: number, retryAfterMs?: number, startedAt = at): void {
    // A request sent before the last storm ended tells nothing new: the estimate already counts it.
    if (startedAt < calmSince) return;
    if (stormSince === undefined) {
      stormSince = at;
      probeMs = FIRST_PROBE_MS;
      if (retryAfterMs !== undefined && retryAfterMs > 0) {
        slowTo(inferRate({ successes, refusedAt: at, openedAt: at + retryAfterMs }));
      } else {
        probing = true;
      }
    } else if (startedAt >= stormSince && probing) {
      probeMs = Math.min(LAST_PROBE_MS, probeMs * PROBE_GROWTH);
    }
    const hold = retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : probeMs;
    if (at + hold > holdUntil) {
      holdUntil = at + hold;
      options.onHold?.(hold, at - stormSince);
    }
  }

  function succeeded(startedAt: number, at: number): void {
    successes.push(startedAt);
    if (successes.length > HISTORY) successes.splice(0, successes.length - HISTORY);
    if (stormSince !== undefined) {
      if (startedAt < stormSince) return;
      if (probing) slowTo(inferRate({ successes, refusedAt: stormSince, openedAt: startedAt }));
      stormSince = undefined;
      probing = false;
      holdUntil = -Infinity;
      calmSince = at;
      return;
    }
    if (interval > baseInterval) interval = Math.max(baseInterval, 1 / (1 / interval + 1 / (baseInterval * recoverAfter)));
  }

  return {
    interval: (): number => interval,
    gate: (at: number): Gate => {
      const deadline = stormSince === undefined ? Infinity : stormSince + maxWaitMs;
      return { until: Math.min(holdUntil, Math.max(at, deadline)), mayOpen: probing };
    },
    started(at: number): void {
      if (probing) holdUntil = Math.max(holdUntil, at + probeMs);
    },
    checkWait(at: number): void {
      if (stormSince !== undefined && at - stormSince >= maxWaitMs) throw stormTooLong(maxWaitMs);
    },
    refused,
    succeeded,
  };
}

const minutes = (ms: number): string => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);

function stormTooLong(maxWaitMs: number): HciError {
  return new HciError({
    code: ErrorCode.remoteFailed,
    kind: ErrorKind.rateLimited,
    message: `HelpCrunch refused every request as rate-limited (429) for ${minutes(maxWaitMs)}, the most --max-wait allows.`,
    hint: 'Another integration may be using the same API key. Resume later with the command below, or allow a longer --max-wait.',
  });
}
