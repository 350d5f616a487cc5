/**
 * `hc-import presets` lists the presets and what each recognises; `hc-import presets NAME` shows one:
 * its clues, which headers feed each field, the columns it refuses and why, the cell formats and notes.
 */
import { lookupPreset, PRESETS, presetByName } from './detect-preset.js';
import { DETECTION_THRESHOLD, type PresetDefinition } from './preset-types.js';

const quote = (text: string): string => JSON.stringify(text);

/** The text `hc-import presets [NAME]` prints on stdout. */
export function describePresets(name?: string): string {
  if (name !== undefined) {
    const preset = presetByName(name);
    return preset === null ? 'none: no preset, the generic header aliases only\n' : describePreset(preset);
  }
  const lines = Object.values(PRESETS).map((preset) => `  ${preset.name.padEnd(11)} ${preset.title}: ${preset.export}`);
  return [
    'Presets (detected from the header row; --preset NAME forces one, --preset none turns detection off):',
    ...lines,
    '',
    'hc-import presets NAME shows what one recognises.',
    '',
  ].join('\n');
}

function describePreset(preset: PresetDefinition): string {
  const title = `${preset.name}: ${preset.title} — ${preset.export}`;
  const lines = [title, '', `Detected when these add up to ${DETECTION_THRESHOLD} or more:`];
  for (const signal of preset.fingerprint) lines.push(`  +${signal.weight}  any of ${signal.headers.map(quote).join(', ')}`);
  if (preset.prefixSignal) {
    const { prefixes, weight, atLeast = 3 } = preset.prefixSignal;
    lines.push(`  +${weight}  ${atLeast}+ headers starting ${prefixes.map(quote).join(' or ')}`);
  }
  lines.push('', 'Fields (the first header present wins):');
  for (const [target, headers] of Object.entries(preset.fields)) lines.push(`  ${target.padEnd(12)} ${headers.map(quote).join(', ')}`);
  const decoration = [
    ...(preset.strip?.prefixes ?? []).map((p) => `prefix ${quote(p)}`),
    ...(preset.strip?.suffixes ?? []).map((s) => `suffix ${quote(s)}`),
  ];
  const without = decoration.length > 0 ? ` once ${decoration.join(' and ')} is removed` : '';
  lines.push(`  user_id      also any header that is a user-id alias (User ID, External ID, Customer ID…)${without}`);
  lines.push('', 'Refused (never read by a field on their own; --map still can, with a warning):');
  for (const rule of preset.refused) lines.push(`  ${rule.headers.map(quote).join(', ')}: ${rule.why} (never ${rule.fields.join(', ')})`);
  const formats = [
    preset.tagSeparator === undefined
      ? undefined
      : `tags split on ${quote(preset.tagSeparator)}${preset.quotedTags ? ', quotes removed' : ''}`,
    preset.htmlEntities ? `HTML entities decoded in ${preset.htmlEntities.join(', ')}` : undefined,
    preset.dateFormat ? `slashed dates read ${preset.dateFormat}` : undefined,
    preset.fileName
      ? `a file name matching ${String(preset.fileName.pattern)}: ${preset.fileName.field}=${preset.fileName.value} on every row`
      : undefined,
  ].filter((line) => line !== undefined);
  if (formats.length > 0) lines.push('', 'Cells:', ...formats.map((line) => `  ${line}`));
  lines.push('', 'Notes:', ...preset.notes.map((line) => `  ${line}`), '');
  return lines.join('\n');
}

/** True for a preset's name or `none`, in any case: what `--preset` accepts. */
export function isPresetChoice(name: string): boolean {
  return lookupPreset(name) !== undefined;
}
