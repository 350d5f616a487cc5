/**
 * Presets: named mapping recipes for other tools' exports (HubSpot, Zendesk, Intercom, Freshdesk,
 * Mailchimp, Pipedrive, Salesforce, Crisp, HelpCrunch). The API the mapping file builds on:
 *
 * - `PRESETS`: name → {@link PresetDefinition}.
 * - `detectPreset(headers, fileName?)` → `{ preset, score, clues } | null`.
 * - `presetMapping(preset, headers, fileName?)` → {@link PresetMapping}: `map` (field → header, the
 *   `--map` overrides the preset stands for, `first_name`/`last_name` for a joined name), `tagSeparator`,
 *   `quotedTags`, `dateFormat`, `htmlEntities`, `constants`, `custom` candidates, `refused` identity
 *   columns, `ignored` bookkeeping columns, `userIdFrom`. Plain JSON: a mapping file can hold it.
 * - `applyPresetMapping(mapping, { headers, fileName?, map, open })` → {@link AppliedPreset}: what a run
 *   does with a PresetMapping, detected or read from a file — so a run with `--config FILE --preset none`
 *   maps the file exactly as the detected preset did. run-import.ts shows the use: `mapColumns(applied.headers,
 *   applied.map, applied.open, applied.excluded)`, then `withCellRewrite(validator, cellRewriteFor(applied,
 *   mapping), headers.length)`, and `applied.name` for summary.json and the journal.
 */
export { applyPreset, applyPresetMapping, FROM_FILE_NAME, type AppliedPreset, type PresetInput } from './apply-preset.js';
export { detectPreset, presetByName, PRESETS, scorePreset, type DetectedPreset } from './detect-preset.js';
export { decodeHtmlEntities, rewriteCells, unquoteTagList, withCellRewrite, type CellRewrite } from './preset-cells.js';
export { findRefused, isUserIdHeader, presetMapping, stripDecoration, userIdCandidates } from './preset-mapping.js';
export { cellRewriteFor, presetLines, renameCustomColumns } from './preset-run.js';
export type { CustomCandidate, PresetDefinition, PresetMapping, PresetTarget, RefusedColumn, RefusedHeader } from './preset-types.js';
