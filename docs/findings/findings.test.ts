/**
 * The findings of docs/findings/ hold (issue 6): every standalone reproduction still shows
 * its deviation here, every finding names a catalog rule and links its reproduction, and
 * every verdict pinned for a real server is triaged (a finding, or a suite bug with the
 * reason), so no failure or warning stays unexplained.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import { checkPreset, getPreset } from '../../harness/server/presets.js';
import { getRule } from '../../spec/catalog/index.js';
import type { Pinned } from '../../suites/server/pinned.js';

/** Debian's interpreter: the servers and frameworks of the findings are its packages. */
const PYTHON = '/usr/bin/python3';
const dir = fromRoot('docs', 'findings');
const findings = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
const repros = readdirSync(`${dir}/repro`).filter((f) => f.endsWith('.py')).sort();
/** Repro prefixes that are frameworks (run in-process), with the module they need. */
const FRAMEWORKS: Record<string, string> = { bottle: 'bottle', falcon: 'falcon', pyramid: 'pyramid', webob: 'webob', repoze: 'repoze.who' };
/** The server or framework a file is about: its name up to the rule (mod_wsgi keeps its underscore). */
const subject = (file: string) => (file.startsWith('mod_wsgi') ? 'mod_wsgi' : (/^[a-z]+/.exec(file)?.[0] ?? ''));

interface TriageEntry { preset: string; case: string; rule: string; finding?: string; suiteBug?: string }
const triage = (JSON.parse(readFileSync(`${dir}/triage.json`, 'utf8')) as { server: TriageEntry[] }).server;

/** Why the reproductions of this server or framework cannot run here, or '' when they can. */
async function unavailable(name: string): Promise<string> {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing (.ci/run installs Debian's python3)`;
  const framework = FRAMEWORKS[name];
  if (framework) return spawnSync(PYTHON, ['-c', `import ${framework}`], { stdio: 'ignore' }).status === 0 ? '' : `python3-${framework} is not installed; .ci/run installs it`;
  const preset = getPreset(name);
  if (!preset) return `no preset named ${name}`;
  const check = await checkPreset(preset, PYTHON);
  return check.installed ? '' : `${name} is not installed (${check.reason})`;
}

/** At most two reproductions at once: each starts a real server, and some measure timing. */
let running = 0;
const waiting: Array<() => void> = [];
async function slot<T>(run: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await run();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function runRepro(file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [`${dir}/repro/${file}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

// One check per server or framework, one after another: 91 imports at once could time out on a loaded machine.
const skips = new Map<string, string>();
for (const name of new Set(repros.map(subject))) skips.set(name, await unavailable(name));

describe.concurrent('every standalone reproduction shows its deviation', () => {
  for (const file of repros) {
    const why = skips.get(subject(file)) ?? '';
    it.skipIf(Boolean(why))(`${file}${why ? ` (skipped: ${why})` : ''}`, async () => {
      const { code, out } = await slot(() => runRepro(file));
      const last = out.trim().split('\n').at(-1) ?? '';
      expect(last, out).toMatch(/^DEVIATION: /);
      expect(code, out).toBe(0);
    }, 60_000);
  }
});

describe('every finding names a catalog rule and links its reproduction', () => {
  for (const file of findings) {
    it(file, () => {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      const rule = /^- \*\*Rule\*\*: \[`([a-z0-9-]+)`\]/m.exec(text)?.[1];
      expect(rule, 'a "- **Rule**: [`rule-id`](url)" line').toBeDefined();
      expect(getRule(rule ?? ''), `rule ${rule} is in spec/catalog`).toBeDefined();
      expect(file).toBe(`${subject(file)}-${rule}.md`);
      const repro = /\[repro\/([\w.]+\.py)\]\(repro\/\1\)/.exec(text)?.[1];
      expect(repro, 'a link to repro/<file>.py').toBe(`${subject(file)}_${(rule ?? '').replace(/-/g, '_')}.py`);
      expect(existsSync(`${dir}/repro/${repro}`)).toBe(true);
    });
  }

  it('every reproduction belongs to a finding', () => {
    const linked = new Set(findings.map((f) => `${f.slice(0, -3).replace(/-/g, '_')}.py`));
    expect(repros.filter((r) => !linked.has(r))).toEqual([]);
  });
});

describe('every pinned verdict of a real server is triaged', () => {
  const pinned = readdirSync(fromRoot('suites', 'server', 'pinned')).filter((f) => f.endsWith('.json')).flatMap((f) => {
    const p = JSON.parse(readFileSync(fromRoot('suites', 'server', 'pinned', f), 'utf8')) as Pinned;
    // Skips are not findings (the case could not judge); everything else is a failure or a warning.
    return p.verdict.filter((v) => !v.endsWith(' skip')).map((v) => `${p.preset} ${v.split(' ').slice(0, 2).join(' ')}`);
  });
  const key = (e: TriageEntry) => `${e.preset} ${e.case} ${e.rule}`;

  it('triage.json has exactly one entry for each pinned failure or warning', () => {
    const keys = triage.map(key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i), 'duplicates').toEqual([]);
    expect(pinned.filter((v) => !keys.includes(v)), 'untriaged').toEqual([]);
    expect(keys.filter((k) => !pinned.includes(k)), 'stale (no longer pinned)').toEqual([]);
  });

  it('each entry is a finding that covers its rule, or a suite bug with its reason', () => {
    for (const e of triage) {
      if (e.suiteBug !== undefined) {
        expect(e.finding, key(e)).toBeUndefined();
        expect(e.suiteBug, key(e)).toMatch(/^suite-bug: \S/);
        continue;
      }
      expect(e.finding && existsSync(`${dir}/${e.finding}`), `${key(e)}: ${e.finding}`).toBe(true);
      expect(readFileSync(`${dir}/${e.finding}`, 'utf8'), `${e.finding} names ${e.rule}`).toContain(`\`${e.rule}\``);
    }
  });

  it('every finding is reached from triage.json or from a framework or real middleware fixture', () => {
    const frameworks = fromRoot('fixtures', 'apps', 'frameworks');
    const middleware = fromRoot('fixtures', 'middleware', 'real');
    const read = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.py')).map((f) => readFileSync(`${folder}/${f}`, 'utf8'));
    const fixtures = [...read(frameworks), ...read(middleware)].join('\n');
    const reached = new Set(triage.map((e) => e.finding));
    expect(findings.filter((f) => !reached.has(f) && !fixtures.includes(`docs/findings/${f}`))).toEqual([]);
  });
});
