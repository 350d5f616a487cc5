/**
 * The customers an undo settled, by line: what `undone.csv` lists and a resume skips. Held compactly,
 * as a map of a million `SettledStep` objects was most of a million-customer undo's memory by its end:
 * a slot per line in a typed array, the outcome as a byte, the reason as the number of its text (a
 * handful of texts: failures aside, reasons come from the planner), the user_id shared with the step.
 */
import { grown } from '../grown.js';
import { UNDO_OUTCOMES, type UndoOutcome } from './plan-undo.js';

/** One customer's end, as journaled and as `undone.csv` shows it. */
export interface SettledStep {
  line: number;
  userId: string;
  action: UndoOutcome;
  reason: string;
}

export type UndoCounts = Record<UndoOutcome, number>;
export const noUndoCounts = (): UndoCounts => ({ restored: 0, deleted: 0, kept: 0, already_undone: 0, failed: 0 });

export class SettledSteps {
  /** Per line: 1 + the number of its record, or 0 when it is not settled. */
  private slotOfLine = new Int32Array(1024);
  private outcomes = new Uint8Array(1024);
  private reasons = new Int32Array(1024);
  private readonly userIds: string[] = [];
  private readonly reasonTexts = new TextNumbers();
  private readonly tally = noUndoCounts();

  get size(): number {
    return this.userIds.length;
  }

  has(line: number): boolean {
    return (this.slotOfLine[line] ?? 0) !== 0;
  }

  /** Records how `step.line` ended; a line settled again keeps the later end. */
  add({ line, userId, action, reason }: SettledStep): void {
    if (line >= this.slotOfLine.length) this.slotOfLine = grown(this.slotOfLine, line + 1);
    let record = (this.slotOfLine[line] as number) - 1;
    if (record < 0) {
      record = this.userIds.length;
      if (record >= this.outcomes.length) {
        this.outcomes = grown(this.outcomes, record + 1);
        this.reasons = grown(this.reasons, record + 1);
      }
      this.slotOfLine[line] = record + 1;
      this.userIds.push(userId);
    } else {
      this.tally[outcomeOf(this.outcomes[record] as number)] -= 1;
      this.userIds[record] = userId;
    }
    this.outcomes[record] = UNDO_OUTCOMES.indexOf(action);
    this.reasons[record] = this.reasonTexts.numberOf(reason);
    this.tally[action] += 1;
  }

  counts(): UndoCounts {
    return { ...this.tally };
  }

  /** Every settled customer, by line. */
  *inLineOrder(): Generator<SettledStep> {
    for (let line = 0; line < this.slotOfLine.length; line += 1) {
      const record = (this.slotOfLine[line] as number) - 1;
      if (record < 0) continue;
      const action = outcomeOf(this.outcomes[record] as number);
      yield { line, userId: this.userIds[record] as string, action, reason: this.reasonTexts.textOf(this.reasons[record] as number) };
    }
  }
}

const outcomeOf = (code: number): UndoOutcome => UNDO_OUTCOMES[code] as UndoOutcome;

/** Texts numbered in the order they first came: a reason per customer is a number, its text held once. */
export class TextNumbers {
  private readonly texts: string[] = [];
  private readonly numbers = new Map<string, number>();

  numberOf(text: string): number {
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.texts.push(text) - 1;
      this.numbers.set(text, number);
    }
    return number;
  }

  textOf(number: number): string {
    return this.texts[number] as string;
  }
}
