/**
 * The wire suite: server cases that read the raw HTTP exchange. They run with the
 * other server cases; `--only wire` selects them alone.
 */
import type { ServerCase } from '../case.js';
import { chunkedRequestWireCases } from './chunked-request.js';
import { connectionWireCases } from './connection.js';
import { unreadBodyWireCases } from './unread-body.js';
import { lengthWireCases } from './length.js';
import { malformedWireCases } from './malformed.js';
import { passthroughWireCases } from './passthrough.js';
import { syntaxWireCases } from './syntax.js';

export const WIRE_GROUP = 'wire';

export const wireCases: readonly ServerCase[] = [
  ...syntaxWireCases,
  ...passthroughWireCases,
  ...lengthWireCases,
  ...connectionWireCases,
  ...chunkedRequestWireCases,
  ...unreadBodyWireCases,
  ...malformedWireCases,
].map((c) => ({ ...c, group: WIRE_GROUP }));
