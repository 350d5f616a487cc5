/** What the sandbox has seen since it started or since the last `resetStats()`. */
export interface SandboxStats {
  /** Every request received, including those refused with 401 or 429. */
  requests: number;
  /** Requests per route, keyed like `PUT /customers/batch`; paths matching no route count under `unmatched`. */
  byRoute: Record<string, number>;
  /** Requests answered 429. */
  rateLimited: number;
  /** Requests answered 503 by fault injection. */
  faults: number;
  /** Writes applied whose answer was then dropped with the connection. */
  drops: number;
}

/** Counts requests for `SandboxStats`; the request pipeline owns the only instance. */
export class StatsCounter {
  #stats: SandboxStats = StatsCounter.#empty();

  static #empty(): SandboxStats {
    return { requests: 0, byRoute: {}, rateLimited: 0, faults: 0, drops: 0 };
  }

  received(routeKey: string): void {
    this.#stats.requests += 1;
    this.#stats.byRoute[routeKey] = (this.#stats.byRoute[routeKey] ?? 0) + 1;
  }

  count(kind: 'rateLimited' | 'faults' | 'drops'): void {
    this.#stats[kind] += 1;
  }

  snapshot(): SandboxStats {
    return structuredClone(this.#stats);
  }

  reset(): void {
    this.#stats = StatsCounter.#empty();
  }
}
