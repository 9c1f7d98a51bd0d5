/** The JSON Schemas shipped in schemas/, generated from the Zod schemas (npm run schemas). */
import { z } from 'zod';
import { protocolJsonSchema } from '../harness/protocol.js';
import { ReportSchema } from '../reports/result.js';

export function jsonSchemas(): Record<string, object> {
  return {
    'runner-protocol.schema.json': protocolJsonSchema(),
    'report.schema.json': { title: 'wsgi-conformance report.json', ...z.toJSONSchema(ReportSchema) },
  };
}

export const render = (schema: object): string => `${JSON.stringify(schema, null, 2)}\n`;
