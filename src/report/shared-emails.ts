/**
 * shared-emails.csv: every email that more than one user_id uses, with those user_ids and the lines they
 * use it on, so a person can check each case (HelpCrunch allows it: two family members, a shared inbox).
 * Written after the scan from a second pass over the rows holding a shared email.
 */
import { join } from 'node:path';
import type { ValidRow } from '../model.js';
import { emailKey } from '../rows/count-shared-emails.js';
import type { Redact } from '../secrets/redact-secrets.js';
import { openCsvReport, ReportFile } from './report-files.js';
import type { Warning } from './summary.js';

/** What the scan counted. */
export interface SharedEmailCounts {
  sharedEmails: number;
  sharedRows: number;
  shared: ReadonlySet<string>;
}

/** Each user_id of a shared email, with the line it first uses the email on. */
type Users = Map<string, number>;

/**
 * Writes shared-emails.csv (when there is a folder and anything to list) from the rows that hold a shared
 * email, and returns the summary warning pointing at it.
 */
export async function reportSharedEmails(
  counts: SharedEmailCounts,
  rows: AsyncIterable<ValidRow> | undefined,
  dir: string | null,
  redact?: Redact,
): Promise<Warning | undefined> {
  if (counts.sharedEmails === 0) return undefined;
  const emails = plural(counts.sharedEmails, 'email is', 'emails are');
  const head = `${emails} used by more than one user_id (${plural(counts.sharedRows, 'row', 'rows')}); HelpCrunch allows it, but check it is meant`;
  if (dir === null || rows === undefined) return { code: 'shared_email', message: `${head}.` };
  const byEmail = new Map<string, { spelled: string; users: Users }>();
  for await (const row of rows) {
    const key = emailKey(row.contact.email);
    const entry = byEmail.get(key) ?? { spelled: row.contact.email.trim(), users: new Map() };
    if (!entry.users.has(row.contact.userId)) entry.users.set(row.contact.userId, row.line);
    byEmail.set(key, entry);
  }
  const file = openCsvReport(dir, ReportFile.sharedEmails, ['email', 'user_ids', 'lines'], redact);
  for (const { spelled, users } of byEmail.values()) {
    if (users.size < 2) continue;
    file.write([spelled, [...users.keys()].join('; '), [...users.values()].join('; ')]);
  }
  await file.close();
  return { code: 'shared_email', message: `${head}: see ${join(dir, ReportFile.sharedEmails)}.` };
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
