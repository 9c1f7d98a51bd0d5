/**
 * The findings of docs/findings/ hold: every standalone reproduction still shows
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
import { timingServerCases } from '../../suites/server/timing.js';
import { itNeeds } from '../../test/requires.js';

/** Debian's interpreter: the servers and frameworks of the findings are its packages. */
const PYTHON = '/usr/bin/python3';
const dir = fromRoot('docs', 'findings');
const findings = readdirSync(dir)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort();
const repros = readdirSync(`${dir}/repro`)
  .filter((f) => f.endsWith('.py'))
  .sort();
/** Repro prefixes that are frameworks (run in-process), with the module they need. */
const FRAMEWORKS: Record<string, string> = {
  bottle: 'bottle',
  falcon: 'falcon',
  pyramid: 'pyramid',
  webob: 'webob',
  repoze: 'repoze.who',
};
/** Subjects of more than one word: mod_wsgi keeps its underscore; the gateways' preset names are hyphenated. */
const MULTI_WORD = ['mod_wsgi', 'aiohttp-wsgi', 'hg-serve'];
/**
 * The server or framework a file is about: its name up to the rule. A reproduction spells a
 * hyphenated preset name with underscores (aiohttp_wsgi_...py); the subject is the preset name.
 */
const subject = (file: string) =>
  MULTI_WORD.find((m) => file.startsWith(`${m}-`) || file.startsWith(`${m.replace(/-/g, '_')}_`)) ??
  /^[a-z]+/.exec(file)?.[0] ??
  '';
/** The subject as a reproduction's file name spells it. */
const underscored = (file: string) => subject(file).replace(/-/g, '_');

interface TriageEntry {
  preset: string;
  case: string;
  rule: string;
  finding?: string;
  suiteBug?: string;
}
const triageFile = JSON.parse(readFileSync(`${dir}/triage.json`, 'utf8')) as {
  server: TriageEntry[];
  fuzz?: FuzzTriageEntry[];
  fuzzPending?: Array<{ preset: string; case: string; rule: string; why: string }>;
};
const triage = triageFile.server;
/** Counterexamples of the generative phase (`fuzz --preset P`, default seed): a finding each. */
interface FuzzTriageEntry {
  preset: string;
  case: string;
  rule: string;
  finding: string;
  /** The rule the phase reported, when the finding's fault showed under another rule. */
  reportedAs?: string;
  note?: string;
}
const fuzzTriage = triageFile.fuzz ?? [];

/** Why the reproductions of this server or framework cannot run here, or '' when they can. */
async function unavailable(name: string): Promise<string> {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing (.ci/run installs Debian's python3)`;
  const framework = FRAMEWORKS[name];
  if (framework)
    return spawnSync(PYTHON, ['-c', `import ${framework}`], { stdio: 'ignore' }).status === 0
      ? ''
      : `python3-${framework} is not installed; .ci/run installs it`;
  const preset = getPreset(name);
  if (!preset) return `no preset named ${name}`;
  const check = await checkPreset(preset, PYTHON);
  return check.installed ? '' : `${name} is not installed (${check.reason}; apt-get install ${preset.install})`;
}

/** The finding a reproduction belongs to: repro/<subject>_<rule>.py is <subject>-<rule>.md. */
const findingOf = (repro: string) =>
  `${subject(repro)}-${repro.slice(subject(repro).length + 1, -3).replace(/_/g, '-')}.md`;

/** The DEVIATION line of the output the finding records ("Output on this machine"). */
function recordedDeviation(finding: string): string {
  const lines = readFileSync(`${dir}/${finding}`, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('DEVIATION: '));
  return lines.length === 1 ? (lines[0] as string) : '';
}

/** Equal once every run of digits is the same placeholder: timings, sizes and ports vary. */
const sameStatement = (a: string, b: string) =>
  b !== '' && a.replace(/\d+(\.\d+)?/g, 'N').trim() === b.replace(/\d+(\.\d+)?/g, 'N').trim();

/**
 * Rules whose reproductions time the server against the application's own sleeps: they run
 * alone, so the other reproductions' CPU cannot delay what they measure.
 */
const TIMED = new Set([
  ...timingServerCases.flatMap((c) => c.rules),
  'write-sends-headers',
  'write-sent-or-queued',
  'middleware-return-promptly',
]);
const ruleOfRepro = (file: string) => findingOf(file).slice(subject(file).length + 1, -3);

/**
 * Up to four reproductions at once (each starts a real server, and most of its time is spent
 * waiting on sockets); a timed one takes all four places.
 */
const PLACES = 4;
let taken = 0;
const waiting: Array<{ places: number; go: () => void }> = [];
function admit(): void {
  while (waiting[0] && taken + waiting[0].places <= PLACES) {
    const next = waiting.shift() as (typeof waiting)[number];
    taken += next.places;
    next.go();
  }
}
async function slot<T>(places: number, run: () => Promise<T>): Promise<T> {
  await new Promise<void>((go) => {
    waiting.push({ places, go });
    admit();
  });
  try {
    return await run();
  } finally {
    taken -= places;
    admit();
  }
}

function runRepro(file: string): Promise<{ code: number | null; out: string }> {
  return slot(TIMED.has(ruleOfRepro(file)) ? PLACES : 1, () => spawnRepro(file));
}

function spawnRepro(file: string): Promise<{ code: number | null; out: string }> {
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
    itNeeds(
      why,
      file,
      async () => {
        const { code, out } = await runRepro(file);
        const lines = out.trim().split('\n');
        const last = lines.at(-1) ?? '';
        // Its control held first: a server that answered nothing, or 400 to everything, proves no deviation.
        expect(
          lines.slice(0, -1).some((l) => l.startsWith('CONTROL ok')),
          `${out}\nno "CONTROL ok" line before the verdict`,
        ).toBe(true);
        expect(last, out).toMatch(/^DEVIATION: /);
        // Not any deviation: the one the finding states (numbers such as timings and ports may vary).
        expect(
          sameStatement(last, recordedDeviation(findingOf(file))),
          `${out}\nthe finding states: ${recordedDeviation(findingOf(file))}`,
        ).toBe(true);
        expect(code, out).toBe(0);
      },
      60_000,
    );
  }
});

describe('every finding names a catalog rule and links its reproduction', () => {
  it('a hyphenated preset is one subject, spelt with underscores in a reproduction', () => {
    expect(
      ['hg-serve-close-called.md', 'hg_serve_close_called.py', 'aiohttp_wsgi_body_no_delay.py'].map(subject),
    ).toEqual(['hg-serve', 'hg-serve', 'aiohttp-wsgi']);
    expect(['mod_wsgi_body_cl_stop_iterating.py', 'gunicorn_env_http_underscore.py'].map(subject)).toEqual([
      'mod_wsgi',
      'gunicorn',
    ]);
  });

  for (const file of findings) {
    it(file, () => {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      const rule = /^- \*\*Rule\*\*: \[`([a-z0-9-]+)`\]/m.exec(text)?.[1];
      expect(rule, 'a "- **Rule**: [`rule-id`](url)" line').toBeDefined();
      expect(getRule(rule ?? ''), `rule ${rule} is in spec/catalog`).toBeDefined();
      expect(file).toBe(`${subject(file)}-${rule}.md`);
      const repro = /\[repro\/([\w.]+\.py)\]\(repro\/\1\)/.exec(text)?.[1];
      expect(repro, 'a link to repro/<file>.py').toBe(`${underscored(file)}_${(rule ?? '').replace(/-/g, '_')}.py`);
      expect(existsSync(`${dir}/repro/${repro}`)).toBe(true);
    });
  }

  it('every finding records exactly one DEVIATION line, the statement its reproduction must print', () => {
    expect(findings.filter((f) => !recordedDeviation(f))).toEqual([]);
  });

  it('every reproduction belongs to a finding', () => {
    const linked = new Set(findings.map((f) => `${f.slice(0, -3).replace(/-/g, '_')}.py`));
    expect(repros.filter((r) => !linked.has(r))).toEqual([]);
  });
});

describe('every pinned verdict of a real server is triaged', () => {
  const pinned = readdirSync(fromRoot('suites', 'server', 'pinned'))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.fuzz.json'))
    .flatMap((f) => {
      const p = JSON.parse(readFileSync(fromRoot('suites', 'server', 'pinned', f), 'utf8')) as Pinned;
      // Skips are not findings (the case could not judge); everything else is a failure or a warning.
      return p.verdict
        .filter((v) => !v.endsWith(' skip'))
        .map((v) => `${p.preset} ${v.split(' ').slice(0, 2).join(' ')}`);
    });
  const key = (e: TriageEntry) => `${e.preset} ${e.case} ${e.rule}`;

  it('triage.json has exactly one entry for each pinned failure or warning', () => {
    const keys = triage.map(key);
    expect(
      keys.filter((k, i) => keys.indexOf(k) !== i),
      'duplicates',
    ).toEqual([]);
    expect(
      pinned.filter((v) => !keys.includes(v)),
      'untriaged',
    ).toEqual([]);
    expect(
      keys.filter((k) => !pinned.includes(k)),
      'stale (no longer pinned)',
    ).toEqual([]);
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

  it('every pinned counterexample of the generative phase is triaged', () => {
    const fuzzPinned = readdirSync(fromRoot('suites', 'server', 'pinned'))
      .filter((f) => f.endsWith('.fuzz.json'))
      .flatMap((f) => {
        const p = JSON.parse(readFileSync(fromRoot('suites', 'server', 'pinned', f), 'utf8')) as Pinned;
        return p.verdict
          .filter((v) => !v.endsWith(' skip'))
          .map((v) => `${p.preset} ${v.split(' ').slice(0, 2).join(' ')}`);
      });
    // Pending: pinned, not yet written up, each with its reason (listed in docs/fuzz-triage.md too).
    const pending = (triageFile.fuzzPending ?? []).map((e) => `${e.preset} ${e.case} ${e.rule}`);
    // A counterexample reported under another rule than its finding's is pinned under that rule (reportedAs).
    const keys = fuzzTriage.map((e) => `${e.preset} ${e.case} ${e.reportedAs ?? e.rule}`);
    expect(
      fuzzPinned.filter((v) => !keys.includes(v) && !pending.includes(v)),
      'untriaged',
    ).toEqual([]);
    expect(
      pending.filter((v) => !fuzzPinned.includes(v) || keys.includes(v)),
      'stale pending entries',
    ).toEqual([]);
  });

  it('each counterexample of the generative phase is a finding that covers its rule', () => {
    for (const e of fuzzTriage) {
      expect(existsSync(`${dir}/${e.finding}`), `${e.preset} ${e.rule}: ${e.finding}`).toBe(true);
      expect(readFileSync(`${dir}/${e.finding}`, 'utf8'), `${e.finding} names ${e.rule}`).toContain(`\`${e.rule}\``);
    }
  });

  it('every finding is reached from triage.json, a pinned skip, or a framework or real middleware fixture', () => {
    const frameworks = fromRoot('fixtures', 'apps', 'frameworks');
    const middleware = fromRoot('fixtures', 'middleware', 'real');
    const read = (folder: string) =>
      readdirSync(folder)
        .filter((f) => f.endsWith('.py'))
        .map((f) => readFileSync(`${folder}/${f}`, 'utf8'));
    const fixtures = [...read(frameworks), ...read(middleware)].join('\n');
    // A deviation that only makes a case skip is reached from the pinned skip it explains.
    const skips = JSON.parse(readFileSync(fromRoot('suites', 'server', 'pinned-skips.json'), 'utf8')) as {
      skips: Array<{ finding?: string }>;
    };
    const reached = new Set([
      ...triage.map((e) => e.finding),
      ...fuzzTriage.map((e) => e.finding),
      ...skips.skips.map((e) => e.finding),
    ]);
    expect(findings.filter((f) => !reached.has(f) && !fixtures.includes(`docs/findings/${f}`))).toEqual([]);
  });
});
