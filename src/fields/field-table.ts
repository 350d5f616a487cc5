/**
 * The one field table: every stage that names a contact field reads it from here. Mapping takes the
 * aliases, validation builds its zod schema and its fast path from `cell`, describe-problems words the
 * cell's rejects, planning compares and merges by `kind`, and the summary lists fields in this order.
 * Adding a CSV-fed field is one entry here (plus its wire type in `api/customer-api.ts`).
 *
 * Headers recognised (matching ignores case, whitespace, `_` and `-`, so `User ID`, `user-id` and
 * `USERID` are one entry; the First + Last name halves live in `rows/column-aliases.ts`):
 *
 * | field        | headers recognised                                                                 |
 * |--------------|------------------------------------------------------------------------------------|
 * | user_id      | user_id, userId, external_id, external_user_id, customer_id, contact_id            |
 * | name         | name, Full Name, Contact Name, Customer Name, Display Name                         |
 * | email        | email, E-mail, Email Address, mail                                                 |
 * | phone        | phone, Phone Number, Mobile, Mobile Number, Telephone, tel                         |
 * | company      | company, Company Name, Organization, Organisation, Account Name                    |
 * | notes        | notes, Note, About, Comments                                                       |
 * | first_seen   | first_seen, Created at, Created, Signed up, Signed up at, Signup date, Registered at |
 * | last_seen    | last_seen, Last seen at, Last active, Last activity, Last login, Last visit        |
 * | locale       | locale, Language, Lang                                                             |
 * | unsubscribed | unsubscribed, Opted out                                                            |
 * | blocked      | blocked, Banned                                                                    |
 *
 * A bare `id` is deliberately absent: in most exports it is the exporting system's row id, not the id
 * the website sends to the chat widget. Use `--map user_id=id` when it is.
 */
import type { CustomerFields } from '../api/customer-api.js';
import { RejectCode } from '../reject-codes.js';
import type { Scalar, ValueKindName } from './compare-values.js';
import { parseBoolean } from './parse-boolean.js';
import { parseDate } from './parse-date.js';
import { parseLocale } from './parse-locale.js';
import { emailAddress, notScientific } from './text-checks.js';
import { convertedCell, multilineText, optionalText, requiredText, type CellValue, type TextCell } from './text-cell.js';

/** One CSV-fed contact field and everything the stages need to know about it. */
export interface FieldSpec {
  /** Canonical name: in `--map field=Header`, the summary's mapping and reject messages. */
  readonly name: string;
  /** The property on a Contact, which is also HelpCrunch's property on the wire. */
  readonly property: keyof CustomerFields;
  /** Headers that feed this field, in any case (see the module comment for how they match). */
  readonly aliases: readonly string[];
  /** How a cell becomes a value: the zod piece, the fast path and the reject codes all derive from it. */
  readonly cell: TextCell<boolean, Scalar>;
  /** How the value compares with the stored one and merges into a replacing update. */
  readonly kind: ValueKindName;
}

/** The CSV-fed fields, in the order rejects list problems and the summary lists the mapping. */
export const FIELDS = [
  {
    name: 'user_id',
    property: 'userId',
    aliases: ['user_id', 'external_id', 'external_user_id', 'customer_id', 'contact_id'],
    cell: requiredText(RejectCode.missingUserId, [notScientific]),
    kind: 'text',
  },
  {
    name: 'name',
    property: 'name',
    aliases: ['name', 'full name', 'contact name', 'customer name', 'display name'],
    cell: requiredText(RejectCode.missingName),
    kind: 'text',
  },
  {
    name: 'email',
    property: 'email',
    aliases: ['email', 'email address', 'mail'],
    cell: requiredText(RejectCode.missingEmail, [emailAddress]),
    kind: 'text',
  },
  {
    name: 'phone',
    property: 'phone',
    aliases: ['phone', 'phone number', 'mobile', 'mobile number', 'telephone', 'tel'],
    cell: optionalText(),
    kind: 'text',
  },
  {
    name: 'company',
    property: 'company',
    aliases: ['company', 'company name', 'organization', 'organisation', 'account name'],
    cell: optionalText(),
    kind: 'text',
  },
  {
    name: 'notes',
    property: 'notes',
    aliases: ['notes', 'note', 'about', 'comments'],
    cell: multilineText(),
    kind: 'text',
  },
  {
    name: 'first_seen',
    property: 'firstSeen',
    aliases: ['first_seen', 'created at', 'created', 'signed up', 'signed up at', 'signup date', 'registered at'],
    cell: convertedCell(parseDate),
    kind: 'date',
  },
  {
    name: 'last_seen',
    property: 'lastSeen',
    aliases: ['last_seen', 'last seen at', 'last active', 'last activity', 'last login', 'last visit'],
    cell: convertedCell(parseDate),
    kind: 'date',
  },
  {
    name: 'locale',
    property: 'locale',
    aliases: ['locale', 'language', 'lang'],
    cell: convertedCell(parseLocale),
    kind: 'locale',
  },
  {
    name: 'unsubscribed',
    property: 'unsubscribed',
    aliases: ['unsubscribed', 'opted out'],
    cell: convertedCell(parseBoolean),
    kind: 'boolean',
  },
  {
    name: 'blocked',
    property: 'blocked',
    aliases: ['blocked', 'banned'],
    cell: convertedCell(parseBoolean),
    kind: 'boolean',
  },
] as const satisfies readonly FieldSpec[];

type Spec = (typeof FIELDS)[number];
type RequiredSpec = Extract<Spec, { cell: TextCell<true, string> }>;
type OptionalSpec = Exclude<Spec, RequiredSpec>;

/** The canonical field names, as users name them in `--map field=Header`. */
export type FieldName = Spec['name'];
/** Fields every row must fill; a file without a column for one is refused. */
export type RequiredFieldName = RequiredSpec['name'];

export const FIELD_NAMES: readonly FieldName[] = FIELDS.map((field) => field.name);

/**
 * A Contact's CSV-fed properties. Required ones always hold text; for optional ones `undefined` means
 * "the CSV says nothing: leave the stored value alone" and `null` means "clear it" (`--blanks clear`).
 * Dates hold UNIX seconds as text, locale its two-letter code, unsubscribed and blocked a boolean.
 */
export type StandardFields = { [S in RequiredSpec as S['property']]: string } & {
  [S in OptionalSpec as S['property']]?: CellValue<S['cell']> | null;
};

/** Raw cell text per field, before any rule applies; an optional field without a column reads as undefined. */
export type RawContact = { [S in RequiredSpec as S['name']]: string } & { [S in OptionalSpec as S['name']]?: string | undefined };

/** Contact properties read outside the table (`rows/read-open-fields.ts`), planned and merged by their kind all the same. */
export const OPEN_FIELDS = [
  { property: 'tags', kind: 'tags' },
  { property: 'customData', kind: 'customData' },
] as const satisfies readonly Pick<FieldSpec, 'property' | 'kind'>[];

/** Every Contact property that planning compares and merges, with its kind. */
export const PLANNED_FIELDS: readonly Pick<FieldSpec, 'property' | 'kind'>[] = [...FIELDS, ...OPEN_FIELDS];

export function isFieldName(name: string): name is FieldName {
  return (FIELD_NAMES as readonly string[]).includes(name);
}
