/** Development entry (npm run dev -- ARGS): the same CLI from sources through tsx. */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
