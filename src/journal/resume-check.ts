import { secretFingerprint } from '../rows/hash-user-id.js';
import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import type { JournalTarget, OutcomeSettings } from './journal.js';
import type { JournalState } from './read-journal.js';

const NOT_SET = 'not set';
const describe = (value: unknown): string => (value === undefined ? NOT_SET : typeof value === 'string' ? value : JSON.stringify(value));

/**
 * What the versions that left a setting out of the journal when it was at its default used: frozen here, not
 * read from today's defaults, so a default changed later is a difference. Journals now hold them resolved.
 */
const LEGACY_DEFAULTS: Pick<OutcomeSettings, 'openFields' | 'mode' | 'adoptByEmail'> = {
  openFields: { custom: [], customRest: false, tags: [], tagsMode: 'add' },
  mode: 'upsert',
  adoptByEmail: false,
};

function withLegacyDefaults(settings: OutcomeSettings): OutcomeSettings {
  const filled: OutcomeSettings = { ...settings };
  for (const [key, value] of Object.entries(LEGACY_DEFAULTS) as [keyof typeof LEGACY_DEFAULTS, never][]) {
    if (filled[key] === undefined) filled[key] = value;
  }
  return filled;
}

/** `value` as JSON with every object's keys sorted (arrays keep their order: tags and columns are lists). */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** What the journal keeps of a run's target: the URL without credentials, and only a fingerprint of the key. */
export function describeTarget(target: { baseUrl: string; apiKey: string }): JournalTarget {
  let apiUrl = target.baseUrl;
  try {
    const url = new URL(target.baseUrl);
    url.username = '';
    url.password = '';
    apiUrl = url.href.replace(/\/+$/, '');
  } catch {}
  // The fingerprint the hashing secret gets, under a prefix of its own: sha256("hc-import:api-key:" + key), 8 hex.
  const keyFingerprint = secretFingerprint(`api-key:${target.apiKey}`);
  return { apiUrl, keyFingerprint };
}

/** Human descriptions of what differs between the journal's run and this one; empty when resumable. */
export function differences(state: JournalState, inputSha256: string, settings: OutcomeSettings, target?: JournalTarget): string[] {
  const found: string[] = [];
  if (state.header.inputSha256 !== inputSha256) {
    found.push(`the input file is not the same (sha256 ${state.header.inputSha256.slice(0, 12)}… then, ${inputSha256.slice(0, 12)}… now)`);
  }
  // Another API URL is another account (or none at all): the rows left would go where the first ones did not.
  // A journal from before the target was kept cannot say.
  const before = state.header.target;
  if (before !== undefined && target !== undefined && before.apiUrl !== target.apiUrl) {
    found.push(`the API URL was ${before.apiUrl}, now ${target.apiUrl}`);
  }
  // Both runs' keys: an option either run left out (--limit, hashing off) reads as not set.
  const then = withLegacyDefaults(state.header.settings);
  const now = withLegacyDefaults(settings);
  const keys = new Set([...Object.keys(then), ...Object.keys(now)]) as Set<keyof OutcomeSettings>;
  // A journal from before the columns were kept cannot say how its version mapped the file.
  if (then.columns === undefined) keys.delete('columns');
  for (const key of keys) {
    // Compared with object keys sorted: `--map a=X --map b=Y` and the other order, or a mapping file's keys
    // reordered, map the same; shown as given.
    if (canonical(then[key]) === canonical(now[key])) continue;
    const before = describe(then[key]);
    const after = describe(now[key]);
    // Only a fingerprint is stored, so say it in words; hashing turned on or off is named by hashScheme.
    if (key !== 'hashSecretFingerprint') found.push(`${key} was ${before}, now ${after}`);
    else if (before !== NOT_SET && after !== NOT_SET) found.push('the hashing secret differs');
  }
  return found;
}

/**
 * The key is not the first run's: rotated, or another account's under the same URL, which hc-import cannot
 * tell apart. Not refused (a rotated key is the same account), but said before anything is sent.
 */
export function keyChangedWarning(state: JournalState, target: JournalTarget | undefined): string | undefined {
  const before = state.header.target;
  if (before === undefined || target === undefined || before.keyFingerprint === target.keyFingerprint) return undefined;
  return (
    'the API key is not the one the interrupted run used. If it belongs to another HelpCrunch account, stop now: ' +
    'the rows left would be written there. A key rotated on the same account is fine.'
  );
}

/** Refuses a resume whose file, outcome-changing options or API URL differ from the journal's run. */
export function assertResumable(
  state: JournalState,
  inputSha256: string,
  settings: OutcomeSettings,
  dir: string,
  target?: JournalTarget,
): void {
  const found = differences(state, inputSha256, settings, target);
  if (found.length === 0) return;
  throw new HciError({
    code: ErrorCode.resumeMismatch,
    kind: ErrorKind.usage,
    message: `Cannot resume the run in ${dir}: ${found.join('; ')}.`,
    hint: 'Resume with the same file and options, or start a new run in another --report-dir.',
  });
}

/** Refuses to start a new run over an unfinished one, which would lose track of the rows it sent. */
export function assertNoUnfinishedRun(state: JournalState | undefined, dir: string): void {
  if (!state || state.finished) return;
  throw new HciError({
    code: ErrorCode.reportDirBusy,
    kind: ErrorKind.usage,
    message: `${dir} holds an unfinished run (${state.settledCount} rows confirmed so far).`,
    hint: 'Add --resume to continue it, or choose another --report-dir.',
  });
}
