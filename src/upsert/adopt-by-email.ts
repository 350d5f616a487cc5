/**
 * `--adopt-by-email`: a row whose user_id is not in HelpCrunch may belong to a contact the account already
 * has, made by the chat widget or an agent before it had a user id. The rows that would be created are
 * searched by email (≤10 per request, like the userId search); a row adopts a customer only when exactly
 * one customer has its email and that customer has no user id. Anything else is never a guess.
 */
import { ApiError } from '../api/api-errors.js';
import type { CustomerApi, Page, PageRequest, StoredCustomer } from '../api/customer-api.js';
import { internalError } from '../errors.js';
import type { Contact } from '../model.js';
import { emailKey } from '../rows/count-shared-emails.js';
import { LIST_PAGE_SIZE, planRow, SEARCH_FILTERS } from './plan-upserts.js';
import type { RequestSender } from './ports.js';
import type { WritePlan } from './write-modes.js';

/** Row failure codes of an email that does not point at one customer to adopt. */
export const AdoptCode = { ambiguous: 'email_ambiguous', otherUserId: 'email_has_other_user_id' } as const;

/** Pages read per search chunk at most: ten emails are shared by a handful of customers, not thousands. */
const MAX_PAGES_PER_CHUNK = 10;

type Found = Map<string, StoredCustomer[]>;

/**
 * The spellings searched for one email: lower-cased, and as written (trimmed) when that differs. Whether
 * HelpCrunch's `=` compares emails case-sensitively is unknown (the sandbox's does): searching only the
 * lower-cased form would miss a stored `Bob@X.com` that the CSV writes exactly so, and create it again.
 */
const spellingsOf = (email: string): string[] => {
  const written = email.trim();
  const key = written.toLowerCase();
  return written === key ? [key] : [key, written];
};

/** Options of `findByEmails`. */
export interface EmailSearchOptions {
  api: Pick<CustomerApi, 'searchByEmails'>;
  sender: RequestSender;
  emails: Iterable<string>;
}

/**
 * Every stored customer holding one of `emails`, by lower-cased email. Each search is a `lookup` request
 * of up to ten spellings; a 400 on several filters halves the chunk for the rest of the search, as the
 * userId search does. A customer answered for two spellings (or two chunks) counts once.
 */
export async function findByEmails({ api, sender, emails }: EmailSearchOptions): Promise<Map<string, StoredCustomer[]>> {
  const wanted = [...new Set([...emails].flatMap(spellingsOf))];
  const found = new Map<string, StoredCustomer[]>();
  const seen = new Set<number>();
  const search = api.searchByEmails?.bind(api);
  if (wanted.length === 0) return found;
  if (search === undefined) throw internalError('This API client cannot search customers by email');
  const searchSome = async (chunk: readonly string[]): Promise<void> => {
    const complete = await searchChunk(chunk, (page) => sender.run('lookup', () => search(chunk, page), { idempotent: true }), found, seen);
    // Past the page cap the chunk's answer was not read to its end: a customer of any of its emails may be
    // missing, and one missing match turns "exactly one customer" into a wrong adoption. Its halves are
    // searched again (the customers seen count once), down to one email, whose answer then holds more
    // customers than it can adopt.
    if (complete || chunk.length === 1) return;
    const half = Math.ceil(chunk.length / 2);
    await searchSome(chunk.slice(0, half));
    await searchSome(chunk.slice(half));
  };
  let width = SEARCH_FILTERS;
  for (let start = 0; start < wanted.length; ) {
    const chunk = wanted.slice(start, start + width);
    try {
      await searchSome(chunk);
      start += chunk.length;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 400 && chunk.length > 1)) throw err;
      width = Math.ceil(chunk.length / 2);
    }
  }
  return found;
}

/**
 * Pages through one chunk's answer into `found`; only what was asked counts, a repeat or a loose match is
 * left out. False when the page cap stopped it before the answer's end.
 */
async function searchChunk(
  chunk: readonly string[],
  fetch: (page: PageRequest) => Promise<Page<StoredCustomer>>,
  found: Found,
  seen: Set<number>,
): Promise<boolean> {
  // Any spelling of an asked email counts, whichever chunk asked for its other spelling.
  const asked = new Set(chunk.map(emailKey));
  for (let page = 0, offset = 0, total = Infinity; offset < total; page += 1) {
    if (page === MAX_PAGES_PER_CHUNK) return false;
    const answer = await fetch({ offset, limit: LIST_PAGE_SIZE });
    const received = answer.received ?? answer.data.length;
    if (received === 0) break;
    for (const customer of answer.data) {
      const email = customer.fields.email;
      if (typeof email !== 'string' || !asked.has(emailKey(email)) || seen.has(customer.id)) continue;
      seen.add(customer.id);
      found.set(emailKey(email), [...(found.get(emailKey(email)) ?? []), customer]);
    }
    offset += received;
    total = answer.total;
  }
  return true;
}

/** The customers holding the contact's email; none when the account has none. */
export const matchesOf = (found: ReadonlyMap<string, StoredCustomer[]>, contact: Contact): StoredCustomer[] =>
  found.get(emailKey(contact.email)) ?? [];

/** Is `matches` exactly one customer without a user id: a contact the row can adopt? */
export const isAdoptable = (matches: readonly StoredCustomer[]): boolean =>
  matches.length === 1 && (matches[0]?.fields.userId ?? null) === null;

/**
 * How many rows to create share each email (by `emailKey`) whose one customer without a user id they could
 * adopt: a customer can take one user id, so two such rows adopt no one (each update would replace the
 * other's user id, and one row would be reported written while HelpCrunch holds it under no customer).
 */
export function adoptersByEmail(found: ReadonlyMap<string, StoredCustomer[]>, emails: Iterable<string>): Map<string, number> {
  const adopters = new Map<string, number>();
  for (const email of emails) {
    const key = emailKey(email);
    if (isAdoptable(found.get(key) ?? [])) adopters.set(key, (adopters.get(key) ?? 0) + 1);
  }
  return adopters;
}

/** Is the contact the only row to create that could adopt the one customer without a user id of its email? */
export const adoptsAlone = (matches: readonly StoredCustomer[], contact: Contact, adopters: ReadonlyMap<string, number>): boolean =>
  isAdoptable(matches) && (adopters.get(emailKey(contact.email)) ?? 1) === 1;

/**
 * What a row that would be created needs once its email was searched: still a create when no customer has
 * the email; an update of the one customer without a user id (its user id set, the full record merged),
 * when no other row to create has that email too (`adopters`, from {@link adoptersByEmail}); else a row
 * failure that names why.
 */
export function adoptPlan(
  contact: Contact,
  matches: readonly StoredCustomer[],
  adopters: ReadonlyMap<string, number> = new Map(),
): WritePlan | undefined {
  if (matches.length === 0) return undefined;
  const [only] = matches;
  if (only !== undefined && adoptsAlone(matches, contact, adopters)) return planRow(contact, only);
  const rows = adopters.get(emailKey(contact.email)) ?? 1;
  if (only !== undefined && isAdoptable(matches) && rows > 1) {
    const message = `${rows} rows to import have the email ${contact.email}: not adopting customer ${only.id} for any of them.`;
    return { action: 'refuse', code: AdoptCode.ambiguous, message };
  }
  const withoutId = matches.filter((customer) => (customer.fields.userId ?? null) === null).length;
  if (withoutId > 1) {
    const message = `${withoutId} customers without a user id have the email ${contact.email}: not adopting any of them.`;
    return { action: 'refuse', code: AdoptCode.ambiguous, message };
  }
  const ids = matches.map((customer) => customer.id).join(', ');
  const message = `The email ${contact.email} belongs to customer ${ids} with another user id: not adopting it.`;
  return { action: 'refuse', code: AdoptCode.otherUserId, message };
}
