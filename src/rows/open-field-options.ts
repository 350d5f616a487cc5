/**
 * The options that feed a Contact's open fields (tags and custom attributes), and the parsing of their
 * command-line values. `--custom "Header"`, `--custom "Header=property"`, `--custom "Header=property:type"`.
 */
import { usageError } from '../errors.js';
import { ATTRIBUTE_TYPES, type AttributeType, textProblem } from '../fields/open-cells.js';

export { ATTRIBUTE_TYPES, type AttributeType } from '../fields/open-cells.js';

/** One `--custom` value: the column, the property it is sent as, and its type. */
export interface CustomColumnSpec {
  header: string;
  property: string;
  type: AttributeType;
}

/** `--tags add` (the default) adds a row's tags to the stored ones; `replace` makes them the whole list. */
export type TagsMode = 'add' | 'replace';

/** Everything that feeds tags and custom attributes; every part changes what a run sends. */
export interface OpenFieldOptions {
  /** `--custom` columns, in the order given. */
  custom: readonly CustomColumnSpec[];
  /** `--custom-rest`: every column nothing else reads becomes a string attribute named by its header. */
  customRest: boolean;
  /** `--tag NAME`: added to every imported row. */
  tags: readonly string[];
  /** `--tag-separator`; sniffed per cell among `,` `;` `|` and a line break when absent. */
  tagSeparator?: string;
  tagsMode: TagsMode;
}

export const NO_OPEN_FIELDS: OpenFieldOptions = { custom: [], customRest: false, tags: [], tagsMode: 'add' };

/** True when the options change nothing, so journals of runs without them stay comparable. */
export function isDefaultOpenFields(options: OpenFieldOptions): boolean {
  const { custom, customRest, tags, tagSeparator, tagsMode } = options;
  return custom.length === 0 && !customRest && tags.length === 0 && tagSeparator === undefined && tagsMode === 'add';
}

/** Parse one `--custom` value (see the module comment for its three forms). */
export function parseCustomOption(value: string): CustomColumnSpec {
  const at = value.indexOf('=');
  const header = at < 0 ? value : value.slice(0, at);
  let property = at < 0 ? value : value.slice(at + 1);
  let type: AttributeType = 'string';
  const colon = property.lastIndexOf(':');
  const suffix = colon < 0 ? '' : property.slice(colon + 1);
  if (at >= 0 && colon >= 0 && (ATTRIBUTE_TYPES as readonly string[]).includes(suffix.toLowerCase())) {
    type = suffix.toLowerCase() as AttributeType;
    property = property.slice(0, colon);
  }
  if (header.trim() === '' || property.trim() === '') {
    throw usageError(
      `--custom ${JSON.stringify(value)}: expected Header, Header=property or Header=property:type`,
      `types: ${ATTRIBUTE_TYPES.join(', ')}; for example --custom "Plan=plan" --custom "Seats=seats:number"`,
    );
  }
  return { header, property: property.trim(), type };
}

/** Parse every `--custom` value; a property named twice is refused, since one value would be lost. */
export function parseCustomOptions(values: readonly string[]): CustomColumnSpec[] {
  const specs = values.map(parseCustomOption);
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.property)) throw usageError(`--custom: property ${JSON.stringify(spec.property)} is given twice`);
    seen.add(spec.property);
  }
  return specs;
}

/** `--tag NAME` values, trimmed; an empty one, or one a tag cell would be rejected for, is a usage error. */
export function parseTagOptions(values: readonly string[]): string[] {
  const names = values.map((value) => value.trim());
  if (names.includes('')) throw usageError('--tag needs a non-empty tag name');
  for (const name of names) {
    const problem = textProblem('--tag', name);
    if (problem !== undefined) throw usageError(problem.message);
  }
  return [...new Set(names)];
}
