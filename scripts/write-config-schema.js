// Writes schema/hc-import.config.schema.json from the zod schema of the mapping file (src/cli/config-schema.ts).
// Run through `npm run schema`, which builds dist first; test/unit/cli/config-schema.test.ts checks the file is current.
import { writeFileSync } from 'node:fs';
import { configSchemaText } from '../dist/cli/config-schema.js';

const path = new URL('../schema/hc-import.config.schema.json', import.meta.url);
writeFileSync(path, configSchemaText());
console.log(`wrote ${path.pathname}`);
