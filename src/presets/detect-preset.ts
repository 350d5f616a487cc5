/**
 * Which tool exported a file, from its header row: each preset's clues (case, spacing, `_` and `-`
 * ignored, order free) add up to a score; the best score at or above the threshold wins, and a tie
 * between two tools is no match (the generic aliases read the file, and `--preset` can force one).
 */
import { usageError } from '../errors.js';
import { normaliseHeader } from '../rows/column-aliases.js';
import { CRISP, FRESHDESK, HELPCRUNCH, INTERCOM, ZENDESK } from './definitions-support.js';
import { HUBSPOT, MAILCHIMP, PIPEDRIVE, SALESFORCE } from './definitions-crm.js';
import { DETECTION_THRESHOLD, type PresetDefinition } from './preset-types.js';

/** Every preset by its name, in the order `hc-import presets` lists them. */
export const PRESETS: Readonly<Record<string, PresetDefinition>> = Object.fromEntries(
  [HUBSPOT, ZENDESK, INTERCOM, FRESHDESK, MAILCHIMP, PIPEDRIVE, SALESFORCE, CRISP, HELPCRUNCH].map((preset) => [preset.name, preset]),
);

/** A detected preset, its score and the headers that gave it away. */
export interface DetectedPreset {
  preset: PresetDefinition;
  score: number;
  clues: string[];
}

/**
 * The preset whose fingerprint the headers match best, or null (no match above the threshold, or a tie).
 * `fileName` is taken for the mapping file's sake but decides nothing: a renamed export must detect the same.
 */
export function detectPreset(headers: readonly string[], _fileName?: string): DetectedPreset | null {
  const scored = Object.values(PRESETS)
    .map((preset) => scorePreset(preset, headers))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (best === undefined || best.score < DETECTION_THRESHOLD) return null;
  if (second !== undefined && second.score === best.score) return null;
  return best;
}

/** One preset's score against the headers. */
export function scorePreset(preset: PresetDefinition, headers: readonly string[]): DetectedPreset {
  const present = new Map(headers.map((header) => [normaliseHeader(header), header] as const));
  let score = 0;
  const clues: string[] = [];
  for (const signal of preset.fingerprint) {
    const hit = signal.headers.map((header) => present.get(normaliseHeader(header))).find((header) => header !== undefined);
    if (hit === undefined) continue;
    score += signal.weight;
    clues.push(hit);
  }
  const prefixed = preset.prefixSignal;
  if (prefixed) {
    const lower = prefixed.prefixes.map((prefix) => prefix.toLowerCase());
    const count = headers.filter((header) => lower.some((prefix) => header.toLowerCase().startsWith(prefix))).length;
    if (count >= (prefixed.atLeast ?? 3)) {
      score += prefixed.weight;
      clues.push(`${count} headers starting "${prefixed.prefixes[0] ?? ''}"`);
    }
  }
  return { preset, score, clues };
}

/** What `--preset NAME` (any case) names: the preset, null for `none`, undefined for no preset at all. */
export function lookupPreset(name: string): PresetDefinition | null | undefined {
  const wanted = name.trim().toLowerCase();
  return wanted === 'none' ? null : PRESETS[wanted];
}

/** `--preset NAME` (any case): the preset, null for `none`; a usage error naming the presets otherwise. */
export function presetByName(name: string): PresetDefinition | null {
  const preset = lookupPreset(name);
  if (preset !== undefined) return preset;
  throw usageError(`--preset ${JSON.stringify(name)}: no such preset`, `the presets are ${Object.keys(PRESETS).join(', ')}, or none`);
}
