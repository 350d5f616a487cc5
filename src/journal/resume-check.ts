import { ErrorCode, ErrorKind, HciError } from '../errors.js';
import type { OutcomeSettings } from './journal.js';
import type { JournalState } from './read-journal.js';

const NOT_SET = 'not set';
const describe = (value: unknown): string => (value === undefined ? NOT_SET : typeof value === 'string' ? value : JSON.stringify(value));

/** Human descriptions of what differs between the journal's run and this one; empty when resumable. */
export function differences(state: JournalState, inputSha256: string, settings: OutcomeSettings): string[] {
  const found: string[] = [];
  if (state.header.inputSha256 !== inputSha256) {
    found.push(`the input file is not the same (sha256 ${state.header.inputSha256.slice(0, 12)}… then, ${inputSha256.slice(0, 12)}… now)`);
  }
  // Both runs' keys: an option either run left out (--limit, hashing off) reads as not set.
  const keys = new Set([...Object.keys(state.header.settings), ...Object.keys(settings)]) as Set<keyof OutcomeSettings>;
  for (const key of keys) {
    const before = describe(state.header.settings[key]);
    const now = describe(settings[key]);
    if (before === now) continue;
    // Only a fingerprint is stored, so say it in words; hashing turned on or off is named by hashScheme.
    if (key !== 'hashSecretFingerprint') found.push(`${key} was ${before}, now ${now}`);
    else if (before !== NOT_SET && now !== NOT_SET) found.push('the hashing secret differs');
  }
  return found;
}

/** Refuses a resume whose file or outcome-changing options differ from the journal's run. */
export function assertResumable(state: JournalState, inputSha256: string, settings: OutcomeSettings, dir: string): void {
  const found = differences(state, inputSha256, settings);
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
