/**
 * Presets of CRM and mailing tools: HubSpot, Pipedrive, Salesforce, Mailchimp. None of them has a native
 * user id: customers keep it in a custom property, which the preset finds by its name (see
 * `preset-mapping.ts`). Sources: shared/other-tools-exports.md; localized headers beyond the ones seen
 * there (HubSpot DE/FR, Pipedrive FR/DE labels) are inferred from the tools' translations.
 */
import { NOT_THE_WIDGET_ID as ID, type PresetDefinition } from './preset-types.js';

export const HUBSPOT: PresetDefinition = {
  name: 'hubspot',
  title: 'HubSpot',
  export: 'Contacts > Export (all properties or a view), in English, German, French or Spanish',
  fingerprint: [
    { headers: ['Record ID', 'Datensatz-ID', "ID de fiche d'informations", 'ID de registro'], weight: 3 },
    { headers: ['Contact owner', 'Kontaktinhaber', 'Propriétaire du contact', 'Propietario del contacto'], weight: 1 },
    { headers: ['Lifecycle Stage', 'Lebenszyklusphase', 'Phase du cycle de vie', 'Etapa del ciclo de vida'], weight: 2 },
    { headers: ['Lead Status', 'Lead-Status', 'Statut du lead', 'Estado del lead'], weight: 1 },
    { headers: ['Associated Company', 'Primary Associated Company ID', 'Associated Company IDs'], weight: 1 },
    { headers: ['Marketing contact status', 'Last Activity Date'], weight: 1 },
  ],
  fields: {
    first_name: ['First Name', 'Vorname', 'Prénom', 'Nombre'],
    last_name: ['Last Name', 'Nachname', 'Nom', 'Apellidos'],
    email: ['Email', 'E-Mail', 'E-mail', 'Correo', 'Correo electrónico'],
    phone: ['Phone Number', 'Telefonnummer', 'Numéro de téléphone', 'Número de teléfono', 'Mobile Phone Number'],
    company: ['Company Name', 'Name des Unternehmens', "Nom de l'entreprise", 'Nombre de la empresa'],
    first_seen: ['Create Date', 'Erstellungsdatum', 'Date de création', 'Fecha de creación'],
    locale: ['Preferred language', 'Bevorzugte Sprache', 'Langue préférée', 'Idioma preferido'],
    unsubscribed: ['Unsubscribed from all email'],
  },
  refused: [
    {
      headers: ['Record ID', 'Datensatz-ID', "ID de fiche d'informations", 'ID de registro', 'Contact ID'],
      fields: ['user_id'],
      why: `HubSpot's own record id, ${ID}`,
    },
    {
      headers: [
        'Contact owner',
        'Kontaktinhaber',
        'Propriétaire du contact',
        'Propietario del contacto',
        'HubSpot Owner',
        'Created by user ID',
      ],
      fields: ['user_id', 'email', 'name', 'first_name', 'last_name'],
      why: 'the HubSpot user who owns the contact, not the contact',
    },
    {
      headers: ['Associated Company', 'Associated Company IDs', 'Primary Associated Company ID'],
      fields: ['user_id', 'email', 'name', 'company'],
      why: 'an associated company record (its name or HubSpot ids), not the contact',
    },
  ],
  ignored: ['Last Modified Date', 'Last Activity Date'],
  tagSeparator: ';',
  htmlEntities: ['name', 'first_name', 'last_name', 'company'],
  notes: [
    'No native user id: export the custom property that holds it (e.g. "User ID"), or name it with --map user_id=…',
    'Create Date ("2020-01-10 10:00") is in the account time zone: pass --timezone (e.g. Europe/Berlin).',
    'Names holding &amp; &lt; … are decoded; multi-checkbox values ("a; b") split on ";".',
  ],
};

export const PIPEDRIVE: PresetDefinition = {
  name: 'pipedrive',
  title: 'Pipedrive',
  export: 'People > Export (CSV), in English, French or German',
  fingerprint: [
    { headers: ['Person - ID', 'Personne - ID'], weight: 2 },
    { headers: ['Person - Owner', 'Personne - Propriétaire', 'Person - Besitzer'], weight: 1 },
    { headers: ['Person - Person created', 'Personne - Personne créée', 'Person - Person erstellt'], weight: 1 },
  ],
  prefixSignal: { prefixes: ['Person - ', 'Personne - '], weight: 3 },
  fields: {
    name: ['Person - Name', 'Personne - Nom'],
    first_name: ['Person - First name', 'Personne - Prénom', 'Person - Vorname'],
    last_name: ['Person - Last name', 'Personne - Nom de famille', 'Person - Nachname'],
    email: [
      'Person - Email - Work',
      'Person - Email',
      'Person - Email - Home',
      'Person - Email - Other',
      'Personne - E-mail - Travail',
      'Personne - E-mail',
      'Personne - E-mail - Domicile',
      'Personne - E-mail - Autre',
      'Person - E-Mail-Adresse - Büro',
      'Person - E-Mail-Adresse',
    ],
    phone: [
      'Person - Phone - Work',
      'Person - Phone - Mobile',
      'Person - Phone',
      'Personne - Téléphone - Travail',
      'Personne - Téléphone - Mobile',
      'Personne - Téléphone',
      'Person - Telefon - Büro',
      'Person - Telefon',
    ],
    company: ['Person - Organization', 'Personne - Organisation', 'Person - Organisation'],
    notes: ['Person - Notes', 'Personne - Notes', 'Person - Notizen'],
    first_seen: ['Person - Person created', 'Personne - Personne créée', 'Person - Person erstellt'],
    tags: ['Person - Labels', 'Person - Label(s)', 'Person - Label', 'Personne - Étiquettes', 'Personne - Étiquette'],
  },
  strip: { prefixes: ['Person - ', 'Personne - '] },
  refused: [
    { headers: ['Person - ID', 'Personne - ID'], fields: ['user_id'], why: `Pipedrive's own person id, ${ID}` },
    { headers: ['Organization - ID', 'Organisation - ID'], fields: ['user_id', 'company'], why: "Pipedrive's organization id" },
    {
      headers: ['Person - Owner', 'Personne - Propriétaire', 'Person - Besitzer', 'Organization - Owner', 'Organisation - Owner'],
      fields: ['user_id', 'email', 'name', 'first_name', 'last_name'],
      why: 'the Pipedrive user who owns the person, not the person',
    },
    {
      headers: ['Person - Organization', 'Personne - Organisation', 'Person - Organisation', 'Organization - Name'],
      fields: ['user_id', 'email', 'name'],
      why: "the person's organization: company only",
    },
  ],
  ignored: ['Person - Update time', 'Personne - Heure de mise à jour', 'Person - Aktualisierungszeit', 'Person - Visible to'],
  tagSeparator: ',',
  notes: [
    'No native user id: a custom field such as "Person - User ID" is found by its name, or use --map user_id=…',
    '"Person - Person created" is the first_seen date; "Update time" is a modification date and is not imported.',
    'Labels split on ","; custom fields "Person - <name>" become attributes named <name> under --custom-rest.',
  ],
};

export const SALESFORCE: PresetDefinition = {
  name: 'salesforce',
  title: 'Salesforce',
  export: 'Contact.csv of the Data Export (API names), or a contacts report exported as CSV (labels)',
  fingerprint: [
    { headers: ['MasterRecordId'], weight: 3 },
    { headers: ['IsDeleted', 'SystemModstamp'], weight: 2 },
    { headers: ['OwnerId', 'AccountId', 'CreatedById'], weight: 1 },
    { headers: ['Contact Owner'], weight: 1 },
    { headers: ['Email Opt Out'], weight: 2 },
    { headers: ['Account Name', 'Mailing City', 'Mailing Country'], weight: 1 },
  ],
  fields: {
    first_name: ['FirstName', 'First Name'],
    last_name: ['LastName', 'Last Name'],
    email: ['Email'],
    phone: ['Phone', 'MobilePhone', 'Mobile'],
    company: ['Account Name', 'Account.Name'],
    notes: ['Description'],
    first_seen: ['CreatedDate', 'Created Date'],
    unsubscribed: ['HasOptedOutOfEmail', 'Email Opt Out'],
  },
  strip: { suffixes: ['__c'] },
  refused: [
    { headers: ['Id', 'Contact ID', 'MasterRecordId'], fields: ['user_id'], why: `Salesforce's own record id, ${ID}` },
    {
      headers: ['AccountId', 'Account ID', 'RecordTypeId', 'ReportsToId', 'CreatedById', 'LastModifiedById'],
      fields: ['user_id', 'company'],
      why: 'a Salesforce id of another record (the company name needs Account.csv)',
    },
    {
      headers: [
        'OwnerId',
        'Contact Owner',
        'Created By',
        'Last Modified By',
        'AssistantName',
        'Assistant',
        'AssistantPhone',
        'Asst. Phone',
      ],
      fields: ['user_id', 'email', 'name', 'first_name', 'last_name', 'phone'],
      why: "the owner's or assistant's data, not the contact's",
    },
  ],
  ignored: [
    'IsDeleted',
    'SystemModstamp',
    'LastModifiedDate',
    'Last Modified Date',
    'LastActivityDate',
    // Its report label: the date of the last task or event logged by a rep, which the alias "last activity" would read as last_seen.
    'Last Activity',
    'LastViewedDate',
    'LastReferencedDate',
  ],
  notes: [
    'No native user id: a custom External ID field (e.g. External_Id__c) is found by its name, or use --map user_id=…',
    'CreatedDate is first_seen; HasOptedOutOfEmail / Email Opt Out is unsubscribed.',
    'A report export ends with footer lines: they are rejected as malformed records. Report dates follow',
    "the exporting user's locale: pass --date-format MDY or DMY for slashed dates.",
  ],
};

export const MAILCHIMP: PresetDefinition = {
  name: 'mailchimp',
  title: 'Mailchimp',
  export: 'Audience > Export audience (a ZIP of subscribed, unsubscribed and cleaned CSVs): import each file',
  fingerprint: [
    { headers: ['LEID'], weight: 2 },
    { headers: ['EUID'], weight: 2 },
    { headers: ['MEMBER_RATING', 'OPTIN_TIME', 'CONFIRM_TIME'], weight: 1 },
  ],
  fields: {
    email: ['Email Address'],
    first_name: ['First Name'],
    last_name: ['Last Name'],
    phone: ['Phone Number'],
    company: ['Company'],
    notes: ['NOTES'],
    first_seen: ['OPTIN_TIME'],
    tags: ['TAGS'],
  },
  refused: [{ headers: ['LEID', 'EUID'], fields: ['user_id'], why: `Mailchimp's own member id, ${ID}` }],
  ignored: [
    'MEMBER_RATING',
    'OPTIN_IP',
    'CONFIRM_TIME',
    'CONFIRM_IP',
    'LATITUDE',
    'LONGITUDE',
    'GMTOFF',
    'DSTOFF',
    'LAST_CHANGED',
    'UNSUB_TIME',
    'UNSUB_CAMPAIGN_TITLE',
    'UNSUB_CAMPAIGN_ID',
    'UNSUB_REASON',
    'UNSUB_REASON_OTHER',
    'CLEAN_TIME',
    'CLEAN_CAMPAIGN_TITLE',
    'CLEAN_CAMPAIGN_ID',
  ],
  tagSeparator: ',',
  quotedTags: true,
  fileName: {
    pattern: /unsubscribed/i,
    field: 'unsubscribed',
    value: 'true',
    why: 'the file is an unsubscribed members export',
  },
  notes: [
    'No native user id: a merge field such as "User ID" is found by its name, or use --map user_id=…',
    'TAGS like "vip","newsletter" are split on "," outside the quotes ("Smith, Jones" stays one tag); OPTIN_TIME is first_seen (UTC).',
    'Every row of unsubscribed_members_export….csv is imported as unsubscribed.',
  ],
};
