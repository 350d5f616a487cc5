import type { HciError } from '../errors.js';
import { DEFAULT_DATE_SETTINGS } from '../fields/cell-reject.js';
import type { InputInspection, InputEncoding } from '../input/inspect-input.js';
import type { CsvReader } from '../input/read-csv.js';
import type { ColumnMapping } from '../rows/map-columns.js';
import type { ColumnUse, Counts, RunStatus, Summary, Warning } from '../report/summary.js';
import { describeHashing } from '../rows/hash-user-id.js';
import type { RemoteStageResult } from './remote-stage.js';
import type { RunConfig, RunDeps } from './run-config.js';
import type { ScanResult } from './scan-input.js';

/** Field → the header(s) feeding it, as users read it: `name: "First Name" + "Last Name"`. */
export function describeMapping(mapping: ColumnMapping): Record<string, string> {
  const described: Record<string, string> = {};
  for (const [field, columns] of Object.entries(mapping.fields)) {
    if (columns) described[field] = columns.headers.join(' + ');
  }
  if (mapping.tags) described['tags'] = mapping.tags.headers.join(' + ');
  return described;
}

/** Every column in file order with what it became; an ignored one says why. */
export function describeColumns(headers: readonly string[], mapping: ColumnMapping): ColumnUse[] {
  const uses = new Map<number, ColumnUse>();
  for (const [field, columns] of Object.entries(mapping.fields)) {
    for (const index of columns?.indexes ?? []) uses.set(index, { header: headers[index] ?? '', use: 'field', field });
  }
  for (const index of mapping.tags?.indexes ?? []) uses.set(index, { header: headers[index] ?? '', use: 'tags' });
  for (const { index, header, property, type } of mapping.custom) uses.set(index, { header, use: 'custom', property, type });
  for (const { index, header, note } of mapping.unmapped) {
    uses.set(index, { header, use: 'ignored', why: note ?? 'no field has this header (--custom or --custom-rest imports it)' });
  }
  return headers.map(
    (header, index) => uses.get(index) ?? { header, use: 'ignored', why: header.startsWith('_') ? "a report's own column" : 'not read' },
  );
}

export interface SummaryParts {
  config: RunConfig;
  deps: RunDeps;
  startedAt: number;
  inspection: InputInspection;
  reader: CsvReader;
  mapping: ColumnMapping;
  /** The preset's name, null without one. */
  preset: string | null;
  encoding: InputEncoding;
  scan: ScanResult;
  counts: Counts;
  warnings: Warning[];
  stage: RemoteStageResult | undefined;
  status: RunStatus;
  mode: Summary['mode'];
  error: HciError | null;
  exitCode: number;
}

const noRequests = (): Summary['requests'] => ({ total: 0, byKind: { lookup: 0, create: 0, update: 0 }, rateLimited: 0, retries: 0 });

/** The options in summary.json, read off the config: an unpaced run (the sandbox's default) shows `rate: null`. */
function optionsAsGiven(config: RunConfig): Summary['options'] {
  const { onDuplicate, blanks, failOn, mapAsGiven, ratePerMinute, concurrency, sandbox, resume, target, limit } = config;
  const rate = Number.isFinite(ratePerMinute) ? ratePerMinute : null;
  const host = target ? new URL(target.baseUrl).host : null;
  // The hashing secret only as a fingerprint; null without --hash-user-id.
  const hashUserId = config.hashUserId ? describeHashing(config.hashUserId) : null;
  // The zone is always named: a date without one was read in it, and the reader must be able to tell.
  const dates = { timezone: config.timezone ?? DEFAULT_DATE_SETTINGS.timezone, dateFormat: config.dateFormat ?? null };
  const open = config.openFields;
  const openOptions = open && {
    tag: open.tags,
    tags: open.tagsMode,
    tagSeparator: open.tagSeparator ?? null,
    custom: open.custom.map(({ header, property, type }) => `${header}=${property}:${type}`),
    customRest: open.customRest,
  };
  return {
    onDuplicate,
    blanks,
    ...dates,
    failOn,
    map: mapAsGiven,
    ...openOptions,
    rate,
    concurrency,
    sandbox,
    resume,
    target: host,
    limit: limit ?? null,
    hashUserId,
    mode: config.mode ?? 'upsert',
    adoptByEmail: config.adoptByEmail === true,
  };
}

/** summary.json's content. It never holds the API key (only the host of the target), nor the hashing secret. */
export function buildSummary(parts: SummaryParts): Summary {
  const { config, deps, inspection, reader, stage } = parts;
  const finishedAt = deps.now();
  return {
    schemaVersion: 1,
    tool: { name: 'hc-import', version: deps.version },
    mode: parts.mode,
    status: parts.status,
    input: {
      path: config.inputLabel,
      sha256: inspection.sha256,
      bytes: inspection.bytes,
      encoding: parts.encoding,
      delimiter: reader.delimiter,
      headers: reader.headers,
      preset: parts.preset,
      mapping: describeMapping(parts.mapping),
      columns: describeColumns(reader.headers, parts.mapping),
      unmappedHeaders: parts.mapping.unmapped.map((column) => column.header),
    },
    options: optionsAsGiven(config),
    counts: parts.counts,
    reasons: parts.scan.reasons,
    warnings: parts.warnings,
    plan: stage?.plan ?? null,
    requests: stage?.requests ?? noRequests(),
    timings: {
      startedAt: new Date(parts.startedAt).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      durationMs: finishedAt - parts.startedAt,
    },
    reportDir: config.reportDir,
    error: parts.error ? { code: parts.error.code, message: parts.error.message } : null,
    exitCode: parts.exitCode,
  };
}
