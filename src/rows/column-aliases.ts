import { usageError, type HciError } from '../errors.js';
import { FIELD_NAMES, type FieldName } from '../model.js';

/** What a column can feed: a contact field, or half of a name built from first + last name columns. */
export type ColumnRole = FieldName | 'first_name' | 'last_name';

/**
 * Header aliases, as users write them. Matching ignores case, whitespace, `_` and `-`
 * (see {@link normaliseHeader}), so `User ID`, `user-id` and `USERID` are one entry.
 *
 * | field      | headers recognised                                                           |
 * |------------|------------------------------------------------------------------------------|
 * | user_id    | user_id, userId, external_id, external_user_id, customer_id, contact_id      |
 * | name       | name, Full Name, Contact Name, Customer Name, Display Name                   |
 * | first half | First Name, Given Name (joined with the last name when there is no name column) |
 * | last half  | Last Name, Surname, Family Name                                              |
 * | email      | email, E-mail, Email Address, mail                                           |
 * | phone      | phone, Phone Number, Mobile, Mobile Number, Telephone, tel                   |
 * | company    | company, Company Name, Organization, Organisation, Account Name              |
 *
 * A bare `id` is deliberately absent: in most exports it is the exporting system's row id, not the id
 * the website sends to the chat widget. Use `--map user_id=id` when it is.
 */
const ALIASES: Record<ColumnRole, readonly string[]> = {
  user_id: ['user_id', 'external_id', 'external_user_id', 'customer_id', 'contact_id'],
  name: ['name', 'full name', 'contact name', 'customer name', 'display name'],
  first_name: ['first name', 'given name'],
  last_name: ['last name', 'surname', 'family name'],
  email: ['email', 'email address', 'mail'],
  phone: ['phone', 'phone number', 'mobile', 'mobile number', 'telephone', 'tel'],
  company: ['company', 'company name', 'organization', 'organisation', 'account name'],
};

/** Lower case without whitespace, `_` or `-`: the form in which headers are compared. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

const ROLE_BY_HEADER: ReadonlyMap<string, ColumnRole> = new Map(
  Object.entries(ALIASES).flatMap(([role, names]) =>
    names.map((name) => [normaliseHeader(name), role as ColumnRole] as const),
  ),
);

/** The role a header plays by the alias table, or undefined when it names nothing we import. */
export function roleOfHeader(header: string): ColumnRole | undefined {
  return ROLE_BY_HEADER.get(normaliseHeader(header));
}

export function isFieldName(name: string): name is FieldName {
  return (FIELD_NAMES as readonly string[]).includes(name);
}

/** The usage error for `--map` naming a field we do not import. */
export function unknownFieldError(field: string): HciError {
  return usageError(`--map ${JSON.stringify(field)}: unknown field; the fields are ${FIELD_NAMES.join(', ')}`);
}
