/**
 * `npm run build:playground [-- OUT_DIR]`: the playground as a static folder (default
 * dist/playground-site) to serve or publish: index.html with the page's script inline,
 * worker.js, and Pyodide's own files under pyodide/. Nothing in it fetches from elsewhere.
 */
import { buildPlayground, SITE_DIR } from '../playground/build.js';

const out = process.argv[2] ?? SITE_DIR;
const built = await buildPlayground(out);
process.stdout.write(
  `playground written to ${built.dir} (${built.files.length} files, ${(built.bytes / 1e6).toFixed(1)} MB)\n`,
);
