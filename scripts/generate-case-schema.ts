import { writeFileSync } from 'node:fs';
import { caseJsonSchemaText } from '../src/main/replay/case-json-schema';

/** Regenerates resources/cases/case.schema.json from the zod schema (a test fails when it is stale). */
writeFileSync('resources/cases/case.schema.json', caseJsonSchemaText());
console.log('wrote resources/cases/case.schema.json');
