/** Seed customers and checks shared by the integration tests. */
import type { StoredSandboxCustomer } from '../../src/sandbox/start-sandbox.js';

/** A customer in the sandbox's write shape, holding what a naive replacing update would erase. */
export function richCustomer(i: number): Record<string, unknown> {
  return {
    userId: `u-${i}`,
    name: `Name ${i}`,
    email: `n${i}@example.com`,
    phone: `+1 555 ${String(i).padStart(4, '0')}`,
    company: `Company ${i}`,
    notes: `Customer since 2019, ticket #${i}`,
    locale: 'de',
    firstSeen: '1600000000',
    unsubscribed: i % 2 === 0,
    tags: [{ name: 'vip', color: '#ff0000' }, { name: `cohort-${i % 3}` }],
    customData: [
      { property: 'plan', value: 'pro' },
      { property: 'seats', value: i },
      { property: 'trial', value: false },
    ],
  };
}

/** Customers `u-<from>` … in the write shape with only the required fields. */
export function plainCustomers(count: number, from = 0): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, k) => ({
    userId: `u-${from + k}`,
    name: `Name ${from + k}`,
    email: `n${from + k}@example.com`,
  }));
}

/** How many stored customers hold each userId; every import must leave exactly one per row. */
export function customersPerUserId(customers: StoredSandboxCustomer[]): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const customer of customers) counts.set(customer.userId, (counts.get(customer.userId) ?? 0) + 1);
  return counts;
}
