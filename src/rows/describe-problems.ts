/**
 * Turn the contact schema's issues into one reject: the code of the first problem in the field table's
 * order and a message listing every problem of the row, one per field, so a person fixing rejects.csv
 * sees everything wrong with the row at once. Codes and sentences come from each field's `cell`.
 */
import type { z } from 'zod';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import { FIELDS, type FieldSpec, type RawContact } from '../fields/field-table.js';
import { MAX_FIELD_LENGTH, rejectOfIssue } from '../fields/text-cell.js';
import type { RejectCode } from '../model.js';

/** The reject code and message for a row the schema refused. */
export interface RowProblem {
  code: RejectCode;
  message: string;
}

/** Summarise the schema's issues for one row (see the module comment for the order and the wording). */
export function describeProblems(issues: readonly z.core.$ZodIssue[], raw: RawContact): RowProblem {
  const firstByField = new Map<string, z.core.$ZodIssue>();
  for (const issue of issues) {
    const name = issue.path[0];
    if (typeof name === 'string' && !firstByField.has(name)) firstByField.set(name, issue);
  }
  const problems = FIELDS.flatMap((field) => {
    const issue = firstByField.get(field.name);
    return issue === undefined ? [] : [describeIssue(field, issue, ((raw as Record<string, string | undefined>)[field.name] ?? '').trim())];
  });
  const first = problems[0] ?? unmappedIssue('user_id', 'no issue');
  return { code: first.code, message: problems.map((problem) => problem.message).join('; ') };
}

function describeIssue(field: FieldSpec, issue: z.core.$ZodIssue, value: string): RowProblem {
  const reject = rejectOfIssue(field.cell, issue) ?? unmappedIssue(field.name, issue.code);
  if (reject.explain) return { code: reject.code, message: reject.explain(field.name, value) };
  if (issue.code === 'too_big') {
    return { code: reject.code, message: `${field.name} is ${value.length} characters long; the limit is ${MAX_FIELD_LENGTH}` };
  }
  return { code: reject.code, message: `${field.name} is empty` };
}

/** The schema gained a check the field's cell does not know: a bug, not bad data. */
function unmappedIssue(field: string, issueCode: string): never {
  throw new HciError({
    code: ErrorCode.invariant,
    kind: ErrorKind.internal,
    message: `row validation: no reject code for issue "${issueCode}" on ${field}`,
  });
}
