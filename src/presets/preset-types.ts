/**
 * What a preset is (a named recipe for one tool's export) and what applying it to a file's headers gives.
 * The definitions live in `definitions-*.ts`; detection in `detect-preset.ts`; the mapping in
 * `preset-mapping.ts`.
 */
import type { DateOrder } from '../fields/parse-date.js';
import type { ColumnRole } from '../rows/column-aliases.js';

/** What a preset may map a column to: a field, the tags, or half of a name (joined First + Last). */
export type PresetTarget = ColumnRole;

/** One clue of a tool's layout: any of `headers` present (case and spacing ignored) adds `weight`. */
export interface FingerprintSignal {
  headers: readonly string[];
  weight: number;
}

/** A column a preset never feeds into `fields` by itself; `--map` still can, with a warning saying `why`. */
export interface RefusedColumn {
  headers: readonly string[];
  /** The fields it must never fill on its own; user_id, email and name for ids and owners. */
  fields: readonly PresetTarget[];
  why: string;
}

/** A named mapping recipe for one tool's export. */
export interface PresetDefinition {
  /** Lower case: `--preset NAME`, summary.json's `input.preset`. */
  name: string;
  title: string;
  /** One line: which export of the tool this reads. */
  export: string;
  /** Clues; the preset matches when their weights add up to {@link DETECTION_THRESHOLD} or more. */
  fingerprint: readonly FingerprintSignal[];
  /** A prefix that counts as a clue when `atLeast` (default 3) headers start with it (Pipedrive's `Person - `). */
  prefixSignal?: { prefixes: readonly string[]; weight: number; atLeast?: number };
  /** Target → headers in order of preference (localized variants included); the first one present wins. */
  fields: Partial<Record<PresetTarget, readonly string[]>>;
  /** Decoration removed from a header before it is compared with the user-id aliases and named as an attribute. */
  strip?: { prefixes?: readonly string[]; suffixes?: readonly string[] };
  /** Identity traps: the tool's own ids, owners, assistants, associated records. */
  refused: readonly RefusedColumn[];
  /** The tool's bookkeeping columns: not custom-attribute candidates (`--custom` still takes them). */
  ignored?: readonly string[];
  /** Cell formats. */
  tagSeparator?: string;
  /** Tags written as a quoted list, `"vip","newsletter"`: the quotes are removed. */
  quotedTags?: boolean;
  dateFormat?: DateOrder;
  /** Targets whose cells hold HTML entities (`&amp;`) to decode. */
  htmlEntities?: readonly PresetTarget[];
  /** A file name that says something of every row (Mailchimp's `unsubscribed_members_export…`). */
  fileName?: { pattern: RegExp; field: 'unsubscribed'; value: 'true'; why: string };
  /** Lines for `hc-import presets NAME` and the README: dates, zones, what the user must still decide. */
  notes: readonly string[];
}

/** Score at or above which a fingerprint counts as a match. */
export const DETECTION_THRESHOLD = 3;

/** A refused column found in a file. */
export interface RefusedHeader {
  header: string;
  fields: readonly PresetTarget[];
  why: string;
}

/** A column no field reads, offered as a custom attribute under the name the preset gives it. */
export interface CustomCandidate {
  header: string;
  property: string;
}

/**
 * What a preset makes of one file's headers: the shape a mapping file (`hc-import.config.json`) holds, so
 * a run given this mapping with `--preset none` maps the file exactly as the detected preset did.
 *
 * ```json
 * { "preset": "pipedrive",
 *   "map": { "name": "Person - Name", "email": "Person - Email - Work", "first_seen": "Person - Person created",
 *            "tags": "Person - Labels", "user_id": "Person - User ID" },
 *   "tagSeparator": ",", "quotedTags": false, "dateFormat": null, "htmlEntities": [], "constants": {},
 *   "custom": [{ "header": "Person - Plan", "property": "Plan" }],
 *   "refused": [{ "header": "Person - ID", "fields": ["user_id"],
 *                 "why": "Pipedrive's own person id, never the id your site sends to the chat widget" }],
 *   "ignored": [],
 *   "userIdFrom": "Person - User ID" }
 * ```
 */
export interface PresetMapping {
  preset: string;
  /** Field (or `tags`, `first_name`, `last_name`) → header: the `--map` overrides the preset stands for. */
  map: Partial<Record<PresetTarget, string>>;
  tagSeparator: string | null;
  quotedTags: boolean;
  dateFormat: DateOrder | null;
  /** Fields whose cells have HTML entities decoded (`&amp;` → `&`). */
  htmlEntities: PresetTarget[];
  /** A value every row gets for a field no column feeds (Mailchimp's unsubscribed export: unsubscribed=true). */
  constants: Partial<Record<'unsubscribed', string>>;
  /** Columns no field reads, in file order: imported only with `--custom`/`--custom-rest`. */
  custom: CustomCandidate[];
  /** Identity traps present in the file: never read by a field unless `--map` names them. */
  refused: RefusedHeader[];
  /** The tool's bookkeeping columns present in the file, and the name halves when a full name is read: not read, not candidates. */
  ignored: string[];
  /** The header found to be the user id once the preset's decoration was removed; null when none or native. */
  userIdFrom: string | null;
}

/** Why a tool's own record id is refused for user_id, in every preset's words. */
export const NOT_THE_WIDGET_ID = 'never the id your site sends to the chat widget';
