import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certifyServer } from './suites/server/certify.js';
import { mapPool } from './cli/pool.js';
const dir = join(process.cwd(), 'fixtures/servers/broken');
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.py') && (!only.length || only.some((o) => f.startsWith(o)))).sort();
await mapPool(files, async (f) => {
  const t = Date.now();
  const src = readFileSync(join(dir, f), 'utf8');
  const decl = [...src.matchAll(/^# (?:expect|also)-(\w+): (\S+)/gm)].map((m) => `${m[1]}:${m[2]}`);
  const r = await certifyServer({ target: { kind: 'cmd', template: `{python} ${join(dir, f)} {host} {port} {app}` }, python: '/usr/bin/python3', timeoutMs: 3000 });
  const bad = r.results.filter((x) => x.outcome === 'fail' || x.outcome === 'error').map((x) => `${x.outcome}:${x.level}:${x.rule}[${x.case}] ${x.message.slice(0, 150)}`);
  const skips = r.results.filter((x) => x.outcome === 'skip').map((x) => x.rule);
  console.log(`== ${f} (${Date.now() - t} ms) declared ${decl.join(' ')}${r.target.error ? ' TARGET ERROR ' + r.target.error : ''}\n  ${bad.join('\n  ')}\n  skip: ${skips.join(' ')}`);
}, 4);
