/**
 * Which columns feed custom attributes: each `--custom` names one (a usage error when it names no column,
 * or one a field or the tags already read), and `--custom-rest` takes every column nothing else reads as
 * a string attribute named by its header. Columns that matched a field another column feeds stay unmapped
 * (their note says why), and so do the report's own `_` columns unless `--custom` names them.
 */
import { usageError } from '../errors.js';
import type { ColumnMapping } from './map-columns.js';
import { findHeader, listHeaders } from './column-aliases.js';
import type { AttributeType, OpenFieldOptions } from './open-field-options.js';

/** A column sent as a custom attribute. */
export interface CustomColumn {
  index: number;
  header: string;
  property: string;
  type: AttributeType;
}

/** The mapping with the custom-attribute columns taken out of the unmapped and ignored ones. */
export function mapCustomColumns(
  headers: readonly string[],
  mapping: ColumnMapping,
  open: Pick<OpenFieldOptions, 'custom' | 'customRest'>,
): ColumnMapping {
  if (open.custom.length === 0 && !open.customRest) return mapping;
  const read = readColumns(mapping);
  const custom: CustomColumn[] = open.custom.map((spec) => {
    const index = findHeader(headers, spec.header);
    const name = `--custom ${JSON.stringify(spec.header)}`;
    if (index < 0) throw usageError(`${name}: no such column; headers found: ${listHeaders(headers)}`);
    const reader = read.get(index);
    if (reader !== undefined) throw usageError(`${name}: that column already feeds ${reader}`);
    read.set(index, `custom attribute ${spec.property}`);
    return { index, header: headers[index] ?? '', property: spec.property, type: spec.type };
  });
  const taken = new Set(custom.map((column) => column.property));
  let unmapped = mapping.unmapped.filter((column) => !read.has(column.index));
  if (open.customRest) {
    for (const column of unmapped) {
      if (column.note !== undefined || taken.has(column.header) || column.header.trim() === '') continue;
      custom.push({ index: column.index, header: column.header, property: column.header, type: 'string' });
      taken.add(column.header);
    }
    const rest = new Set(custom.map((column) => column.index));
    unmapped = unmapped.filter((column) => !rest.has(column.index));
  }
  const customHeaders = new Set(custom.map((column) => column.header));
  const ignored = mapping.ignored.filter((header) => !customHeaders.has(header));
  custom.sort((a, b) => a.index - b.index);
  return { ...mapping, custom, unmapped, ignored };
}

/** Column index → what already reads it, so a `--custom` cannot take a field's column. */
function readColumns(mapping: ColumnMapping): Map<number, string> {
  const read = new Map<number, string>();
  for (const [field, columns] of Object.entries(mapping.fields)) {
    for (const index of columns?.indexes ?? []) read.set(index, field);
  }
  for (const index of mapping.tags?.indexes ?? []) read.set(index, 'tags');
  return read;
}
