/**
 * Turn the contact schema's issues into one reject: the code of the first problem in field order
 * (user_id, name, email, phone, company) and a message listing every problem of the row, one per field,
 * so a person fixing rejects.csv sees everything wrong with the row at once.
 */
import type { z } from 'zod';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import { FIELD_NAMES, RejectCode, type FieldName } from '../model.js';
import { MAX_FIELD_LENGTH, type RawContact } from './contact-schema.js';

type IssueCode = z.core.$ZodIssue['code'];

/** Which reject each of the schema's checks stands for, per field. */
const REJECT_CODES: Record<FieldName, Partial<Record<IssueCode, RejectCode>>> = {
  user_id: {
    too_small: RejectCode.missingUserId,
    too_big: RejectCode.fieldTooLong,
    custom: RejectCode.userIdScientificNotation,
  },
  name: { too_small: RejectCode.missingName, too_big: RejectCode.fieldTooLong },
  email: { too_small: RejectCode.missingEmail, too_big: RejectCode.fieldTooLong, invalid_format: RejectCode.invalidEmail },
  phone: { too_big: RejectCode.fieldTooLong },
  company: { too_big: RejectCode.fieldTooLong },
};

/** The reject code and message for a row the schema refused. */
export interface RowProblem {
  code: RejectCode;
  message: string;
}

/** Summarise the schema's issues for one row (see the module comment for the order and the wording). */
export function describeProblems(issues: readonly z.core.$ZodIssue[], raw: RawContact): RowProblem {
  const firstByField = new Map<FieldName, IssueCode>();
  for (const issue of issues) {
    const field = FIELD_NAMES.find((name) => name === issue.path[0]);
    if (field !== undefined && !firstByField.has(field)) firstByField.set(field, issue.code);
  }
  const problems = FIELD_NAMES.flatMap((field) => {
    const issueCode = firstByField.get(field);
    if (issueCode === undefined) return [];
    const code = REJECT_CODES[field][issueCode] ?? unmappedIssue(field, issueCode);
    return [{ code, message: sentence(code, field, (raw[field] ?? '').trim()) }];
  });
  const first = problems[0] ?? unmappedIssue('user_id', 'no issue');
  return { code: first.code, message: problems.map((problem) => problem.message).join('; ') };
}

function sentence(code: RejectCode, field: FieldName, value: string): string {
  switch (code) {
    case RejectCode.userIdScientificNotation:
      return (
        `user_id ${quote(value)} is in scientific notation: ` +
        'the spreadsheet already lost its digits; re-export the column as text'
      );
    case RejectCode.invalidEmail:
      return `email ${quote(value)} is not a valid address`;
    case RejectCode.fieldTooLong:
      return `${field} is ${value.length} characters long; the limit is ${MAX_FIELD_LENGTH}`;
    default:
      return `${field} is empty`;
  }
}

/** Quote a value for a message; long values are cut so one bad cell cannot flood the report. */
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}…` : value);
}

/** The schema gained a check this table does not know: a bug, not bad data. */
function unmappedIssue(field: string, issueCode: string): never {
  throw new HciError({
    code: ErrorCode.invariant,
    kind: ErrorKind.internal,
    message: `row validation: no reject code for issue "${issueCode}" on ${field}`,
  });
}
