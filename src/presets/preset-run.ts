/**
 * What a run does with its preset once the columns are mapped: the printout shown before anything is
 * written, the cell rewrite the validator reads through, and custom attributes named without the
 * tool's decoration (`Person - Plan` → `Plan`).
 */
import { FIELD_NAMES } from '../fields/field-table.js';
import type { ColumnMapping } from '../rows/map-columns.js';
import type { OpenFieldOptions } from '../rows/open-field-options.js';
import { FROM_FILE_NAME, type AppliedPreset } from './apply-preset.js';
import type { CellRewrite } from './preset-cells.js';

const quote = (text: string): string => JSON.stringify(text);

/** The lines printed (stderr) before anything is written; none without a preset. */
export function presetLines(applied: AppliedPreset, mapping: ColumnMapping): string[] {
  const { name, result } = applied;
  if (name === null || result === null) return [];
  const title = applied.preset?.title ?? name;
  const how = applied.clues.length > 0 ? `detected from ${applied.clues.slice(0, 3).map(quote).join(', ')}` : 'chosen with --preset';
  const lines = [`preset: ${name} (${title} export, ${how}); --preset none turns it off`];
  const targets = [...FIELD_NAMES, 'tags'] as const;
  for (const field of targets) {
    const columns = field === 'tags' ? mapping.tags : mapping.fields[field];
    if (columns === undefined) continue;
    const from = columns.headers.map((header) => (header === FROM_FILE_NAME ? fileNameWhy(applied) : quote(header))).join(' + ');
    const note = field === 'user_id' && result.userIdFrom === columns.headers[0] ? ' (a custom column named like a user id)' : '';
    lines.push(`  ${field.padEnd(12)} ← ${from}${note}`);
  }
  for (const column of mapping.custom) lines.push(`  ${`custom.${column.property}`.padEnd(12)} ← ${quote(column.header)}`);
  const read = new Set(Object.values(applied.map));
  for (const entry of result.refused.filter((refused) => !read.has(refused.header)))
    lines.push(`  refused: ${quote(entry.header)} — ${entry.why}`);
  const customHeaders = new Set(mapping.custom.map((column) => column.header));
  const candidates = result.custom.filter((candidate) => !customHeaders.has(candidate.header));
  if (candidates.length > 0) {
    lines.push(`  custom attribute candidates (--custom-rest imports them): ${candidates.map((c) => quote(c.header)).join(', ')}`);
  }
  return lines;
}

function fileNameWhy(applied: AppliedPreset): string {
  return `every row: ${applied.preset?.fileName?.why ?? 'set by the mapping'}`;
}

/** The cell rewrite the preset's formats need, by the columns the mapping chose. */
export function cellRewriteFor(applied: AppliedPreset, mapping: ColumnMapping): CellRewrite {
  const result = applied.result;
  if (result === null) return { htmlColumns: [], appended: [] };
  const htmlColumns = result.htmlEntities.flatMap((target) => {
    const field = target === 'first_name' || target === 'last_name' ? 'name' : target;
    return field === 'tags' ? [] : (mapping.fields[field]?.indexes ?? []);
  });
  const rewrite: CellRewrite = { htmlColumns: [...new Set(htmlColumns)], appended: Object.values(result.constants) };
  const tagsIndex = mapping.tags?.indexes[0];
  if (result.quotedTags && tagsIndex !== undefined) {
    rewrite.quotedTagsColumn = { index: tagsIndex, separator: applied.tagListSeparator ?? result.tagSeparator ?? ',' };
  }
  return rewrite;
}

/** `--custom-rest` columns named as the preset names them (`Person - Plan` → `Plan`); a `--custom` keeps its name. */
export function renameCustomColumns(applied: AppliedPreset, mapping: ColumnMapping, open: OpenFieldOptions): ColumnMapping {
  const result = applied.result;
  if (result === null || mapping.custom.length === 0) return mapping;
  const named = new Set(open.custom.map((spec) => spec.property));
  const taken = new Set(mapping.custom.map((column) => column.property));
  const custom = mapping.custom.map((column) => {
    const candidate = result.custom.find((c) => c.header === column.header);
    if (candidate === undefined || named.has(column.property) || column.property !== column.header) return column;
    if (taken.has(candidate.property)) return column;
    taken.add(candidate.property);
    return { ...column, property: candidate.property };
  });
  return { ...mapping, custom };
}
