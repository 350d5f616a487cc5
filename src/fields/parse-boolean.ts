/**
 * A yes/no cell → a boolean, for `unsubscribed` and `blocked`. Accepted in any case: true/false, yes/no,
 * y/n, 1/0. Anything else (`maybe`, `2`, `on`) is `invalid_boolean`: a flag that decides whether a person
 * gets email is never guessed.
 */
import { RejectCode } from '../reject-codes.js';
import { CellReject } from './cell-reject.js';
import { quote } from './text-checks.js';

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['yes', true],
  ['y', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['n', false],
  ['0', false],
]);

/** The boolean a cell says, or the reject that lists what it may say. */
export function parseBoolean(value: string): boolean | CellReject {
  return BOOLEANS.get(value.toLowerCase()) ?? notABoolean;
}

const notABoolean = new CellReject(
  RejectCode.invalidBoolean,
  (field, value) => `${field} ${quote(value)} is not a yes/no value: write true/false, yes/no, y/n or 1/0`,
);
