import type { Writable } from 'node:stream';

/** One line redrawn in place on a terminal: the progress bar. */
export interface LiveLine {
  /** Redraws the line; skipped when the last draw was under `minIntervalMs` ago, unless `force`. */
  draw(text: string, force?: boolean): void;
  /** Draws what was skipped, then ends the line, so whatever is printed next starts on a line of its own. */
  end(): void;
  readonly active: boolean;
}

export interface LiveLineOptions {
  stream: Writable & { columns?: number };
  now: () => number;
  /** Default 100 ms: ten frames a second, however many rows settle at once. */
  minIntervalMs?: number;
}

/**
 * A carriage return, the text cut to the terminal's width, and erase-to-end-of-line: no saved cursor
 * position to jump back to, so a line written after `end()` can never be drawn over.
 */
export function createLiveLine({ stream, now, minIntervalMs = 100 }: LiveLineOptions): LiveLine {
  let active = false;
  let lastDraw = -Infinity;
  let pending: string | undefined;

  const paint = (text: string): void => {
    // One column short of the width (a full line would wrap on some terminals), and never more than that: a line
    // that wraps is drawn again from its second row, so a terminal narrower than the text fills with garbage.
    const width = Math.max(1, (stream.columns ?? 80) - 1);
    stream.write(`\r${text.length > width ? `${text.slice(0, width - 1)}…` : text}\x1b[K`);
    active = true;
    lastDraw = now();
    pending = undefined;
  };

  return {
    draw(text, force = false) {
      if (force || now() - lastDraw >= minIntervalMs) paint(text);
      else pending = text;
    },
    end() {
      if (pending !== undefined) paint(pending);
      if (active) stream.write('\n');
      active = false;
    },
    get active() {
      return active;
    },
  };
}
