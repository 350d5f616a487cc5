/** The summary's lines about columns: what the tags and custom attributes came from, and what was not imported. */
import type { Summary } from '../report/summary.js';

const plural = (count: number, word: string): string => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/** Up to two lines, each starting with two spaces; none when every column is a plain field. */
export function renderColumns(summary: Summary): string[] {
  const lines: string[] = [];
  const extras = renderExtras(summary);
  if (extras !== '') lines.push(`  also imported: ${extras}`);
  // The report's own `_` columns are ignored on purpose, so they are not news.
  const notRead = summary.input.columns.filter((column) => column.use === 'ignored' && !column.header.startsWith('_'));
  // A preset's refused and bookkeeping columns: --custom-rest leaves them out, so they are listed apart.
  const byPreset = notRead.filter((column) => column.use === 'ignored' && / preset[:]?/.test(column.why));
  const ignored = notRead.filter((column) => !byPreset.includes(column));
  if (byPreset.length > 0) {
    const listed = byPreset.map((column) => column.header).join(', ');
    lines.push(`  ${plural(byPreset.length, 'column')} left out by the ${summary.input.preset ?? ''} preset (${listed})`);
  }
  if (ignored.length > 0) {
    const listed = ignored.map((column) => column.header).join(', ');
    const them = ignored.length === 1 ? 'it' : 'them';
    lines.push(`  ${plural(ignored.length, 'column')} not imported (${listed}); --custom-rest imports ${them} as custom attributes`);
  }
  return lines;
}

/** E.g. `tags from "Labels"; tag "demo" on every row; custom attribute plan ← "Plan"`. */
function renderExtras(summary: Summary): string {
  const tagColumn = summary.input.columns.find((column) => column.use === 'tags');
  const every = Array.isArray(summary.options['tag']) ? (summary.options['tag'] as string[]) : [];
  const parts: string[] = [];
  if (tagColumn) parts.push(`tags from ${JSON.stringify(tagColumn.header)}`);
  if (every.length > 0)
    parts.push(`tag${every.length === 1 ? '' : 's'} ${every.map((tag) => JSON.stringify(tag)).join(', ')} on every row`);
  const custom = summary.input.columns.flatMap((column) =>
    column.use === 'custom'
      ? [`${column.property} ← ${JSON.stringify(column.header)}${column.type === 'string' ? '' : ` (${column.type})`}`]
      : [],
  );
  if (custom.length > 0) parts.push(`custom attribute${custom.length === 1 ? '' : 's'} ${custom.join(', ')}`);
  return parts.join('; ');
}
