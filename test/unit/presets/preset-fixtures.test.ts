/**
 * Every preset against its fixture (fixtures/presets/, a realistic export with a missing id, a bad email,
 * a duplicate, an owner and a record-id column): it is detected, each field comes from the expected
 * column, and no identity trap feeds user_id, email or name, whatever the header language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { detectPreset, PRESETS, presetMapping } from '../../../src/presets/index.js';

const DIR = join(import.meta.dirname, '../../../fixtures/presets');
const headersOf = (file: string): string[] => (parse(readFileSync(join(DIR, file)), { to_line: 1, bom: true }) as string[][])[0] ?? [];

interface Case {
  file: string;
  preset: string;
  map: Record<string, string>;
  traps: string[];
}

const CASES: Case[] = [
  {
    file: 'hubspot.csv',
    preset: 'hubspot',
    map: {
      user_id: 'User ID',
      first_name: 'First Name',
      last_name: 'Last Name',
      email: 'Email',
      company: 'Company Name',
      first_seen: 'Create Date',
      tags: 'Tags',
      notes: 'Notes',
      unsubscribed: 'Unsubscribed from all email',
      locale: 'Preferred language',
    },
    traps: ['Record ID', 'Contact owner', 'Associated Company', 'Associated Company IDs'],
  },
  {
    file: 'hubspot-de.csv',
    preset: 'hubspot',
    map: {
      user_id: 'User ID',
      first_name: 'Vorname',
      last_name: 'Nachname',
      email: 'E-Mail',
      company: 'Name des Unternehmens',
      first_seen: 'Erstellungsdatum',
    },
    traps: ['Datensatz-ID', 'Kontaktinhaber'],
  },
  {
    file: 'hubspot-fr.csv',
    preset: 'hubspot',
    map: { user_id: 'ID utilisateur', first_name: 'Prénom', last_name: 'Nom', email: 'E-mail', first_seen: 'Date de création' },
    traps: ["ID de fiche d'informations", 'Propriétaire du contact'],
  },
  {
    file: 'hubspot-es.csv',
    preset: 'hubspot',
    map: { user_id: 'Customer ID', first_name: 'Nombre', last_name: 'Apellidos', email: 'Correo', first_seen: 'Fecha de creación' },
    traps: ['ID de registro', 'Propietario del contacto'],
  },
  {
    file: 'pipedrive.csv',
    preset: 'pipedrive',
    map: {
      user_id: 'Person - User ID',
      name: 'Person - Name',
      email: 'Person - Email - Work',
      phone: 'Person - Phone - Work',
      company: 'Person - Organization',
      notes: 'Person - Notes',
      first_seen: 'Person - Person created',
      tags: 'Person - Labels',
    },
    traps: ['Person - ID', 'Person - Owner', 'Organization - ID'],
  },
  {
    file: 'pipedrive-fr.csv',
    preset: 'pipedrive',
    map: {
      user_id: 'Personne - Customer ID',
      name: 'Personne - Nom',
      email: 'Personne - E-mail - Travail',
      company: 'Personne - Organisation',
      tags: 'Personne - Étiquettes',
      first_seen: 'Personne - Personne créée',
    },
    traps: ['Personne - ID', 'Personne - Propriétaire'],
  },
  {
    file: 'pipedrive-de.csv',
    preset: 'pipedrive',
    map: {
      user_id: 'Person - External ID',
      name: 'Person - Name',
      email: 'Person - E-Mail-Adresse - Büro',
      company: 'Person - Organisation',
      first_seen: 'Person - Person erstellt',
    },
    traps: ['Person - ID', 'Person - Besitzer', 'Organisation - ID'],
  },
  {
    file: 'salesforce.csv',
    preset: 'salesforce',
    map: {
      user_id: 'External_Id__c',
      first_name: 'FirstName',
      last_name: 'LastName',
      email: 'Email',
      phone: 'Phone',
      notes: 'Description',
      first_seen: 'CreatedDate',
      unsubscribed: 'HasOptedOutOfEmail',
    },
    traps: ['Id', 'MasterRecordId', 'AccountId', 'OwnerId', 'CreatedById', 'AssistantName'],
  },
  {
    file: 'salesforce-report.csv',
    preset: 'salesforce',
    map: {
      user_id: 'Customer ID',
      first_name: 'First Name',
      last_name: 'Last Name',
      email: 'Email',
      company: 'Account Name',
      first_seen: 'Created Date',
      unsubscribed: 'Email Opt Out',
    },
    traps: ['Contact ID', 'Contact Owner'],
  },
  {
    file: 'subscribed_members_export_1a2b3c.csv',
    preset: 'mailchimp',
    map: {
      user_id: 'User ID',
      email: 'Email Address',
      first_name: 'First Name',
      last_name: 'Last Name',
      company: 'Company',
      notes: 'NOTES',
      first_seen: 'OPTIN_TIME',
      tags: 'TAGS',
    },
    traps: ['LEID', 'EUID'],
  },
  {
    file: 'zendesk.csv',
    preset: 'zendesk',
    map: {
      user_id: 'external_id',
      name: 'name',
      email: 'email',
      company: 'organization',
      notes: 'notes',
      first_seen: 'created_at',
      last_seen: 'last_login_at',
      tags: 'tags',
      blocked: 'suspended',
      locale: 'locale',
    },
    traps: ['id', 'url', 'organization_id'],
  },
  {
    file: 'intercom.csv',
    preset: 'intercom',
    map: {
      user_id: 'User ID',
      name: 'Name',
      email: 'Email',
      first_seen: 'Signed up',
      last_seen: 'Last seen',
      unsubscribed: 'Unsubscribed from emails',
      tags: 'Tags',
    },
    traps: ['id', 'Owner'],
  },
  {
    file: 'freshdesk.csv',
    preset: 'freshdesk',
    map: {
      user_id: 'Unique external ID',
      name: 'Full name',
      email: 'Email',
      phone: 'Work phone',
      company: 'Company',
      notes: 'About',
      locale: 'Language',
      tags: 'Tags',
    },
    traps: [],
  },
  {
    file: 'crisp.csv',
    preset: 'crisp',
    map: {
      user_id: 'data.user_id',
      name: 'person.nickname',
      email: 'email',
      phone: 'person.phone',
      company: 'company.name',
      notes: 'notepad',
      first_seen: 'created_at',
      tags: 'segments',
    },
    traps: ['people_id'],
  },
  {
    file: 'helpcrunch.csv',
    preset: 'helpcrunch',
    map: {
      user_id: 'userId',
      name: 'name',
      email: 'email',
      first_seen: 'firstSeen',
      last_seen: 'lastSeen',
      unsubscribed: 'unsubscribed',
      blocked: 'blocked',
    },
    traps: ['id'],
  },
];

describe('presets on their fixtures', () => {
  it.each(CASES)('$file is detected as $preset and mapped as the preset defines', ({ file, preset, map }) => {
    const headers = headersOf(file);
    expect(detectPreset(headers, file)?.preset.name).toBe(preset);
    const result = presetMapping(PRESETS[preset] as NonNullable<(typeof PRESETS)[string]>, headers, file);
    expect(result.map).toMatchObject(map);
  });

  it.each(CASES)('$file: no identity trap feeds user_id, email or name', ({ file, preset, traps }) => {
    const headers = headersOf(file);
    const result = presetMapping(PRESETS[preset] as NonNullable<(typeof PRESETS)[string]>, headers, file);
    const identity = [result.map.user_id, result.map.email, result.map.name, result.map.first_name, result.map.last_name];
    for (const trap of traps) expect(identity).not.toContain(trap);
    expect(result.refused.map((entry) => entry.header)).toEqual(expect.arrayContaining(traps));
    for (const trap of traps) expect(result.custom.map((c) => c.header)).not.toContain(trap);
  });

  it('every preset has a fixture', () => {
    expect(new Set(CASES.map((c) => c.preset))).toEqual(new Set(Object.keys(PRESETS)));
  });

  it('the generic sample and a plain file match no preset', () => {
    expect(detectPreset(headersOf('../contacts.csv'))).toBeNull();
    expect(detectPreset(['user_id', 'name', 'email', 'first_seen', 'last_seen', 'tags', 'notes', 'unsubscribed'])).toBeNull();
    expect(detectPreset(['id', 'name', 'email'])).toBeNull();
  });

  it("Mailchimp's unsubscribed export marks every row unsubscribed; the subscribed one does not", () => {
    const mailchimp = PRESETS.mailchimp as NonNullable<(typeof PRESETS)[string]>;
    const unsub = 'unsubscribed_members_export_1a2b3c.csv';
    expect(presetMapping(mailchimp, headersOf(unsub), unsub).constants).toEqual({ unsubscribed: 'true' });
    const sub = 'subscribed_members_export_1a2b3c.csv';
    expect(presetMapping(mailchimp, headersOf(sub), sub).constants).toEqual({});
  });

  it('custom candidates are named without the decoration and leave out bookkeeping', () => {
    const pipedrive = presetMapping(PRESETS.pipedrive as NonNullable<(typeof PRESETS)[string]>, headersOf('pipedrive.csv'));
    expect(pipedrive.custom).toContainEqual({ header: 'Person - Plan', property: 'Plan' });
    expect(pipedrive.custom.map((c) => c.header)).not.toContain('Person - Update time');
    // The halves of a name read whole are neither a field nor a candidate.
    expect(pipedrive.custom.map((c) => c.header)).not.toContain('Person - First name');
    const salesforce = presetMapping(PRESETS.salesforce as NonNullable<(typeof PRESETS)[string]>, headersOf('salesforce.csv'));
    expect(salesforce.custom).toContainEqual({ header: 'C_mara__c', property: 'C_mara' });
    expect(salesforce.userIdFrom).toBe('External_Id__c');
  });
});
