/**
 * `hc-import map FILE`: what an import would make of each column, from the header and a few rows, before
 * anything is sent: the field, the tags, the custom attribute (with its type) or why it is ignored, with
 * sample values. `--write-config FILE` saves that mapping as a mapping file to edit and reuse.
 */
import { Command } from 'commander';
import { describeColumns } from '../core/build-summary.js';
import type { ColumnUse } from '../report/summary.js';
import { mapWithPreset } from '../presets/map-with-preset.js';
import { asPresetMapping } from '../presets/preset-mapping-schema.js';
import type { ColumnMapping } from '../rows/map-columns.js';
import { parseMapOptions } from '../rows/parse-map-options.js';
import { validateFlags } from './import-options.js';
import { openInputSource } from './input-source.js';
import { commandName } from './invocation.js';
import type { CliIo } from './io.js';
import { openFieldsFrom } from './open-fields-flags.js';
import { type FileHead, HEAD_BYTES, readFileHead } from './read-file-head.js';
import { writeConfigFile } from './write-config.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Declares `hc-import map`: the import's mapping flags, and where to save the result. */
export function mapCommand(): Command {
  return new Command('map')
    .name('hc-import map')
    .description('Show how each column of a CSV file would be imported, with sample values; nothing is sent.')
    .argument('<file>', 'the CSV file, or - for standard input')
    .option('--config <file>', 'read options from this JSON mapping file (default: ./hc-import.config.json if present)')
    .option('--no-config', 'ignore ./hc-import.config.json')
    .option('--write-config <file>', 'save the mapping shown as a mapping file (never replaces one)')
    .option('--preset <name>', "read another tool's export (hubspot, pipedrive, …; see hc-import presets); none: no detection")
    .option('--map <field=Header>', 'map a field to a column by its header (repeatable)', collect)
    .option('--custom <Header[=property[:type]]>', 'send a column as a custom attribute (repeatable)', collect)
    .option('--custom-rest', 'send every column nothing else reads as a string custom attribute')
    .option('--tag-separator <text>', 'what separates tags in a cell')
    .option('--date-format <order>', 'read slashed dates day first (DMY) or month first (MDY)')
    .option('--timezone <zone>', 'IANA zone of dates written without one (default UTC)')
    .option('--encoding <name>', 'input encoding (default: detected)')
    .option('--delimiter <char>', 'field delimiter (default: sniffed)');
}

/** Reads the file's head, prints the mapping column by column, and writes it with `--write-config`. */
export async function runMap(file: string, options: Record<string, unknown>, io: CliIo): Promise<number> {
  const flags = validateFlags(options);
  const input = await openInputSource(file, io);
  try {
    const head = await readFileHead(input.open, { label: input.label, encoding: flags.encoding, delimiter: flags.delimiter });
    // The import's own mapping step: the saved preset mapping, else the preset asked for or detected.
    const { preset, mapping } = mapWithPreset({
      headers: head.headers,
      fileName: input.label,
      choice: flags.preset,
      saved: flags.presetMapping && asPresetMapping(flags.presetMapping),
      map: parseMapOptions(flags.map),
      open: openFieldsFrom(flags),
    });
    io.stdout.write(renderMap({ label: input.label, head, mapping, preset: preset.name ?? undefined, options }));
    const target = options.writeConfig;
    if (typeof target !== 'string') {
      io.stdout.write(`\nSave it to edit and reuse: ${commandName(io.env)} map ${file} --write-config hc-import.config.json\n`);
      return 0;
    }
    const saved = preset.result ?? undefined;
    await writeConfigFile(target, io.cwd, {
      headers: head.headers,
      fileName: input.label,
      mapping,
      preset: preset.name ?? 'none',
      saved,
      options,
    });
    io.stdout.write(`\nWrote ${target}: edit it, then run ${commandName(io.env)} ${file} --config ${target}\n`);
    return 0;
  } finally {
    await input.dispose();
  }
}

interface MapView {
  label: string;
  head: FileHead;
  mapping: ColumnMapping;
  preset: string | undefined;
  options: Readonly<Record<string, unknown>>;
}

const quote = (text: string): string => JSON.stringify(text);
const clip = (text: string): string => quote(text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** The report: layout, preset, one entry per column (role, then samples), and how cells are read. */
export function renderMap({ label, head, mapping, preset, options }: MapView): string {
  const delimiter = head.delimiter === '\t' ? 'tab' : quote(head.delimiter);
  const lines = [
    `${label}: ${head.headers.length} columns, ${head.encoding}, delimiter ${delimiter} (from the first ${HEAD_BYTES / 1024} KiB)`,
    ...(head.encodingWarning ? [`warning: ${head.encodingWarning}`] : []),
    `preset: ${preset ?? 'none detected'}`,
    '',
  ];
  const uses = describeColumns(head.headers, mapping);
  const width = Math.min(32, Math.max(...head.headers.map((header) => quote(header).length)));
  uses.forEach((use, index) => {
    lines.push(`  ${quote(use.header).padEnd(width)}  ${roleOf(use, mapping, options)}`);
    const samples = head.samples[index] ?? [];
    lines.push(`  ${''.padEnd(width)}    ${samples.length === 0 ? '(no values in the rows read)' : samples.map(clip).join(', ')}`);
  });
  const dateFormat = typeof options.dateFormat === 'string' ? options.dateFormat.toUpperCase() : undefined;
  const zone = typeof options.timezone === 'string' ? options.timezone : 'UTC';
  const slashed = dateFormat ? `slashed dates read ${dateFormat}` : 'slashed dates (02/05/2024) rejected unless dateFormat is DMY or MDY';
  lines.push('', `dates: without a zone read in ${zone}; ${slashed}`);
  return `${lines.join('\n')}\n`;
}

function roleOf(use: ColumnUse, mapping: ColumnMapping, options: Readonly<Record<string, unknown>>): string {
  switch (use.use) {
    case 'field': {
      const headers = mapping.fields.name?.headers ?? [];
      const joined = use.field === 'name' && headers.length > 1;
      return joined ? `name (joined: ${headers.map(quote).join(' + ')})` : use.field;
    }
    case 'tags': {
      const separator = typeof options.tagSeparator === 'string' ? quote(options.tagSeparator) : 'sniffed among , ; | and line breaks';
      return `tags (separator: ${separator})`;
    }
    case 'custom':
      return `custom attribute ${use.property} (${use.type})`;
    case 'ignored':
      return `ignored: ${use.why}`;
  }
}
