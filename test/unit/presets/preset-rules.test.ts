/**
 * The preset rules on small header lists: detection is case- and order-free and refuses ties, a
 * decorated user-id header is found, a trap is never taken for user_id even when it is the only id-like
 * column, the cell formats (HTML entities, quoted tag lists, appended file-name values) rewrite only
 * what the validator reads, and `mapColumns` keeps an excluded column away from every alias.
 */
import { describe, expect, it } from 'vitest';
import { createRowValidator } from '../../../src/rows/validate-row.js';
import { mapColumns } from '../../../src/rows/map-columns.js';
import {
  applyPreset,
  applyPresetMapping,
  cellRewriteFor,
  decodeHtmlEntities,
  detectPreset,
  PRESETS,
  presetMapping,
  unquoteTagList,
  withCellRewrite,
  type PresetDefinition,
} from '../../../src/presets/index.js';
import { NO_OPEN_FIELDS } from '../../../src/rows/open-field-options.js';

const preset = (name: string): PresetDefinition => PRESETS[name] as PresetDefinition;

describe('detection', () => {
  it('ignores case, spacing and order', () => {
    expect(detectPreset(['EMAIL', 'record id', 'LIFECYCLE STAGE', 'first name'])?.preset.name).toBe('hubspot');
    expect(detectPreset(['euid', 'Email Address', 'leid'])?.preset.name).toBe('mailchimp');
  });

  it('needs the threshold: one weak clue is no preset', () => {
    expect(detectPreset(['Email', 'Contact owner', 'User ID'])).toBeNull();
    expect(detectPreset(['email', 'external_id', 'name'])).toBeNull();
  });

  it('a tie between two tools is no preset', () => {
    // HubSpot's Record ID (3) against Salesforce's MasterRecordId (3).
    expect(detectPreset(['Record ID', 'MasterRecordId', 'Email'])).toBeNull();
  });
});

describe('the user id', () => {
  it('is found behind the decoration of each tool, and the mapping says where it came from', () => {
    expect(presetMapping(preset('salesforce'), ['Id', 'Email', 'LastName', 'User_ID__c']).map.user_id).toBe('User_ID__c');
    expect(presetMapping(preset('crisp'), ['people_id', 'email', 'data.external_id']).userIdFrom).toBe('data.external_id');
    expect(presetMapping(preset('pipedrive'), ['Person - ID', 'Person - Name', 'Person - customer id']).map.user_id).toBe(
      'Person - customer id',
    );
  });

  it('is never a record id, even when that is the only id column, nor the email', () => {
    const result = presetMapping(preset('salesforce'), ['Contact ID', 'First Name', 'Last Name', 'Email', 'Contact Owner']);
    expect(result.map.user_id).toBeUndefined();
    expect(presetMapping(preset('hubspot'), ['Contact ID', 'Email', 'First Name']).map.user_id).toBeUndefined();
  });

  it('is a user-id column, never "Contact ID" (the name the tools give their own record id), whatever the order', () => {
    expect(presetMapping(preset('mailchimp'), ['Email Address', 'Contact ID', 'User ID', 'LEID', 'EUID']).map.user_id).toBe('User ID');
    const pipedrive = ['Person - ID', 'Person - Contact ID', 'Person - Name', 'Person - User ID'];
    expect(presetMapping(preset('pipedrive'), pipedrive).map.user_id).toBe('Person - User ID');
    expect(presetMapping(preset('crisp'), ['people_id', 'email', 'data.contact_id', 'data.user_id']).map.user_id).toBe('data.user_id');
    expect(presetMapping(preset('zendesk'), ['Contact ID', 'User ID', 'name', 'email', 'restriction']).map.user_id).toBe('User ID');
    // Alone it is no user id either: the run stops and --map user_id="Contact ID" decides.
    expect(presetMapping(preset('mailchimp'), ['Email Address', 'Contact ID', 'LEID', 'EUID']).map.user_id).toBeUndefined();
    expect(presetMapping(preset('pipedrive'), ['Person - ID', 'Person - Name', 'Person - Contact ID']).map.user_id).toBeUndefined();
  });

  it("Salesforce's last activity (a rep's logged task or event) is no last_seen, by API name or report label", () => {
    const report = ['Contact ID', 'First Name', 'Last Name', 'Email', 'Last Activity', 'Created Date', 'External ID'];
    expect(presetMapping(preset('salesforce'), report).map.last_seen).toBeUndefined();
    expect(
      presetMapping(preset('salesforce'), ['Id', 'LastName', 'Email', 'LastActivityDate', 'External_Id__c']).map.last_seen,
    ).toBeUndefined();
  });

  it('a preset file without one stops with the candidates; --map user_id names it', () => {
    const headers = ['Person - ID', 'Person - Name', 'Person - Email', 'Person - Owner', 'Person - Shop customer ID'];
    const input = { headers, map: {}, open: NO_OPEN_FIELDS };
    expect(() => applyPreset({ ...input, headers: headers.slice(0, 4) })).toThrow(/no column for user_id in this Pipedrive export/);
    expect(applyPreset({ ...input, map: { user_id: 'Person - Email' } }).map.user_id).toBe('Person - Email');
  });

  it('--map onto a trap is obeyed with a warning', () => {
    const applied = applyPreset({
      headers: ['LEID', 'EUID', 'Email Address', 'First Name'],
      map: { user_id: 'LEID' },
      open: NO_OPEN_FIELDS,
    });
    expect(applied.map.user_id).toBe('LEID');
    expect(applied.warnings[0]?.message).toContain("Mailchimp's own member id");
  });
});

describe('cell formats', () => {
  it('decodes the HTML entities HubSpot leaves in names, and leaves unknown ones', () => {
    expect(decodeHtmlEntities('Smith &amp; Sons &lt;UK&gt; &#39;a&#x27; &bogus; &#0;')).toBe("Smith & Sons <UK> 'a' &bogus; \uFFFD"); // &#0; as a browser reads it
    // Only entities ended by `;`: a legacy form without it is text (a browser would read `&copy` as ©).
    expect(decodeHtmlEntities('Jones&copywriters, Smith&amp Co, R&eacutesum&eacute;')).toBe(
      'Jones&copywriters, Smith&amp Co, R&eacutesumé',
    );
  });

  it("removes the quotes of Mailchimp's tag list", () => {
    expect(unquoteTagList('"vip","newsletter"', ',')).toBe('vip\nnewsletter');
    expect(unquoteTagList('vip, denver', ',')).toBe('vip\ndenver');
  });

  it("Mailchimp's quoted tags arrive whole: a comma or a doubled quote inside the quotes is part of the tag", () => {
    const headers = ['Email Address', 'First Name', 'Last Name', 'User ID', 'LEID', 'EUID', 'TAGS'];
    const tagsOf = (cell: string, open = NO_OPEN_FIELDS) => {
      const applied = applyPreset({ headers, map: {}, open });
      const mapping = mapColumns(applied.headers, applied.map, applied.open, applied.excluded);
      const validate = withCellRewrite(
        createRowValidator({ mapping, blanks: 'keep', open: applied.open }),
        cellRewriteFor(applied, mapping),
        headers.length,
      );
      const verdict = validate({ line: 2, cells: ['a@example.com', 'A', 'B', 'u-1', '1', 'e', cell] });
      return verdict.ok ? verdict.row.contact.tags : verdict.reject;
    };
    expect(tagsOf('"Smith, Jones","vip"')).toEqual({ add: ['Smith, Jones', 'vip'] });
    expect(tagsOf('"say ""hi""", "vip"')).toEqual({ add: ['say "hi"', 'vip'] });
    expect(tagsOf('vip, denver')).toEqual({ add: ['vip', 'denver'] });
    // --tag-separator beats the preset: the list is read on it, quotes still kept whole.
    expect(tagsOf('"a;b";"c"', { ...NO_OPEN_FIELDS, tagSeparator: ';' })).toEqual({ add: ['a;b', 'c'] });
  });

  it("the validator reads the rewritten cells; the row and the reject keep the file's", () => {
    const headers = ['Record ID', 'First Name', 'Last Name', 'Email', 'User ID', 'Lifecycle Stage'];
    const applied = applyPreset({ headers, map: {}, open: NO_OPEN_FIELDS });
    const mapping = mapColumns(applied.headers, applied.map, applied.open, applied.excluded);
    const validate = withCellRewrite(
      createRowValidator({ mapping, blanks: 'keep' }),
      { htmlColumns: mapping.fields.name.indexes, appended: [] },
      headers.length,
    );
    const cells = ['1', 'Tom &amp;', 'Jerry', 'tj@example.com', 'u-1', 'lead'];
    const verdict = validate({ line: 2, cells });
    expect(verdict.ok && verdict.row.contact.name).toBe('Tom & Jerry');
    expect(verdict.ok && verdict.row.cells).toEqual(cells);
    const bad = validate({ line: 3, cells: ['2', 'A &amp;', 'B', 'nope', 'u-2', 'lead'] });
    expect(!bad.ok && bad.reject.cells[1]).toBe('A &amp;');
  });
});

describe('mapColumns with a preset', () => {
  it('an excluded column is read by no alias, keeps its note, and --custom-rest leaves it out', () => {
    const headers = ['Contact ID', 'name', 'email', 'Plan'];
    const mapping = mapColumns(headers, { user_id: 'Plan' }, { custom: [], customRest: true }, new Map([[0, 'refused']]));
    expect(mapping.fields.user_id.headers).toEqual(['Plan']);
    expect(mapping.unmapped).toEqual([{ index: 0, header: 'Contact ID', note: 'refused' }]);
    expect(mapping.custom).toEqual([]);
  });

  it('a preset can name the halves of a name', () => {
    const mapping = mapColumns(['id', 'Vorname', 'Nachname', 'mail'], { user_id: 'id', first_name: 'Vorname', last_name: 'Nachname' });
    expect(mapping.fields.name.headers).toEqual(['Vorname', 'Nachname']);
  });
});

describe('a saved mapping', () => {
  it('a PresetMapping through JSON and applyPresetMapping maps a file exactly as the detected preset', () => {
    const headers = [
      'Person - ID',
      'Person - Name',
      'Person - First name',
      'Person - Email - Work',
      'Person - Owner',
      'Person - User ID',
      'Person - Plan',
    ];
    const input = { headers, fileName: 'people.csv', map: {}, open: { ...NO_OPEN_FIELDS, customRest: true } };
    const detected = applyPreset(input);
    const saved = JSON.parse(JSON.stringify(detected.result));
    const replayed = applyPresetMapping(saved, input);
    const map = (applied: typeof detected) => mapColumns(applied.headers, applied.map, applied.open, applied.excluded);
    expect(map(replayed)).toEqual(map(detected));
    expect(replayed.name).toBe('pipedrive');
    expect(map(detected).custom.map((column) => column.header)).toEqual(['Person - Plan']);
  });
});

describe('a value from the file name', () => {
  const headers = ['Email Address', 'First Name', 'Last Name', 'User ID', 'LEID', 'EUID', 'Opted out at'];
  const fileName = 'unsubscribed_members_export_1a2b3c.csv';

  it('yields to --map for its field, as every preset mapping does', () => {
    const applied = applyPreset({ headers, fileName, map: { unsubscribed: 'Opted out at' }, open: NO_OPEN_FIELDS });
    const mapping = mapColumns(applied.headers, applied.map, applied.open, applied.excluded);
    expect(mapping.fields.unsubscribed?.headers).toEqual(['Opted out at']);
  });
});

describe('a file-name rule', () => {
  it('reads the file name, not the folders it lies in', () => {
    const headers = ['Email Address', 'First Name', 'Last Name', 'User ID', 'LEID', 'EUID'];
    const subscribed = presetMapping(preset('mailchimp'), headers, 'mailchimp/unsubscribed-cleanup/subscribed_members_export_1a2b3c.csv');
    expect(subscribed.constants).toEqual({});
    const applied = applyPresetMapping(subscribed, {
      headers,
      fileName: 'C:\\exports\\unsubscribed\\subscribed_members_export_1a2b3c.csv',
      map: {},
      open: NO_OPEN_FIELDS,
    });
    expect(applied.map.unsubscribed).toBeUndefined();
    expect(presetMapping(preset('mailchimp'), headers, 'exports/unsubscribed_members_export_1a2b3c.csv').constants).toEqual({
      unsubscribed: 'true',
    });
  });
});
