import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertText, inspectInput } from '../input/inspect-input.js';
import { readCsv, type CsvReader } from '../input/read-csv.js';
import type { JournalHeader, OutcomeSettings } from '../journal/journal.js';
import type { JournalState } from '../journal/read-journal.js';
import { assertResumable, describeTarget, keyChangedWarning } from '../journal/resume-check.js';
import type { HciError } from '../errors.js';
import { ErrorKind } from '../exit-codes.js';
import { DEFAULT_DATE_SETTINGS } from '../fields/cell-reject.js';
import { createUserIdChecker } from '../rows/check-user-ids.js';
import { createSharedEmailCounter, emailKey } from '../rows/count-shared-emails.js';
import { createDeduper, needsDuplicateIndex } from '../rows/dedupe-rows.js';
import { hashingSettings } from '../rows/hash-user-id.js';
import { checkOriginalIdProperty, collisionWarning, rekeyerFor } from '../rows/rekey-rows.js';
import { cellRewriteFor, presetLines, withCellRewrite } from '../presets/index.js';
import { mapWithPreset } from '../presets/map-with-preset.js';
import { NO_OPEN_FIELDS } from '../rows/open-field-options.js';
import { createRowValidator } from '../rows/validate-row.js';
import { ReportFile, writeJsonAtomically } from '../report/report-files.js';
import { clearReportFolder, readReportFolder } from '../report/report-folder.js';
import { openInputReports, rowLayout } from '../report/row-reports.js';
import { reportSharedEmails } from '../report/shared-emails.js';
import { openUserIdWarnings } from '../report/user-id-warnings.js';
import { checkInvariants, RunStatus, type Summary, type Warning } from '../report/summary.js';
import { createRedactor, redactDeep } from '../secrets/redact-secrets.js';
import { LineSet } from '../line-set.js';
import { planFolder } from '../plan/plan-files.js';
import { openRowSpill, type RowSpill } from '../plan/row-spill.js';
import type { RemoteStageResult } from './remote-stage.js';
import { indexDuplicates, type RereadSource, rereadValidRows, userIdsAt } from './reread-rows.js';
import { exitCodeOf } from './run-exit-code.js';
import { runSecrets, type RunConfig, type RunDeps } from './run-config.js';
import { limitWarning, scanInput } from './scan-input.js';
import { buildSummary, describeMapping } from './build-summary.js';
import { adoptableWarning, verifyExitCode, writeSettings } from './write-settings.js';

export interface RunResult {
  summary: Summary;
  exitCode: number;
  /** The remote failure that stopped the run (also in the summary), with its hint for the CLI to print. */
  error: HciError | null;
  /** An apply that was interrupted, or stopped after writing: `--resume` continues it. */
  resumable: boolean;
}

/**
 * Runs one import: read and validate the whole input (writing rejects and duplicates as it goes), then,
 * with a target, look up, plan, confirm and write, then reconcile the counts and write summary.json.
 * Throws an HciError for what stops a run before its report exists (bad input, usage); a remote
 * failure after that ends the run as `stopped`, with a report of what was done.
 */
export async function runImport(config: RunConfig, deps: RunDeps): Promise<RunResult> {
  const startedAt = deps.now();
  const { held, previous } = await readReportFolder(config.reportDir, {
    resume: config.resume,
    overwrite: config.overwrite === true,
    dryRun: config.dryRun,
  });

  const warnings: Warning[] = [];
  const warn = (warning: Warning): void => {
    warnings.push(warning);
    deps.onEvent({ type: 'warning', warning });
  };
  const inspection = await inspectInput(deps.openInput);
  const encoding = config.encoding ?? inspection.encoding;
  assertText(inspection, encoding, config.inputLabel);
  if (config.encoding === undefined && inspection.warning) warn({ code: 'encoding_fallback', message: inspection.warning });
  const reader = await readCsv(deps.openInput, { encoding, delimiter: config.delimiter });
  const given = config.openFields ?? NO_OPEN_FIELDS;
  const { preset, mapping } = mapWithPreset({
    headers: reader.headers,
    fileName: config.inputLabel,
    choice: config.preset,
    saved: config.presetMapping,
    map: config.map,
    open: given,
  });
  const open = preset.open;
  checkOriginalIdProperty(config.hashUserId, mapping.custom, open);
  deps.onEvent({ type: 'preset', name: preset.name, lines: presetLines(preset, mapping) });
  for (const warning of preset.warnings) warn(warning);
  const unmapped = mapping.unmapped.map((column) => (column.note ? `${column.header} (${column.note})` : column.header));
  deps.onEvent({ type: 'columns', mapping: describeMapping(mapping), unmapped });

  const dates = { timezone: config.timezone ?? DEFAULT_DATE_SETTINGS.timezone, dateOrder: config.dateFormat ?? preset.dateFormat };
  const settings: OutcomeSettings = {
    map: { ...config.map },
    onDuplicate: config.onDuplicate,
    blanks: config.blanks,
    timezone: dates.timezone,
    dateFormat: config.dateFormat ?? 'none',
    encoding,
    delimiter: reader.delimiter,
    ...(config.limit === undefined ? {} : { limit: config.limit }),
    ...hashingSettings(config.hashUserId),
    // Written as resolved, defaults too: a default a later version changes must not read as the same option.
    openFields: given,
    ...writeSettings(config),
    // The preset changes what every row becomes; absent without one, so older journals compare equal.
    ...(preset.name === null ? {} : { preset: preset.name }),
    // A saved preset mapping decides what every row becomes, as a detected one does.
    ...(config.presetMapping === undefined ? {} : { presetMapping: config.presetMapping }),
    // What a preset sets from the file's name: the sha256 cannot see a renamed file.
    ...presetConstants(preset.result?.constants),
    columns: describeMapping(mapping),
  };
  const resumed = journalToResume(previous, config, inspection.sha256, settings, warn);
  await clearReportFolder(config.reportDir, held, resumed !== undefined);

  // From here on nothing refuses the run before it reads: page 0 goes out now, beside the scan.
  // Loaded only with a target: an offline dry run never talks to HelpCrunch (start-up, see ARCHITECTURE.md).
  const target = deps.signal.aborted ? null : config.target;
  const contact = target === null ? undefined : (await import('./early-contact.js')).startFirstContact(config, deps, target);
  let handedOver = false;
  let spill: RowSpill | undefined;
  try {
    const validate = withCellRewrite(
      createRowValidator({ mapping, blanks: config.blanks, dates, open }),
      cellRewriteFor(preset, mapping),
      reader.headers.length,
    );
    // Reading stops when Ctrl-C comes, or when page 0 failed (a wrong key): the run then stops as it would have after reading.
    const readSignal = contact === undefined ? deps.signal : AbortSignal.any([deps.signal, contact.failed]);
    // Indexes sized for the file's lines (--limit caps them) need not grow: growing holds two tables a while.
    const expected = Math.min(inspection.lineFeeds + 1, config.limit ?? Number.POSITIVE_INFINITY);
    const index = needsDuplicateIndex(config.onDuplicate) ? await indexDuplicates(deps, encoding, config, validate, readSignal) : undefined;
    const emails = createSharedEmailCounter(expected);
    // The lines the scan kept (a bit each): the second pass for shared emails must list only those, not a
    // duplicate, nor a row past a --limit cut that was never read.
    const keptLines = new LineSet();
    const layout = rowLayout(reader.headers, reader.delimiter);
    // One redactor for every file the run writes; none at all (no cost) without a target.
    const redact = createRedactor(runSecrets(config));
    const inputReports = openInputReports(config.reportDir, layout, redact);
    const idWarnings = openUserIdWarnings(config.reportDir, redact);
    const checkUserId = createUserIdChecker((finding) => idWarnings.note(finding));
    const rekeyer = rekeyerFor(config.hashUserId);
    // The valid rows go to a spill file beside the reports, not into memory (src/plan).
    spill = contact === undefined ? undefined : openRowSpill(planFolder(config.reportDir), expected);
    const keep = spill?.add;
    const scanned = await scanInput({
      reader,
      validate,
      decide: createDeduper(config.onDuplicate, index, expected),
      rekeyer,
      noteKept: (row) => {
        keptLines.add(row.line);
        emails.check(row);
        checkUserId(row);
      },
      reports: inputReports,
      keep,
      onEvent: deps.onEvent,
      signal: readSignal,
      limit: config.limit,
    })
      .catch(async (error: unknown) => {
        await idWarnings.close();
        throw error;
      })
      .finally(() => inputReports.close());
    // The scan's email index (32 MB at a million rows) is not needed through the long remote stage.
    emails.release();
    const scan = { ...scanned, interrupted: scanned.interrupted && deps.signal.aborted };
    // Page 0 failed while the file was read: the rest of it is not read, and no second pass is made.
    const cutShort = scanned.interrupted && !scan.interrupted;
    if (cutShort) warn(unreadWarning(scan.counts.rows));
    addInputWarnings(reader, warn);
    const collisions = collisionWarning(rekeyer);
    if (collisions) warn(collisions);
    const reread: RereadSource = { deps, encoding, config, validate };
    // Every user of a shared email, from a second pass over just those rows (none when there are none).
    const sharedRows = scanned.interrupted
      ? undefined
      : rereadValidRows(reread, (row) => keptLines.has(row.line) && emails.shared.has(emailKey(row.contact.email)));
    const sharedWarning = await reportSharedEmails(emails, sharedRows, config.reportDir, redact);
    if (sharedWarning) warn(sharedWarning);
    if (scan.cutAtLine !== undefined) warn(limitWarning(config.limit, scan.cutAtLine));
    if (scan.counts.rows === 0 && !scanned.interrupted)
      warn({ code: 'no_data_rows', message: 'the input has a header but no data rows: nothing to import.' });
    // The earlier spellings of case variants are read back only after a whole scan, and only when there are some.
    const readUserIds = scanned.interrupted ? undefined : (lines: ReadonlySet<number>) => userIdsAt(reread, lines);
    for (const warning of await idWarnings.finish(readUserIds)) warn(warning);

    let stage: RemoteStageResult | undefined;
    if (contact !== undefined && !scan.interrupted) {
      const header: JournalHeader = {
        type: 'header',
        version: 1,
        inputSha256: inspection.sha256,
        settings,
        startedAt: new Date(startedAt).toISOString(),
        // Where the rows go: a resume to another API URL is refused, another key warned about.
        ...(config.target === null ? {} : { target: describeTarget(config.target) }),
      };
      handedOver = true;
      const { remoteStage } = await import('./remote-stage.js');
      stage = await remoteStage({ config, deps, rows: spill as RowSpill, layout, header, resumed, redact, contact });
      for (const warning of stage.warnings) warn(warning);
    }
    const adoptable = adoptableWarning(stage?.plan);
    if (adoptable) warn(adoptable);
    const stopError = stage?.error ?? null;
    const status = scan.interrupted ? RunStatus.interrupted : stopError ? RunStatus.stopped : (stage?.status ?? RunStatus.finished);
    const counts = { ...scan.counts, ...(config.dryRun ? {} : stage?.outcomes) };
    const mode = config.verify ? 'verify' : config.target === null || config.dryRun ? 'dry-run' : 'apply';
    checkInvariants(counts, mode, status);
    const exitCode =
      verifyExitCode(config, status, stage?.plan) ?? exitCodeOf(status, stopError, counts, config, deps, (stage?.warnings.length ?? 0) > 0);
    const summary = buildSummary({
      config,
      deps,
      startedAt,
      inspection,
      reader,
      mapping,
      preset: preset.name,
      encoding,
      scan,
      counts,
      warnings,
      stage,
      status,
      mode,
      error: stopError,
      exitCode,
    });
    // Error messages and warnings in it may quote a server that echoed a secret.
    const safeSummary = redactDeep(summary, redact);
    if (config.reportDir !== null) await writeJsonAtomically(config.reportDir, ReportFile.summary, safeSummary);
    // Continuing makes sense after an interruption, or a stop that left a journal; not after a wrong key.
    const journalLeft = config.reportDir !== null && existsSync(join(config.reportDir, ReportFile.journal));
    // A 429 storm past --max-wait stops a run that is worth continuing later, whether or not it had written yet.
    const stormed = stopError?.kind === ErrorKind.rateLimited;
    const resumable = mode === 'apply' && (status === RunStatus.interrupted || (status === RunStatus.stopped && (journalLeft || stormed)));
    return { summary: safeSummary, exitCode, error: stopError, resumable };
  } finally {
    // The remote stage closes the connection it ran on; a run that never got there closes it here.
    if (contact !== undefined && !handedOver) await contact.connection.api.close();
    spill?.remove();
  }
}

function journalToResume(
  previous: JournalState | undefined,
  config: RunConfig,
  sha256: string,
  settings: OutcomeSettings,
  warn: (warning: Warning) => void,
): JournalState | undefined {
  if (!config.resume || config.reportDir === null) return undefined;
  if (previous === undefined || previous.finished) {
    const why = previous === undefined ? 'holds no unfinished run' : 'holds a run that already finished';
    warn({ code: 'nothing_to_resume', message: `${config.reportDir} ${why}: starting a new run there.` });
    return undefined;
  }
  const target = config.target === null ? undefined : describeTarget(config.target);
  assertResumable(previous, sha256, settings, config.reportDir, target);
  const keyChanged = keyChangedWarning(previous, target);
  if (keyChanged !== undefined) warn({ code: 'api_key_changed', message: keyChanged });
  return previous;
}

function presetConstants(constants: Partial<Record<string, string>> | undefined): Pick<OutcomeSettings, 'presetConstants'> {
  return constants === undefined || Object.keys(constants).length === 0
    ? {}
    : { presetConstants: { ...constants } as Record<string, string> };
}

const unreadWarning = (rows: number): Warning => ({
  code: 'input_not_read',
  message: `the first request to HelpCrunch failed while the file was read: reading stopped after ${rows} rows.`,
});

function addInputWarnings(reader: CsvReader, warn: (warning: Warning) => void): void {
  const { emptyRecords } = reader.stats();
  if (emptyRecords > 0)
    warn({ code: 'empty_records', message: `${emptyRecords} record${emptyRecords === 1 ? '' : 's'} with only empty cells skipped.` });
}
