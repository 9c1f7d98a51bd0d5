/** Development entry (npm run dev -- ARGS): the same CLI from sources through tsx. */
import { main } from './main.js';

// Exit explicitly: from sources, the esbuild service that bundles the Pyodide worker would
// keep the process alive after the run (the compiled bin loads the worker from dist/).
process.exit(await main(process.argv.slice(2)));
