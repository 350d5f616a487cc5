/** Seed customers shared by the integration tests. */

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
    customData: [{ property: 'plan', value: 'pro' }, { property: 'seats', value: i }, { property: 'trial', value: false }],
  };
}
