/** Stable reject reason codes; reports and summary.json carry them. Never rename one. */
export const RejectCode = {
  malformedRecord: 'malformed_record',
  missingUserId: 'missing_user_id',
  userIdScientificNotation: 'user_id_scientific_notation',
  missingName: 'missing_name',
  missingEmail: 'missing_email',
  invalidEmail: 'invalid_email',
  fieldTooLong: 'field_too_long',
  invalidCharacters: 'invalid_characters',
  invalidEncoding: 'invalid_encoding',
  invalidDate: 'invalid_date',
  ambiguousDate: 'ambiguous_date',
  invalidLocale: 'invalid_locale',
  invalidBoolean: 'invalid_boolean',
  invalidNumber: 'invalid_number',
} as const;
export type RejectCode = (typeof RejectCode)[keyof typeof RejectCode];
