/**
 * user-id-warnings.csv and its summary warnings: the rows whose user_id is not in Unicode NFC or differs
 * only in letter case from an earlier one (rows/check-user-ids.ts finds them). NFC findings are written
 * as they come; case variants wait for the end of the scan, when the earlier spellings they name are
 * read back (the checker keeps only the earlier line, to stay small). So the file lists the NFC rows in
 * file order, then the case variants in file order.
 */
import { join } from 'node:path';
import { escapeChar } from '../fields/text-checks.js';
import { UserIdWarningCode, type UserIdFinding } from '../rows/check-user-ids.js';
import type { Redact } from '../secrets/redact-secrets.js';
import { type CsvReportFile, openCsvReport, ReportFile } from './report-files.js';
import type { Warning } from './summary.js';

/** The user_ids of the given lines, read again from the input; a line it cannot read is left out. */
export type ReadUserIds = (lines: ReadonlySet<number>) => Promise<ReadonlyMap<number, string>>;

export interface UserIdWarningsReport {
  note(finding: UserIdFinding): void;
  /** Writes the case variants (naming their earlier spelling when `readUserIds` is given), closes the file. */
  finish(readUserIds: ReadUserIds | undefined): Promise<Warning[]>;
  /** Closes the file without the case variants: for a scan that failed. */
  close(): Promise<void>;
}

const EXAMPLES = 3;

const discard: CsvReportFile = { write() {}, drained: async () => {}, close: async () => {} };

/** Creates user-id-warnings.csv (with its header even when nothing is found, like the other reports). */
export function openUserIdWarnings(dir: string | null, redact?: Redact): UserIdWarningsReport {
  const header = ['_line', 'user_id', '_warning_code', '_detail'];
  // Without a report folder (`--no-report`) the warnings still reach the summary; the file is skipped.
  const file = dir === null ? discard : openCsvReport(dir, ReportFile.userIdWarnings, header, redact);
  const notNfc: UserIdFinding[] = [];
  let notNfcCount = 0;
  const variants: Extract<UserIdFinding, { code: 'user_id_case_variant' }>[] = [];
  return {
    note(finding) {
      if (finding.code === UserIdWarningCode.caseVariant) return void variants.push(finding);
      notNfcCount += 1;
      if (notNfc.length < EXAMPLES) notNfc.push(finding);
      const detail = `not in Unicode NFC: ${show(finding.userId)}; its NFC form is ${show(finding.userId.normalize('NFC'))}`;
      file.write([String(finding.line), finding.userId, finding.code, detail]);
    },
    close: () => file.close(),
    async finish(readUserIds) {
      const firstLines = new Set(variants.map((v) => v.firstLine));
      const earlier = readUserIds && variants.length > 0 ? await readUserIds(firstLines) : new Map<number, string>();
      const spelled = (line: number): string => `${earlier.has(line) ? show(earlier.get(line) ?? '') : 'the user_id'} on line ${line}`;
      for (const v of variants) file.write([String(v.line), v.userId, v.code, `differs only in letter case from ${spelled(v.firstLine)}`]);
      await file.close();
      const see = dir === null ? 'run with a report folder for the list.' : `see ${join(dir, ReportFile.userIdWarnings)}.`;
      const warnings: Warning[] = [];
      if (notNfcCount > 0) {
        const examples = notNfc.map((f) => `${show(f.userId)} (line ${f.line})`).join(', ');
        const count = plural(notNfcCount, 'user_id is', 'user_ids are');
        const message =
          `${count} not in Unicode NFC, e.g. ${examples}: sent as written, ` + `they match only a site sending the same form; ${see}`;
        warnings.push({ code: UserIdWarningCode.notNfc, message });
      }
      if (variants.length > 0) {
        const examples = variants.slice(0, EXAMPLES).map((v) => `${show(v.userId)} (line ${v.line}) vs ${spelled(v.firstLine)}`);
        const count = plural(variants.length, 'user_id differs', 'user_ids differ');
        const message =
          `${count} only in letter case from an earlier one, e.g. ${examples.join(', ')}: ` +
          `each spelling is sent as its own customer; ${see}`;
        warnings.push({ code: UserIdWarningCode.caseVariant, message });
      }
      return warnings;
    },
  };
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** An id quoted, its combining marks escaped (`"Jose\u0301"`), so an NFD id does not read as its NFC twin. */
function show(id: string): string {
  return JSON.stringify(id).replace(/\p{M}/gu, escapeChar);
}
