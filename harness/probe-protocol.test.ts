/** The probe protocol's scenario names match the probe's registry; each schema takes what the probe sends. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from './paths.js';
import {
  OBSERVATIONS,
  PROBE_SCENARIOS,
  ProbeProtocolError,
  ProbeScenario,
  parseObservation,
  type ObservingScenario,
} from './probe-protocol.js';

const PY = fromRoot('harness', 'python');
const pyModules = readdirSync(PY).filter((f) => /^_wsgiconf_probe_\w+\.py$/.test(f));

/** The keys of a module's `SCENARIOS = {...}` literal, read from its source. */
function registry(file: string): string[] {
  const source = readFileSync(`${PY}/${file}`, 'utf8');
  const block = /^SCENARIOS = \{\n([\s\S]*?)^\}/m.exec(source)?.[1];
  return block ? [...block.matchAll(/^\s+'([^']+)':/gm)].map((m) => m[1] as string) : [];
}

describe('scenario names', () => {
  const registered = pyModules.flatMap(registry);

  it('probe.py collects the SCENARIOS of every probe module that has them', () => {
    const probe = readFileSync(`${PY}/probe.py`, 'utf8');
    const collected = /for _module in \(([^)]*)\)/
      .exec(probe)?.[1]
      ?.split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    const withRegistry = pyModules.filter((f) => registry(f).length).map((f) => f.replace(/\.py$/, ''));
    expect(collected?.sort()).toEqual(withRegistry.sort());
  });

  it('are exactly the scenarios the probe implements', () => {
    expect(registered.length).toBeGreaterThan(20);
    expect([...PROBE_SCENARIOS].sort()).toEqual([...registered].sort());
  });

  it('every scenario says whether it answers with an observation', () => {
    expect(Object.keys(OBSERVATIONS).sort()).toEqual([...PROBE_SCENARIOS].sort());
  });

  it('the enum refuses a misspelt scenario', () => {
    expect(ProbeScenario.safeParse('environ').success).toBe(true);
    expect(ProbeScenario.safeParse('envrion').success).toBe(false);
  });
});

const str = (v: string) => ({ t: 'str', v, n: v.length });
const pyError = { type: 'builtins.ValueError', message: 'boom', traceback: 'Traceback ...' };

/** For each observing scenario: answers the probe's code can send, and answers it cannot. */
const samples: { [S in ObservingScenario]: { valid: unknown[]; invalid: unknown[] } } = {
  environ: {
    valid: [
      {
        environType: 'dict',
        isDict: true,
        keys: { REQUEST_METHOD: str('GET'), 'wsgi.version': { t: 'tuple', n: 2, items: [{ t: 'int', r: '1' }] } },
        nonStrKeys: ["b'X'"],
        osKeys: ['PATH'],
      },
    ],
    invalid: [
      { environType: 'dict', isDict: true, keys: { A: 'GET' }, nonStrKeys: [], osKeys: [] },
      { environType: 'dict', isDict: true, keys: {}, nonStrKeys: [] },
      { environType: 'dict', isDict: 'yes', keys: {}, nonStrKeys: [], osKeys: [] },
    ],
  },
  input: {
    valid: [
      {
        inputType: 'io.BytesIO',
        results: [
          { op: 'read', args: [3], value: { t: 'bytes', v: 'lin', n: 3 }, ms: 0 },
          { op: 'readline', args: [], error: pyError },
        ],
      },
    ],
    invalid: [
      { inputType: 'x', results: [{ op: 'read', args: [3] }] },
      { inputType: 'x', results: [{ op: 'read', args: ['3'], value: str('a'), ms: 0 }] },
      { results: [] },
    ],
  },
  errors: {
    valid: [{ errorsType: '_io.TextIOWrapper', results: [{ op: 'write' }, { op: 'flush', error: pyError }] }],
    invalid: [{ errorsType: 'x', results: [{ op: 'write', error: 'boom' }] }],
  },
  'start-response': {
    valid: [
      {
        returned: { t: 'function', r: '<function write>' },
        returnedCallable: true,
        secondCall: 'raised',
        secondCallError: pyError,
      },
      { returned: { t: 'NoneType', r: 'None' }, returnedCallable: false, secondCall: 'returned' },
    ],
    invalid: [
      { returned: 'write', returnedCallable: true, secondCall: 'raised' },
      { returnedCallable: true, secondCall: 'maybe' },
    ],
  },
  'bad-header': {
    valid: [
      { kind: 'hop-by-hop', firstCall: 'returned' },
      { kind: 'newline', firstCall: 'raised', firstCallError: pyError, retryWithExcInfo: 'returned' },
    ],
    invalid: [{ kind: 'newline', firstCall: true }],
  },
  sleep: {
    valid: [
      { pid: 12, thread: 140234, start: 1.5, end: 1.9, multithread: true, multiprocess: false, runOnce: false },
      { pid: 12, thread: 1, start: 1, end: 2, multithread: 1, multiprocess: '<object object at 0x1>', runOnce: null },
    ],
    invalid: [{ pid: 12, thread: 1, start: 1, end: 2, multithread: true, multiprocess: false }],
  },
  'store-then-check': { valid: [{}], invalid: [{ first: 'raised' }] },
  'file-wrapper-api': {
    valid: [
      { present: false, reason: 'the server offers no wsgi.file_wrapper' },
      {
        present: true,
        type: 'wsgiref.util.FileWrapper',
        callable: true,
        calls: [
          { nargs: 1, returned: 'wsgiref.util.FileWrapper', items: 1, types: ['bytes'], ended: true, same: true },
          { nargs: 2, error: pyError },
          { nargs: 2, returned: 'X', items: 101, types: ['bytes'], ended: false, same: false, endless: true },
          { nargs: 1, returned: 'X', items: 0, types: [], ended: false, same: false, iterError: pyError },
        ],
      },
    ],
    invalid: [
      { present: true, type: 'X', callable: true, calls: [{ nargs: 1 }] },
      { present: false },
      { present: true, callable: true, calls: [] },
    ],
  },
  'file-wrapper-body': {
    valid: [
      { present: false, reason: 'the server offers no wsgi.file_wrapper' },
      { present: true, kind: 'file', hasClose: true, delegates: false, error: pyError },
    ],
    invalid: [{ present: true, kind: 'file' }],
  },
  'file-wrapper-position': { valid: [{ present: true, error: pyError }], invalid: [{ present: true }] },
  'file-wrapper-decoy': { valid: [{ present: false, reason: 'none' }], invalid: [{ present: 'no' }] },
  address: {
    valid: [
      { host: '127.0.0.1:8000', serverName: 'localhost', serverPort: '8000' },
      { host: null, serverName: null, serverPort: 8000 },
    ],
    invalid: [{ host: 8000, serverName: 'a', serverPort: '1' }],
  },
  'facts-of': {
    valid: [
      {
        facts: [
          { ev: 'call', pid: 1, thread: 2, t: 3.5, scenario: 'environ' },
          { ev: 'read-at', pid: 1, thread: 0, t: 4 },
        ],
      },
    ],
    invalid: [{ facts: [{ ev: 'call' }] }, { facts: {} }],
  },
  'exc-info-ref': {
    valid: [
      { replaced: true, exceptionAlive: true, frameObjectAlive: true, referrers: ['frame', 'list'] },
      { replaced: false, error: pyError },
    ],
    invalid: [{ replaced: true, exceptionAlive: true }, { replaced: false }],
  },
  respond: {
    valid: [
      { seq: '1.0', method: 'POST', body: 'hello' },
      { seq: '', method: null, environ: { PATH_INFO: '/', CONTENT_LENGTH: null, HTTP_HOST: 'h' } },
    ],
    invalid: [
      { seq: 1, method: 'GET' },
      { seq: '1', method: 'GET', environ: { A: 1 } },
    ],
  },
  'fuzz-echo': {
    valid: [
      {
        keys: { PATH_INFO: str('/') },
        osKeys: [],
        oddKeys: [],
        ops: [
          { op: 'read', value: { t: 'bytes', v: '', n: 0 } },
          { op: 'readline', blocked: true },
          { op: 'iter', error: pyError },
        ],
        environType: 'dict',
      },
      { keys: {}, osKeys: [], oddKeys: [], itemsError: pyError, ops: [], environType: 'X' },
    ],
    invalid: [{ keys: {}, osKeys: [], oddKeys: [], ops: [{ op: 'read', blocked: false }], environType: 'dict' }],
  },
};

describe('observation schemas', () => {
  type Sample = [ObservingScenario, (typeof samples)[ObservingScenario]];
  for (const [scenario, { valid, invalid }] of Object.entries(samples) as Sample[]) {
    it(`${scenario}: takes what the probe sends, refuses what it cannot`, () => {
      for (const v of valid) expect(() => parseObservation(scenario, v)).not.toThrow();
      for (const v of invalid) {
        expect(() => parseObservation(scenario, v), JSON.stringify(v)).toThrow(ProbeProtocolError);
      }
    });
  }

  it('an answer that breaks the schema names the scenario and where it breaks', () => {
    let error: unknown;
    try {
      parseObservation('input', { inputType: 'x', results: [{ op: 'read', args: [3], value: 'abc', ms: 1 }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProbeProtocolError);
    expect((error as Error).message).toMatch(/scenario 'input'/);
    expect((error as Error).message).toMatch(/results\[0\]\.value|results\.0\.value/);
  });
});
