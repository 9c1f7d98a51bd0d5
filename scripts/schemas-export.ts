/** The JSON Schemas shipped in schemas/, generated from the Zod schemas (npm run schemas). */
import { z } from 'zod';
import { probeProtocolJsonSchema } from '../harness/probe-protocol.js';
import { protocolJsonSchema } from '../harness/protocol.js';
import { BaselineSchema } from '../reports/baseline-schema.js';
import { ReportSchema } from '../reports/result.js';
import { StreamLineSchema } from '../reports/stream.js';

export function jsonSchemas(): Record<string, object> {
  return {
    'runner-protocol.schema.json': protocolJsonSchema(),
    'probe-protocol.schema.json': probeProtocolJsonSchema(),
    'report.schema.json': { title: 'wsgi-conformance report.json', ...z.toJSONSchema(ReportSchema) },
    'stream.schema.json': {
      title: 'wsgi-conformance results.jsonl: each line (header, result, footer)',
      ...z.toJSONSchema(StreamLineSchema),
    },
    'baseline.schema.json': { title: 'wsgi-conformance --baseline file', ...z.toJSONSchema(BaselineSchema) },
  };
}

export const render = (schema: object): string => `${JSON.stringify(schema, null, 2)}\n`;
