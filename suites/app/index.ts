/** Every in-process application case, in report order. */
import type { AppCase } from '../case.js';
import { applicationCases } from './application.js';
import { bodyCases } from './body.js';
import { contentLengthCases } from './content-length.js';
import { pathDecodingCases } from './path-decoding.js';
import { excInfoCases } from './exc-info.js';
import { fileWrapperCases } from './file-wrapper.js';
import { startResponseCases } from './start-response.js';
import { streamCases } from './streams.js';
import { unicodeCases } from './unicode.js';
import { writeCases } from './write.js';

export const appCases: readonly AppCase[] = [
  ...applicationCases,
  ...startResponseCases,
  ...excInfoCases,
  ...bodyCases,
  ...writeCases,
  ...streamCases,
  ...unicodeCases,
  ...fileWrapperCases,
  ...contentLengthCases,
  ...pathDecodingCases,
];
