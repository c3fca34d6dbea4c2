/** Writes shared/generated/flow-document.schema.json from the strict document schema. Run: npm run gen:schema */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOW_SCHEMA_PATH, flowDocumentJsonSchemaText } from '../shared/flow/strict-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, FLOW_SCHEMA_PATH);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, flowDocumentJsonSchemaText());
console.log(`wrote ${FLOW_SCHEMA_PATH}`);
