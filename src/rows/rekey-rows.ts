/**
 * The scan stage of `--hash-user-id`: a kept row's user_id becomes its hash, which every later stage
 * (lookup, plan, write, journal) uses, while the original stays on the row for the reports. Validation,
 * the dedupe and the user_id warnings ran on the original id before this. Two ids that hash alike would
 * be one customer, so the later row is a duplicate of the earlier, whatever `--on-duplicate` says: with a
 * real hash that needs a sha256 collision, so it is a guard against a broken scheme, not a policy.
 */
import { usageError } from '../errors.js';
import type { DuplicateRow, ValidRow } from '../model.js';
import type { Warning } from '../report/summary.js';
import { FingerprintIndex } from './fingerprint-index.js';
import { hashUserId, type UserIdHashing } from './hash-user-id.js';
import type { CustomColumn } from './map-custom-columns.js';
import type { OpenFieldOptions } from './open-field-options.js';

/** A kept row with its hashed id, or a duplicate of the earlier row whose id hashed alike. */
export type RekeyDecision = { kept: true; row: ValidRow } | { kept: false; duplicate: DuplicateRow };

export interface RowRekeyer {
  /** Feed each kept row once, in file order. */
  rekey(row: ValidRow): RekeyDecision;
  /** Rows turned into duplicates because their ids hashed alike. */
  readonly collisions: number;
}

export interface RekeyOptions {
  /** The id → the id to write (see hash-user-id.ts). */
  hash: (id: string) => string;
  /** Also store the original id as this custom attribute. */
  keepOriginalIdAs?: string;
}

/** Memory: one fingerprint slot per kept row, as in the dedupe. */
export function createRowRekeyer({ hash, keepOriginalIdAs }: RekeyOptions): RowRekeyer {
  const keptLines = new FingerprintIndex();
  let collisions = 0;
  return {
    rekey(row) {
      const original = row.contact.userId;
      const hashed = hash(original);
      const keptLine = keptLines.get(hashed);
      if (keptLine !== undefined) {
        collisions += 1;
        return { kept: false, duplicate: { line: row.line, cells: row.cells, userId: original, keptLine } };
      }
      keptLines.set(hashed, row.line);
      const contact = { ...row.contact, userId: hashed };
      if (keepOriginalIdAs !== undefined) contact.customData = { ...row.contact.customData, [keepOriginalIdAs]: original };
      return { kept: true, row: { ...row, contact, originalUserId: original } };
    },
    get collisions() {
      return collisions;
    },
  };
}

/**
 * `--keep-original-id-as NAME` sets the custom attribute NAME on every row; a column sent as the same
 * attribute (`--custom`, `--custom-rest`, a preset) would lose one of the two values without a word, so the
 * clash is a usage error naming both. Called once the columns are mapped, before anything is read or sent.
 */
export function checkOriginalIdProperty(
  hashing: Pick<UserIdHashing, 'keepOriginalIdAs'> | undefined,
  custom: readonly CustomColumn[],
  open: Pick<OpenFieldOptions, 'custom' | 'customRest'>,
): void {
  const property = hashing?.keepOriginalIdAs;
  if (property === undefined) return;
  const clash = custom.find((column) => column.property === property);
  if (clash === undefined) return;
  const given = open.custom.find((spec) => spec.property === property);
  const other =
    given !== undefined
      ? `--custom ${JSON.stringify(given.header === property ? given.header : `${given.header}=${property}`)}`
      : open.customRest
        ? `--custom-rest (the column ${JSON.stringify(clash.header)})`
        : `the column ${JSON.stringify(clash.header)}`;
  throw usageError(
    `--keep-original-id-as ${JSON.stringify(property)} and ${other} both set the custom attribute ${JSON.stringify(property)}: one of the two values would be lost.`,
    `Give --keep-original-id-as another property name, or send the column as another one (--custom "${clash.header}=other_name"); see hc-import --help.`,
  );
}

/** The rekeyer of a run's `--hash-user-id`; undefined without it. */
export function rekeyerFor(hashing: UserIdHashing | undefined): RowRekeyer | undefined {
  if (hashing === undefined) return undefined;
  return createRowRekeyer({ hash: (id) => hashUserId(hashing, id), keepOriginalIdAs: hashing.keepOriginalIdAs });
}

/** A warning when ids hashed alike: the scheme, not the file, is the likely fault. */
export function collisionWarning(rekeyer: RowRekeyer | undefined): Warning | undefined {
  const count = rekeyer?.collisions ?? 0;
  if (count === 0) return undefined;
  const rows = `${count} row${count === 1 ? '' : 's'}`;
  return {
    code: 'hashed_user_id_collision',
    message: `${rows} had a user_id that hashed like an earlier row's different user_id; listed in duplicates.csv. Check --hash-user-id.`,
  };
}
