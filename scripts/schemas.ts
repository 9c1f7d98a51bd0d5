/** Regenerates schemas/*.json from the Zod schemas; a test fails when they are stale. */
import { writeFileSync } from 'node:fs';
import { fromRoot } from '../harness/paths.js';
import { jsonSchemas, render } from './schemas-export.js';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(fromRoot('schemas', name), render(schema));
  console.log(`wrote schemas/${name}`);
}
