/**
 * Did the custom attributes stick? HelpCrunch may silently drop a property it does not know (an attribute
 * not registered in its settings), so the customer a create (or a batch update, when its answer holds
 * customers) answers with is compared with what was sent. A property sent with a value and missing from
 * the answer did not stick; the run warns once per property, with how many rows.
 */
import type { CustomerFields, StoredCustomer } from '../api/customer-api.js';
import type { Warning } from '../report/summary.js';

/** The code of the warning, stable in summary.json. */
export const ATTRIBUTE_NOT_STORED = 'custom_attribute_not_stored';

/** The properties `sent` carried with a value that `answer` does not hold. */
export function unstoredProperties(sent: CustomerFields, answer: StoredCustomer): string[] {
  const items = sent.customData ?? [];
  if (items.length === 0) return [];
  const held = new Set((answer.fields.customData ?? []).map((item) => item.property));
  return items.filter((item) => item.value !== null && !held.has(item.property)).map((item) => item.property);
}

/** Counts, per property, the rows whose answer lacked it, and which kinds of write were checked. */
export class UnstoredTally {
  readonly #rows = new Map<string, number>();
  #updatesChecked = false;

  note(properties: readonly string[]): void {
    for (const property of properties) this.#rows.set(property, (this.#rows.get(property) ?? 0) + 1);
  }

  /** A batch answer held the customers, so updates were checked too. */
  checkedUpdates(): void {
    this.#updatesChecked = true;
  }

  warnings(): Warning[] {
    const checked = this.#updatesChecked ? 'created and updated rows' : 'created rows only (the batch update answer holds no customers)';
    return [...this.#rows].map(([property, rows]) => ({
      code: ATTRIBUTE_NOT_STORED,
      message:
        `custom attribute ${JSON.stringify(property)} was not stored for ${rows} row${rows === 1 ? '' : 's'}: HelpCrunch dropped it ` +
        `(is it registered in Settings → Custom attributes?); checked on ${checked}. The rows count as written.`,
    }));
  }
}
