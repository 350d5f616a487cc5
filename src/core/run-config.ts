import type { PresetMapping } from '../presets/preset-types.js';
import type { Readable } from 'node:stream';
import type { CustomerApi } from '../api/customer-api.js';
import type { DateOrder } from '../fields/parse-date.js';
import type { InputEncoding } from '../input/inspect-input.js';
import type { BlanksPolicy, DuplicatePolicy } from '../model.js';
import type { MapOverrides } from '../rows/map-columns.js';
import type { OpenFieldOptions } from '../rows/open-field-options.js';
import type { FailOn, PlanSummary } from '../report/summary.js';
import type { UserIdHashing } from '../rows/hash-user-id.js';
import type { WriteMode } from '../upsert/write-modes.js';
import type { RunListener } from './events.js';

/** Where to send requests and with which key. The key is never printed, logged or written to a report. */
export interface Target {
  baseUrl: string;
  apiKey: string;
}

/**
 * Every secret a run holds, to redact from all it prints and stores. The CLI redacts its output with the
 * same list.
 */
export function runSecrets(config: Pick<RunConfig, 'target' | 'hashUserId'>): string[] {
  const secrets = config.target === null ? [] : [config.target.apiKey];
  return config.hashUserId === undefined ? secrets : [...secrets, config.hashUserId.secret];
}

/** A validated import configuration: the CLI builds it from flags and the environment. */
export interface RunConfig {
  /** The input as the user named it, for reports ('-' is shown as 'stdin'). */
  inputLabel: string;
  /** Overrides the detected encoding. */
  encoding?: InputEncoding;
  /** Overrides the sniffed delimiter. */
  delimiter?: string;
  map: MapOverrides;
  /** `--preset`: a preset's name, `none` (no preset), or undefined to detect one from the headers. */
  preset?: string;
  /** A preset mapping a mapping file holds (`hc-import map --write-config`): run as saved, whatever is detected. */
  presetMapping?: PresetMapping;
  /** The `--map` values exactly as typed, for summary.json. */
  mapAsGiven: readonly string[];
  onDuplicate: DuplicatePolicy;
  blanks: BlanksPolicy;
  /** The IANA zone a date without a zone of its own is read in (`--timezone`); default UTC. */
  timezone?: string;
  /** The order of a slashed date's day and month (`--date-format`); without it such dates are rejected. */
  dateFormat?: DateOrder;
  /** Tags and custom attributes (`--tag`, `--tags`, `--tag-separator`, `--custom`, `--custom-rest`); default none. */
  openFields?: OpenFieldOptions;
  failOn: FailOn;
  /** Null writes no report at all (`--report-dir -`): dry runs only, since an apply needs its journal. */
  reportDir: string | null;
  /** Lookups only, no writes. Without a target: no requests at all. */
  dryRun: boolean;
  /** Null for an offline dry run. */
  target: Target | null;
  /** Requests per minute; Infinity sends as fast as the concurrency allows (the sandbox's fast mode). */
  ratePerMinute: number;
  /** Writes in flight at most: the write pool's width, the one cap (the pacer only spaces starts). */
  concurrency: number;
  /** `--max-wait`: how long 429s may hold every request before the run stops (exit 5). Default 30 min. */
  maxWaitMs?: number;
  resume: boolean;
  /** Replace the report of an earlier run in `reportDir` (every report file is removed first). */
  overwrite?: boolean;
  /** `--limit`: import only the first this-many valid rows; the file is not read past the last of them. */
  limit?: number;
  /** Sending to the in-process sandbox (`--sandbox`), not to HelpCrunch. */
  sandbox: boolean;
  /** `--hash-user-id`: write the salted hash the site sends to the widget instead of each user_id. */
  hashUserId?: UserIdHashing;
  /** `--mode`: which writes the run may make. Default upsert. */
  mode?: WriteMode;
  /** `--adopt-by-email`: a row not found by user_id updates the one customer without a user id that has its email. */
  adoptByEmail?: boolean;
  /** `hc-import verify`: a keyed dry run whose verdict is whether HelpCrunch holds the file (exit 0) or not (exit 4). */
  verify?: boolean;
}

/** The client the core talks to, with a way to release its connections. */
export type ClosableApi = CustomerApi & { close(): Promise<void> };

/** What the confirmation can tell besides the plan. */
export interface ConfirmContext {
  /** Customers in the account before this run. */
  accountSize: number;
}

/** Every port the core needs. The core never reads `process`, never prints and never exits. */
export interface RunDeps {
  /** A fresh byte stream of the input each time (the input is read more than once). */
  openInput: () => Readable;
  connect: (target: Target) => ClosableApi;
  now: () => number;
  /** Waits `ms`; must reject as soon as `signal` aborts, cancelling its timer (see node:timers/promises). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
  onEvent: RunListener;
  /** Asked once, before the first write, with the plan and the account's size; false stops without writing. */
  confirm: (plan: PlanSummary, context: ConfirmContext) => Promise<boolean>;
  /** Aborted on Ctrl-C: stop taking new work, finish what is in flight, write the report. */
  signal: AbortSignal;
  /** The exit code of an interrupted run: 130 after SIGINT (the default), 143 after SIGTERM. */
  interruptedExitCode?: () => number;
  version: string;
}
