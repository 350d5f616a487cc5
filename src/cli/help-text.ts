import { MAP_TARGETS } from '../rows/column-aliases.js';

/**
 * What `hc-import --help` shows after the options: examples first (how people learn a CLI), then the
 * fields `--map` accepts, read from the field table so the list cannot drift from what the code takes.
 */
export const IMPORT_HELP_AFTER = `
Examples:
  hc-import contacts.csv --dry-run                 read and validate everything, send nothing
  hc-import contacts.csv --sandbox                 rehearse against a local HelpCrunch
  hc-import contacts.csv --limit 50                a first trial: import only the first 50 valid rows
  hc-import contacts.csv --mode create-only        add missing customers, touch no existing one
  hc-import verify contacts.csv                    read-only: exit 0 if HelpCrunch holds the file, else 4
  hc-import contacts.csv --map user_id="Customer ID" --map email=Mail
  hc-import hubspot-export.csv --dry-run --timezone Europe/Berlin   another tool's export: read with its preset
  hc-import contacts.csv --tag spring-import --custom "Plan=plan" --custom "Seats=seats:number"
  cat contacts.csv | hc-import - --yes --json      read standard input, no questions, one JSON document
  hc-import contacts.csv --resume --report-dir hc-import-report/<time>   continue a stopped run

Fields for --map field=Header:
  ${MAP_TARGETS.join(', ')}
  Columns whose header starts with _ are ignored; README.md lists the headers each field is found by.

Environment:
  HELPCRUNCH_API_KEY       the API key (HelpCrunch: Settings → Developers → Public API)
  HELPCRUNCH_API_URL       the API base URL (default https://api.helpcrunch.com/v1)
  HC_IMPORT_HASH_SECRET    the hashing secret of --hash-user-id (or --hash-secret-file)

Exit codes:
  0 all rows valid / applied   1 internal error (a bug)   2 usage or configuration
  3 input error   4 some rows rejected, duplicate or failed   5 remote failure   130 interrupted

Also: hc-import help sandbox    a local HelpCrunch to rehearse against
      hc-import hash-id --help  print the hash --hash-user-id writes for an id
      hc-import undo --help     take back what a run changed (restore updates, delete creates)
      hc-import map FILE        how each column would be read; --write-config saves a mapping file
      hc-import presets [NAME]  the exports of other tools hc-import recognises (--preset)
Mapping file: ./hc-import.config.json or --config FILE, the flags' names as JSON keys; flags win
Reports: summary.json, rejects.csv, duplicates.csv, results.csv, failures.csv in --report-dir`;

/** What `hc-import verify --help` shows after its options; README.md's "Checking afterwards" says the same. */
export const VERIFY_HELP_AFTER = `
Reads the file as an import does (give it the import's reading flags, or the same mapping file), looks
every valid row up and compares it field by field, as the import plans; it writes nothing to HelpCrunch.
changes.csv in its report lists what an import would still change. --mode is not applied: a customer an
update-only import did not create counts as missing, one a create-only import left counts as different.

Examples:
  hc-import contacts.csv --yes && hc-import verify contacts.csv    in CI: prove the import landed
  hc-import verify contacts.csv --map user_id="Customer ID" --json

Environment:
  HELPCRUNCH_API_KEY       the API key: required (there is nothing to compare without one)
  HELPCRUNCH_API_URL       the API base URL (default https://api.helpcrunch.com/v1)
  HC_IMPORT_HASH_SECRET    the hashing secret of --hash-user-id (or --hash-secret-file)

Exit codes:
  0 HelpCrunch holds every valid row as the file says   1 internal error (a bug)
  2 usage or configuration (a missing API key too)   3 input error   5 remote failure   130 interrupted
  4 an import would still change something (customers missing or different: see changes.csv),
    or rows are rejected or duplicate (under --fail-on any, the default)`;
