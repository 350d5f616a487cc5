/**
 * An undo's plan: a step for each customer still open, held as a byte for its action, its id and the
 * number of its reason. Each `UndoStep` is made when the plan is read (to count, settle and send), never
 * all at once: as objects, a million steps outlived the planning by the whole write stage.
 */
import { UNDO_ACTIONS, type UndoAction, type UndoStep } from './plan-undo.js';
import type { RunChanges } from './run-changes.js';
import { TextNumbers } from './settled-steps.js';

export class PlannedSteps implements Iterable<UndoStep> {
  /** Per open customer: 0 while unplanned, else 1 + its action's place in UNDO_ACTIONS. */
  private readonly actions: Uint8Array;
  private readonly ids: Float64Array;
  private readonly reasons: Int32Array;
  private readonly reasonTexts = new TextNumbers();

  /** `open`: the numbers (in `changes`) of the touched customers to plan, in order. */
  constructor(
    private readonly changes: RunChanges,
    private readonly open: Int32Array,
  ) {
    this.actions = new Uint8Array(open.length);
    this.ids = new Float64Array(open.length).fill(Number.NaN);
    this.reasons = new Int32Array(open.length);
  }

  /** How many customers are open (planned or not). */
  get size(): number {
    return this.open.length;
  }

  /** The number in `changes` of the `at`th open customer. */
  customerAt(at: number): number {
    return this.open[at] as number;
  }

  isPlanned(at: number): boolean {
    return this.actions[at] !== 0;
  }

  set(at: number, { action, id, reason }: UndoStep): void {
    this.actions[at] = UNDO_ACTIONS.indexOf(action) + 1;
    this.ids[at] = id ?? Number.NaN;
    this.reasons[at] = this.reasonTexts.numberOf(reason);
  }

  /** The planned steps in order, each made as it is read; a restore's says where its before-image is. */
  *[Symbol.iterator](): Generator<UndoStep> {
    for (let at = 0; at < this.open.length; at += 1) {
      const code = this.actions[at] as number;
      if (code === 0) continue;
      const action = UNDO_ACTIONS[code - 1] as UndoAction;
      const customer = this.open[at] as number;
      const beforeAt = action === 'restore' ? this.changes.beforeAtOf(customer) : undefined;
      const id = this.ids[at] as number;
      yield {
        customer: {
          line: this.changes.lineOf(customer),
          userId: this.changes.userIdOf(customer),
          ...(beforeAt === undefined ? {} : { beforeAt }),
        },
        action,
        reason: this.reasonTexts.textOf(this.reasons[at] as number),
        ...(Number.isNaN(id) ? {} : { id }),
      };
    }
  }
}
