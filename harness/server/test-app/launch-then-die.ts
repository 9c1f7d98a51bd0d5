/**
 * Launches a server, prints its pid, then dies the way a user's run can die:
 * `crash` throws an uncaught error, `reject` leaves a promise rejection unhandled,
 * `sigint` waits for a Ctrl-C. The test checks the server's group and work dir are gone after.
 */
import { readlinkSync } from 'node:fs';
import { fromRoot } from '../../paths.js';
import { launch } from '../launcher.js';

const mode = process.argv[2];
const dir = fromRoot('harness', 'server', 'test-app');
const server = await launch({
  target: { kind: 'preset', name: 'wsgiref' },
  app: { module: 'hello_app', callable: 'application', dir, file: `${dir}/hello_app.py` },
});
// The server runs in its work dir: the test checks that goes too.
console.log(`pid ${server.pid} cwd ${readlinkSync(`/proc/${server.pid}/cwd`)}`);
if (mode === 'crash')
  setTimeout(() => {
    throw new Error('boom');
  }, 10);
else if (mode === 'reject') void Promise.reject(new Error('boom'));
else setInterval(() => undefined, 1000); // sigint: keep running until the signal
