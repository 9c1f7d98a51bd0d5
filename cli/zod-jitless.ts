/**
 * Imported for its effect, before a command's modules build their schemas: Zod validates without
 * its compiled fast path. Zod compiles one (a `new Function`) per object schema on first use,
 * which pays back only over thousands of values; an in-process certification validates a few
 * hundred runner events and answer values, and a middleware run meets twice the event shapes.
 * The choice is read when a schema is built, so this must load before the command does.
 */
import { config } from 'zod';

config({ jitless: true });
