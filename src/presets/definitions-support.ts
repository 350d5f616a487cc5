/**
 * Presets of support and chat tools: Zendesk, Intercom, Freshdesk, Crisp, and HelpCrunch itself (an
 * export of one account imported into another). Zendesk, Intercom and Freshdesk carry a native external
 * id; Crisp keeps it in a `data.` key. Sources: shared/other-tools-exports.md; Intercom's and Crisp's
 * export headers are not pinned there, so their presets accept the API and import vocabulary too.
 */
import { NOT_THE_WIDGET_ID as ID, type PresetDefinition } from './preset-types.js';

export const ZENDESK: PresetDefinition = {
  name: 'zendesk',
  title: 'Zendesk',
  export: 'end users as the bulk user CSV layout (name,email,external_id,…,tags) or a users export flattened to CSV',
  fingerprint: [
    { headers: ['restriction'], weight: 2 },
    { headers: ['shared_phone_number', 'organization_id'], weight: 2 },
    { headers: ['external_id'], weight: 1 },
    { headers: ['role'], weight: 1 },
    { headers: ['details'], weight: 1 },
  ],
  fields: {
    user_id: ['external_id'],
    name: ['name'],
    email: ['email'],
    phone: ['phone'],
    company: ['organization'],
    notes: ['notes'],
    first_seen: ['created_at'],
    last_seen: ['last_login_at'],
    locale: ['locale'],
    blocked: ['suspended'],
    tags: ['tags'],
  },
  refused: [
    { headers: ['id', 'url'], fields: ['user_id'], why: `Zendesk's own user id, ${ID}` },
    { headers: ['organization_id'], fields: ['user_id', 'company'], why: "Zendesk's organization id" },
  ],
  ignored: ['updated_at', 'role', 'restriction', 'verified', 'active', 'locale_id', 'shared_phone_number', 'alias'],
  tagSeparator: ' ',
  notes: [
    'external_id is the user id; tags are separated by spaces (Zendesk tags hold no spaces).',
    'created_at is first_seen, last_login_at last_seen (ISO 8601, UTC); suspended is blocked.',
  ],
};

export const INTERCOM: PresetDefinition = {
  name: 'intercom',
  title: 'Intercom',
  export: 'Contacts > Export (people list CSV), or a CSV written from the API (user_id/external_id)',
  fingerprint: [
    { headers: ['Web sessions', 'session_count'], weight: 2 },
    { headers: ['Unsubscribed from emails', 'unsubscribed_from_emails'], weight: 2 },
    { headers: ['First seen', 'Signed up', 'signed_up_at'], weight: 1 },
    { headers: ['Last seen', 'last_seen_at'], weight: 1 },
    { headers: ['Last heard from', 'Last contacted', 'Browser language'], weight: 1 },
  ],
  fields: {
    user_id: ['User ID', 'External ID', 'user_id', 'external_id'],
    name: ['Name', 'name'],
    email: ['Email', 'email'],
    phone: ['Phone', 'phone'],
    company: ['Company name', 'Company'],
    first_seen: ['Signed up', 'signed_up_at', 'First seen'],
    last_seen: ['Last seen', 'last_seen_at'],
    unsubscribed: ['Unsubscribed from emails', 'unsubscribed_from_emails'],
    tags: ['Tags', 'Tag'],
    locale: ['Browser language', 'Language override'],
  },
  refused: [
    { headers: ['id', 'Intercom ID', 'Intercom user ID', 'Contact ID'], fields: ['user_id'], why: `Intercom's own contact id, ${ID}` },
    { headers: ['Owner', 'Account owner', 'Assignee'], fields: ['user_id', 'email', 'name'], why: 'the teammate who owns the contact' },
    { headers: ['Company ID', 'Company IDs'], fields: ['user_id', 'company'], why: "the company's id, not the contact's" },
  ],
  ignored: ['Web sessions', 'session_count', 'Last heard from', 'Last contacted', 'Last opened email', 'updated_at'],
  notes: [
    '"User ID" (user_id/external_id) is the user id; Intercom\'s "id" never is.',
    'Signed up (else First seen) is first_seen, Last seen last_seen.',
  ],
};

export const FRESHDESK: PresetDefinition = {
  name: 'freshdesk',
  title: 'Freshdesk',
  export: 'Contacts > Export (the fields you tick)',
  fingerprint: [
    { headers: ['Unique external ID', 'Unique External Id'], weight: 3 },
    { headers: ['Can see all tickets from this company'], weight: 3 },
    { headers: ['Work phone', 'Mobile phone', 'Other phone numbers'], weight: 1 },
    { headers: ['Twitter', 'Background information', 'Time zone'], weight: 1 },
  ],
  fields: {
    user_id: ['Unique external ID', 'Unique External Id'],
    name: ['Full name', 'Full Name'],
    email: ['Email'],
    phone: ['Work phone', 'Work Phone', 'Mobile phone', 'Mobile Phone'],
    company: ['Company'],
    notes: ['About', 'Background information'],
    locale: ['Language'],
    tags: ['Tags'],
  },
  refused: [
    { headers: ['Contact ID', 'ID'], fields: ['user_id'], why: `Freshdesk's own contact id, ${ID}` },
    { headers: ['Agent', 'Owner'], fields: ['user_id', 'email', 'name'], why: 'an agent, not the contact' },
  ],
  ignored: ['Can see all tickets from this company', 'Time zone'],
  tagSeparator: ',',
  notes: ['"Unique external ID" is the user id; Language is written as a name ("Spanish") and read as its code.'],
};

export const CRISP: PresetDefinition = {
  name: 'crisp',
  title: 'Crisp',
  export: "Contacts > Export, or a file in Crisp's import vocabulary (email, nickname, data.<key>)",
  fingerprint: [
    { headers: ['people_id'], weight: 3 },
    { headers: ['person.nickname', 'nickname'], weight: 2 },
    { headers: ['segments'], weight: 1 },
    { headers: ['notepad'], weight: 1 },
  ],
  prefixSignal: { prefixes: ['data.'], weight: 2, atLeast: 1 },
  fields: {
    name: ['person.nickname', 'nickname', 'full_name'],
    first_name: ['first_name'],
    last_name: ['last_name'],
    email: ['email'],
    phone: ['person.phone', 'phone'],
    company: ['company.name', 'company'],
    notes: ['notepad'],
    first_seen: ['created_at'],
    tags: ['segments'],
  },
  strip: { prefixes: ['data.'] },
  refused: [{ headers: ['people_id'], fields: ['user_id'], why: `Crisp's own profile id, ${ID}` }],
  ignored: ['updated_at', 'active', 'score'],
  notes: [
    'No native user id: a data key such as data.user_id is the user id; other data.<key> columns become',
    'attributes named <key> under --custom-rest. Segments split on "|", "," (sniffed) ; created_at is first_seen.',
  ],
};

export const HELPCRUNCH: PresetDefinition = {
  name: 'helpcrunch',
  title: 'HelpCrunch',
  export: "a HelpCrunch customers file with the API's field names (userId, firstSeen, customData.<key>)",
  fingerprint: [
    { headers: ['id'], weight: 1 },
    { headers: ['userId'], weight: 1 },
    { headers: ['firstSeen', 'lastSeen'], weight: 1 },
  ],
  prefixSignal: { prefixes: ['customData.'], weight: 2, atLeast: 1 },
  fields: {
    user_id: ['userId'],
    name: ['name'],
    email: ['email'],
    phone: ['phone'],
    company: ['company'],
    notes: ['notes'],
    first_seen: ['firstSeen'],
    last_seen: ['lastSeen'],
    locale: ['locale'],
    unsubscribed: ['unsubscribed'],
    blocked: ['blocked'],
    tags: ['tags'],
  },
  strip: { prefixes: ['customData.'] },
  refused: [{ headers: ['id'], fields: ['user_id'], why: "the other account's internal customer id, not the site's user id" }],
  ignored: ['createdAt', 'updatedAt', 'status'],
  notes: ['userId is the user id; customData.<key> columns become attributes named <key> under --custom-rest.'],
};
