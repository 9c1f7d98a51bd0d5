/** Every server case, in report order. */
import type { ServerCase } from './case.js';
import { bodyServerCases } from './body.js';
import { concurrencyCases } from './concurrency.js';
import { environCases } from './environ.js';
import { fileWrapperServerCases } from './file-wrapper.js';
import { inputCases } from './input.js';
import { iterationCases } from './iteration.js';
import { methodCases } from './methods.js';
import { schemeServerCases } from './scheme.js';
import { startResponseServerCases } from './start-response.js';
import { timingServerCases } from './timing.js';
import { wireCases } from './wire/index.js';

export const serverCases: readonly ServerCase[] = [
  ...environCases,
  ...methodCases,
  ...schemeServerCases,
  ...inputCases,
  ...startResponseServerCases,
  ...bodyServerCases,
  ...iterationCases,
  ...concurrencyCases,
  ...fileWrapperServerCases,
  ...timingServerCases,
  ...wireCases,
];
