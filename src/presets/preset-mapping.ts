/**
 * What a preset makes of one file's headers (the {@link PresetMapping}, the shape a mapping file holds):
 *
 * 1. Each target takes the first of the preset's headers present that is not refused for it.
 * 2. With no native user id, a column whose header, once the preset's decoration is removed (`Person - `,
 *    `__c`, `data.`), is a user-id alias (User ID, External ID, Customer ID, …) is the user id.
 * 3. Other columns are read by the generic aliases, as without a preset; refused and bookkeeping
 *    columns never are.
 * 4. What is left becomes a custom-attribute candidate, named without the decoration.
 */
import { normaliseHeader, roleOfHeader } from '../rows/column-aliases.js';
import type { CustomCandidate, PresetDefinition, PresetMapping, PresetTarget, RefusedHeader } from './preset-types.js';

/** User-id spellings beyond the field table's (`user_id`, `external_id`, `customer_id`, …). */
const USER_ID_NAMES = new Set(
  [
    'userid',
    'externalid',
    'externaluserid',
    'customerid',
    'externalcustomerid',
    'clientid',
    // The same in the export languages the presets read (HubSpot and Pipedrive in DE/FR/ES).
    'Benutzer-ID',
    'Kunden-ID',
    'Externe ID',
    'ID utilisateur',
    'ID client',
    'ID externe',
    'ID de usuario',
    'ID de cliente',
    'ID externo',
  ].map(normaliseHeader),
);

/** The header without the preset's decoration: `Person - User ID` → `User ID`, `External_Id__c` → `External_Id`. */
export function stripDecoration(preset: PresetDefinition, header: string): string {
  let text = header.trim();
  for (const prefix of preset.strip?.prefixes ?? []) {
    if (text.toLowerCase().startsWith(prefix.toLowerCase())) text = text.slice(prefix.length);
  }
  for (const suffix of preset.strip?.suffixes ?? []) {
    if (text.toLowerCase().endsWith(suffix.toLowerCase())) text = text.slice(0, -suffix.length);
  }
  return text.trim();
}

/**
 * `Contact ID`: a user-id alias of the field table, but the name the tools give their own record id (HubSpot,
 * Freshdesk, Intercom, Salesforce reports; Mailchimp's `contact_id`). A preset never takes it for the user id by
 * its name, in any position: a file holding only that stops, and `--map user_id="Contact ID"` decides.
 */
const RECORD_ID_NAMES = new Set(['contactid']);

/** True when a header, undecorated, names a user id; never a record id's name (`Contact ID`). */
export function isUserIdHeader(preset: PresetDefinition, header: string): boolean {
  const bare = normaliseHeader(stripDecoration(preset, header));
  if (RECORD_ID_NAMES.has(bare) || RECORD_ID_NAMES.has(normaliseHeader(header))) return false;
  return roleOfHeader(bare) === 'user_id' || USER_ID_NAMES.has(bare);
}

/** Headers that look like they could hold a user id (they mention user, external or customer, and id). */
export function userIdCandidates(headers: readonly string[], refused: ReadonlySet<string>): string[] {
  return headers.filter(
    (header) => !refused.has(header) && /user|extern|customer|client/i.test(header) && /id\b|id_|id$|_id/i.test(header),
  );
}

/** Refused columns present in the file. */
export function findRefused(preset: PresetDefinition, headers: readonly string[]): RefusedHeader[] {
  const found: RefusedHeader[] = [];
  for (const header of headers) {
    const rule = preset.refused.find((entry) => entry.headers.some((name) => normaliseHeader(name) === normaliseHeader(header)));
    if (rule) found.push({ header, fields: rule.fields, why: rule.why });
  }
  return found;
}

/**
 * True when the input's own name (not a folder it lies in: `unsubscribed/subscribed_members_export.csv` is
 * the subscribed export) matches a preset's file-name rule. A path from any system: `/` and `\` both cut.
 */
export function fileNameMatches(rule: { pattern: RegExp }, fileName: string | undefined): boolean {
  return fileName !== undefined && rule.pattern.test(fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1));
}

/** Apply a preset to a file's headers (see the module comment); `fileName` feeds file-name rules (Mailchimp). */
export function presetMapping(preset: PresetDefinition, headers: readonly string[], fileName?: string): PresetMapping {
  const refused = findRefused(preset, headers);
  const refusedFor = (header: string, target: PresetTarget): boolean =>
    refused.some((entry) => entry.header === header && entry.fields.includes(target));
  const ignoredNames = new Set((preset.ignored ?? []).map(normaliseHeader));
  const ignored = headers.filter((header) => ignoredNames.has(normaliseHeader(header)) && !refused.some((r) => r.header === header));
  const used = new Set<string>();
  const map: PresetMapping['map'] = {};
  const take = (target: PresetTarget, header: string): void => {
    map[target] = header;
    used.add(header);
  };
  for (const [target, names] of Object.entries(preset.fields) as [PresetTarget, readonly string[]][]) {
    const wanted = names.map(normaliseHeader);
    const header = wanted
      .map((name) => headers.find((h) => normaliseHeader(h) === name && !used.has(h) && !refusedFor(h, target)))
      .find((h) => h !== undefined);
    if (header !== undefined) take(target, header);
  }
  let userIdFrom: string | null = null;
  const free = (header: string): boolean => !used.has(header) && !refused.some((r) => r.header === header) && !ignored.includes(header);
  if (map.user_id === undefined) {
    const header = headers.find((h) => free(h) && !h.startsWith('_') && isUserIdHeader(preset, h));
    if (header !== undefined) {
      take('user_id', header);
      userIdFrom = header;
    }
  }
  for (const header of headers) {
    if (!free(header) || header.startsWith('_')) continue;
    const role = roleOfHeader(header) ?? roleOfHeader(stripDecoration(preset, header));
    // The user id is step 2's alone: an alias it passed over (`Contact ID`) must not take it here.
    if (role === undefined || role === 'user_id' || map[role] !== undefined || refusedFor(header, role)) continue;
    if ((role === 'first_name' || role === 'last_name') && map.name !== undefined) continue;
    take(role, header);
  }
  if (map.name !== undefined) {
    // The halves of a name read whole: neither a field nor an attribute candidate.
    for (const part of ['first_name', 'last_name'] as const) {
      const header = map[part];
      if (header !== undefined) ignored.push(header);
      delete map[part];
    }
  }
  const constants: PresetMapping['constants'] = {};
  const rule = preset.fileName;
  if (rule && fileNameMatches(rule, fileName) && map[rule.field] === undefined) constants[rule.field] = rule.value;
  const custom: CustomCandidate[] = headers
    .filter((header) => free(header) && !header.startsWith('_') && header.trim() !== '')
    .map((header) => ({ header, property: stripDecoration(preset, header) || header }));
  return {
    preset: preset.name,
    map,
    tagSeparator: preset.tagSeparator ?? null,
    quotedTags: preset.quotedTags === true,
    dateFormat: preset.dateFormat ?? null,
    htmlEntities: [...(preset.htmlEntities ?? [])],
    constants,
    custom,
    refused,
    ignored,
    userIdFrom,
  };
}
