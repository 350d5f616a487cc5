// Writes a contacts CSV of `rows` distinct, valid rows (plus nothing else): the bench's input.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const FIRST = ['Anna', 'José', 'Zoë', 'Łukasz', 'Mei', 'Oliver', 'Fatima', 'Noah', 'Sofia', 'Liam'];
const LAST = ['Müller', 'García', 'Smith', 'Kowalski', 'Chen', 'Okafor', 'Rossi', 'Nguyen'];
const COMPANIES = ['Acme, Inc.', 'Globex', 'Initech', '', 'Umbrella Corp', ''];

/**
 * Streams `rows` rows to `path`; deterministic, so every run measures the same bytes. `nameSuffix` ends
 * every name: the same contacts renamed, which an import of the plain file then updates one by one.
 */
export async function generateContacts(path, rows, { nameSuffix = '' } = {}) {
  const out = createWriteStream(path);
  out.write('user_id,name,email,phone,company\n');
  let chunk = '';
  for (let i = 0; i < rows; i += 1) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const company = COMPANIES[i % COMPANIES.length];
    const phone = i % 3 === 0 ? '' : `+1 555 ${String(i % 10_000).padStart(4, '0')}`;
    const companyCell = company.includes(',') ? `"${company}"` : company;
    chunk += `${String(i).padStart(8, '0')},${first} ${last}${nameSuffix},user${i}@example.com,${phone},${companyCell}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
