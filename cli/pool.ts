/** Moved to harness/pool.ts (a harness concern); kept until suites/server/certify.ts imports it from there. */
export { mapPool } from '../harness/pool.js';
