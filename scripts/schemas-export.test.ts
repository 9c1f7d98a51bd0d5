import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { jsonSchemas, render } from './schemas-export.js';

describe('shipped JSON Schemas', () => {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    it(`schemas/${name} is generated from the Zod schemas (run: npm run schemas)`, () => {
      expect(readFileSync(fromRoot('schemas', name), 'utf8')).toBe(render(schema));
    });
  }
});
