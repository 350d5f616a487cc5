/**
 * A preset's cell formats that the field rules do not know: HTML entities in HubSpot's names, Mailchimp's
 * quoted tag lists, and values every row gets from the file name. The row validator sees the rewritten
 * cells; every report keeps the cells as the file holds them.
 */
import { createRequire } from 'node:module';
import type * as Entities from 'entities';
import type { RowValidator } from '../rows/validate-row.js';

/**
 * `&amp;` → `&`, `&#39;` → `'`: the entities HubSpot leaves in names (the `entities` package: every named
 * entity of HTML and numeric ones). Strict: only those ended by `;`, as an encoder writes them. The legacy
 * forms a browser also reads would change real text: `Jones&copywriters` is not `Jones©writers`.
 */
export function decodeHtmlEntities(text: string): string {
  return text.includes('&') ? loadEntities().decodeHTMLStrict(text) : text;
}

// Required on first use (~15 ms of start-up otherwise, for every run): only a HubSpot file with an `&` needs it.
let entities: typeof Entities | undefined;
const loadEntities = (): typeof Entities => (entities ??= createRequire(import.meta.url)('entities') as typeof Entities);

/**
 * What a quoted tag list's tags are joined by once read, and so what the validator splits that cell on: a
 * line break, which no tag can hold (a control character, rejected), so a tag holding the list's separator
 * (`"Smith, Jones"`) arrives whole.
 */
export const QUOTED_TAGS_JOIN = '\n';

/**
 * `"vip","Smith, Jones"` → `vip⏎Smith, Jones`: the list split on `separator` outside quotes, each tag's quotes
 * removed and its doubled quotes (`""`) made one, the tags joined by {@link QUOTED_TAGS_JOIN}. A tag written
 * without quotes (`vip, denver`) is read as it stands.
 */
export function unquoteTagList(cell: string, separator: string): string {
  const tags: string[] = [];
  let tag = '';
  let quoted = false;
  let at = 0;
  while (at < cell.length) {
    const char = cell[at] as string;
    if (quoted) {
      if (char === '"' && cell[at + 1] === '"') {
        tag += '"';
        at += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else tag += char;
      at += 1;
    } else if (cell.startsWith(separator, at)) {
      tags.push(tag);
      tag = '';
      at += separator.length;
    } else {
      // A quote opens a quoted tag only at the tag's start; elsewhere it is text (`5" screen`).
      if (char === '"' && tag.trim() === '') [tag, quoted] = ['', true];
      else tag += char;
      at += 1;
    }
  }
  tags.push(tag);
  return tags.map((text) => text.trim()).join(QUOTED_TAGS_JOIN);
}

/** How one row's cells are rewritten before validation. */
export interface CellRewrite {
  /** Column indexes whose entities are decoded. */
  htmlColumns: readonly number[];
  /** The tags column, when its list is quoted: `separator` is the list's (its tags leave joined by {@link QUOTED_TAGS_JOIN}). */
  quotedTagsColumn?: { index: number; separator: string };
  /** Values appended after the file's own cells (columns that exist only by the preset's rules). */
  appended: readonly string[];
}

/** True when the rewrite changes nothing, so the validator runs unwrapped. */
export const isNoRewrite = (rewrite: CellRewrite): boolean =>
  rewrite.htmlColumns.length === 0 && rewrite.quotedTagsColumn === undefined && rewrite.appended.length === 0;

/** The row's cells as the preset reads them. */
export function rewriteCells(cells: readonly string[], rewrite: CellRewrite): string[] {
  const out = [...cells];
  for (const index of rewrite.htmlColumns) {
    const cell = out[index];
    if (cell !== undefined) out[index] = decodeHtmlEntities(cell);
  }
  const tags = rewrite.quotedTagsColumn;
  if (tags !== undefined && out[tags.index] !== undefined) out[tags.index] = unquoteTagList(out[tags.index] ?? '', tags.separator);
  // Appended after the last header's place, so a short row does not shift them into its own columns.
  return rewrite.appended.length === 0 ? out : [...out, ...rewrite.appended];
}

/**
 * A validator that reads rewritten cells but keeps the file's cells on the row and its reject. `width` is
 * the file's header count: appended cells go right after it, whatever the row's own length.
 */
export function withCellRewrite(validate: RowValidator, rewrite: CellRewrite, width: number): RowValidator {
  if (isNoRewrite(rewrite)) return validate;
  return (record) => {
    const cells = rewrite.appended.length === 0 ? record.cells : padded(record.cells, width);
    const verdict = validate({ ...record, cells: rewriteCells(cells, rewrite) });
    if (verdict.ok) return { ok: true, row: { ...verdict.row, cells: record.cells } };
    return { ok: false, reject: { ...verdict.reject, cells: record.cells } };
  };
}

function padded(cells: readonly string[], width: number): readonly string[] {
  if (cells.length >= width) return cells.slice(0, width);
  return [...cells, ...Array<string>(width - cells.length).fill('')];
}
