/**
 * What a run's journal says of each row it wrote an image for, folded as the journal streams: a slot per
 * row in typed arrays (where its images are, the ids they named, how the row settled), and its user_id.
 * As objects, one per row, a million-row run's fold and the customer list made from it were ~300 MB.
 */
import { grown } from '../grown.js';
import type { JournalEntry, JournalTarget } from '../journal/journal.js';
import type { EntrySpan } from '../journal/read-journal.js';

/** One customer the run touched. */
export interface TouchedCustomer {
  /** The CSV line of its row: the key of every report. */
  line: number;
  userId: string;
  /** `created`: the run made this customer (undo deletes it); `updated`: it replaced its before-image (undo restores it). */
  change: 'created' | 'updated';
  /** HelpCrunch's id; unknown for a create the run never heard back from. */
  id?: number;
  /** Where the journal holds the image with the full record the run sent last (a create body or a replacing update's record). */
  sentAt: EntrySpan;
  /** Where it holds the stored record before the run's first write to it; only for `updated`. */
  beforeAt?: EntrySpan;
  /** False when the write was in flight when the run stopped: whether it landed is for the lookup to tell. */
  confirmed: boolean;
}

// How a row settled, as a byte.
const NOT_SETTLED = 0;
const CREATED = 1;
const UNCHANGED = 2;
const FAILED = 3;
/** Updated, or skipped by --mode: either way, not made by the run. */
const OTHER = 4;

const FIRST_HAD_ID = 1;
const HAS_BEFORE = 2;
/**
 * A create of the row's may have landed (its answer was lost) and the run found the customer as its own: it
 * then wrote to it with an image naming its id and holding no before-image (`adoptFound`, or a resume's
 * `ownImage`). A "userId taken" the run had no lost create to explain writes a before-image: not its own.
 */
const FOUND_OWN = 4;

const START = 1024;

export class RunChanges {
  /** Per line: 1 + its row, or 0 when it has no image. */
  private rowOfLine = new Int32Array(START);
  private lines = new Int32Array(START);
  private facts = new Uint8Array(START);
  private outcomes = new Uint8Array(START);
  /** The id its outcome named, and the last id an image named; NaN for none. */
  private outcomeIds = new Float64Array(START);
  private imageIds = new Float64Array(START);
  /**
   * Its last image (the record sent last), and its first before-image; until it has one, that slot holds its
   * last create image instead (what a customer the run created holds when the update that followed failed).
   */
  private sentOffsets = new Float64Array(START);
  private sentLengths = new Int32Array(START);
  private beforeOffsets = new Float64Array(START);
  private beforeLengths = new Int32Array(START);
  private readonly userIds: string[] = [];
  /** The rows that changed a customer, in the order of their first images; set by `finish`. */
  private touched = new Int32Array(0);
  /** When the run began (its journal's header): tells its undos from those of a run the folder held before. */
  startedAt: string | undefined;
  /** Where the run and its resumes wrote, as their headers name it; empty for journals from before targets were kept. */
  readonly targets: JournalTarget[] = [];

  /** True when `line` has an image. */
  hasImage(line: number): boolean {
    return (this.rowOfLine[line] ?? 0) !== 0;
  }

  /** Adds one journal entry, its line at `span` of the file. */
  fold(entry: JournalEntry, span: EntrySpan): void {
    if (entry.type === 'header') {
      this.startedAt ??= entry.startedAt;
      if (entry.target !== undefined) this.targets.push(entry.target);
    }
    if (entry.type !== 'image' && entry.type !== 'outcome' && entry.type !== 'failed') return;
    let row = (this.rowOfLine[entry.line] ?? 0) - 1;
    if (entry.type === 'outcome' && row >= 0) {
      this.outcomes[row] = entry.action === 'created' ? CREATED : entry.action === 'unchanged' ? UNCHANGED : OTHER;
      this.outcomeIds[row] = entry.id ?? Number.NaN;
    } else if (entry.type === 'failed' && row >= 0) this.outcomes[row] = FAILED;
    else if (entry.type === 'image') {
      if (row < 0) row = this.addRow(entry.line, entry.id !== undefined);
      this.userIds[row] = entry.userId;
      this.sentOffsets[row] = span.offset;
      this.sentLengths[row] = span.length;
      // A resume that found another customer under the user_id (the first one deleted since) writes to that one:
      // the first customer's before-image is not its.
      const another = entry.id !== undefined && !Number.isNaN(this.imageIds[row]) && this.imageIds[row] !== entry.id;
      if (entry.id !== undefined) this.imageIds[row] = entry.id;
      const facts = this.facts[row] as number;
      if (entry.before !== undefined && ((facts & HAS_BEFORE) === 0 || another)) {
        this.facts[row] = facts | HAS_BEFORE;
        this.beforeOffsets[row] = span.offset;
        this.beforeLengths[row] = span.length;
      } else if ((facts & HAS_BEFORE) === 0 && entry.id === undefined) {
        // A create: its body is what the customer holds if it landed and nothing the run sent after did.
        this.beforeOffsets[row] = span.offset;
        this.beforeLengths[row] = span.length;
      } else if ((facts & (FIRST_HAD_ID | HAS_BEFORE)) === 0 && entry.before === undefined) this.facts[row] = facts | FOUND_OWN;
    }
  }

  /** After the last entry: picks the rows that changed a customer. */
  finish(): void {
    const rows = this.userIds.length;
    const touched = new Int32Array(rows);
    let count = 0;
    for (let row = 0; row < rows; row += 1) if (this.change(row) !== undefined) touched[count++] = row;
    this.touched = touched.slice(0, count);
  }

  /** How many customers the run touched. */
  get size(): number {
    return this.touched.length;
  }

  /** The line of the `at`th touched customer. */
  lineOf(at: number): number {
    return this.lines[this.rowAt(at)] as number;
  }

  userIdOf(at: number): string {
    return this.userIds[this.rowAt(at)] as string;
  }

  /** Where the `at`th touched customer's before-image is (an updated one's), or undefined. */
  beforeAtOf(at: number): EntrySpan | undefined {
    const row = this.rowAt(at);
    if (((this.facts[row] as number) & HAS_BEFORE) === 0) return undefined;
    return { offset: this.beforeOffsets[row] as number, length: this.beforeLengths[row] as number };
  }

  /** The `at`th touched customer, made when asked (never all at once). */
  customer(at: number): TouchedCustomer {
    const row = this.rowAt(at);
    const change = this.change(row) as TouchedCustomer['change'];
    const outcome = this.outcomes[row] as number;
    // The id the outcome named, else the last one an image named (an update's, or none for a lost create).
    const id = Number.isNaN(this.outcomeIds[row]) ? this.imageIds[row] : this.outcomeIds[row];
    const beforeAt = change === 'updated' ? this.beforeAtOf(at) : undefined;
    // A failed row's last write was refused: the customer its create made holds the create's body.
    const sentAt =
      outcome === FAILED
        ? { offset: this.beforeOffsets[row] as number, length: this.beforeLengths[row] as number }
        : { offset: this.sentOffsets[row] as number, length: this.sentLengths[row] as number };
    return {
      line: this.lines[row] as number,
      userId: this.userIds[row] as string,
      change,
      ...(id === undefined || Number.isNaN(id) ? {} : { id }),
      sentAt,
      ...(beforeAt === undefined ? {} : { beforeAt }),
      confirmed: outcome !== NOT_SETTLED,
    };
  }

  /**
   * The change a row made, or none: unchanged and failed rows changed nothing (a failed write was refused),
   * but for a failed update of a customer the run's own lost create made: that customer exists because of
   * the run, which created it. The first before-image is the one that counts: a resumed run plans from what
   * the first run already wrote. A row in flight whose first write was a create and that holds no
   * before-image was created by the run.
   */
  private change(row: number): TouchedCustomer['change'] | undefined {
    const outcome = this.outcomes[row] as number;
    const facts = this.facts[row] as number;
    if (outcome === FAILED) return (facts & (FOUND_OWN | HAS_BEFORE)) === FOUND_OWN ? 'created' : undefined;
    if (outcome === UNCHANGED) return undefined;
    const hasBefore = (facts & HAS_BEFORE) !== 0;
    if (outcome === CREATED || (outcome === NOT_SETTLED && (facts & FIRST_HAD_ID) === 0 && !hasBefore)) return 'created';
    return hasBefore ? 'updated' : undefined;
  }

  private rowAt(at: number): number {
    return this.touched[at] as number;
  }

  private addRow(line: number, firstHadId: boolean): number {
    const row = this.userIds.length;
    if (line >= this.rowOfLine.length) this.rowOfLine = grown(this.rowOfLine, line + 1);
    if (row >= this.lines.length) this.growRows(row + 1);
    this.rowOfLine[line] = row + 1;
    this.lines[row] = line;
    this.facts[row] = firstHadId ? FIRST_HAD_ID : 0;
    this.outcomes[row] = NOT_SETTLED;
    this.outcomeIds[row] = Number.NaN;
    this.imageIds[row] = Number.NaN;
    this.userIds.push('');
    return row;
  }

  private growRows(needed: number): void {
    this.lines = grown(this.lines, needed);
    this.facts = grown(this.facts, needed);
    this.outcomes = grown(this.outcomes, needed);
    this.outcomeIds = grown(this.outcomeIds, needed);
    this.imageIds = grown(this.imageIds, needed);
    this.sentOffsets = grown(this.sentOffsets, needed);
    this.sentLengths = grown(this.sentLengths, needed);
    this.beforeOffsets = grown(this.beforeOffsets, needed);
    this.beforeLengths = grown(this.beforeLengths, needed);
  }
}
