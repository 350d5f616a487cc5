import { describe, expect, it } from 'vitest';
import type { PageRequest, StoredCustomer } from '../../../src/api/customer-api.js';
import { findByEmails } from '../../../src/upsert/adopt-by-email.js';
import { countingSender } from './fake-customer-api.js';

/** A server whose email search ignores case, recording the spellings each request asked for. */
function looseServer(customers: StoredCustomer[]) {
  const asked: string[][] = [];
  const api = {
    searchByEmails: async (emails: readonly string[], page: PageRequest) => {
      asked.push([...emails]);
      const wanted = new Set(emails.map((email) => email.toLowerCase()));
      const data = customers.filter((customer) => wanted.has(String(customer.fields.email).toLowerCase()));
      const window = data.slice(page.offset, page.offset + page.limit);
      return { data: window, total: data.length, received: window.length };
    },
  };
  return { api, asked };
}

describe('findByEmails', () => {
  it('asks for an email as written and lower-cased, and counts a customer found by both spellings once', async () => {
    const emails = ['e0@x.io', 'E1@x.io', 'E2@x.io', 'E3@x.io', 'E4@x.io', 'E5@x.io'];
    const customers = emails.map((email, i) => ({ id: i + 1, fields: { userId: null, email } }) as StoredCustomer);
    const { api, asked } = looseServer(customers);
    const found = await findByEmails({ api, sender: countingSender(), emails });
    // 11 spellings, ten a request: E5's two spellings land in different requests, and both answer customer 6.
    expect(asked.map((chunk) => chunk.length)).toEqual([10, 1]);
    expect(asked[1]).toEqual(['E5@x.io']);
    expect(emails.map((email) => found.get(email.toLowerCase())?.map((customer) => customer.id))).toEqual([[1], [2], [3], [4], [5], [6]]);
  });
});
