/**
 * The real runs the renderer tests read. Each is recorded once by `npm run record-reports`
 * (test/record-reports.ts) into test/recorded/, so the renderers' tests need no Python and
 * no server, and one smoke test (reports/smoke.test.ts)
 * checks that a fresh run still matches its recording.
 */
export type Recording =
  | { readonly kind: 'app'; readonly fixture: string; readonly known?: readonly string[] }
  | { readonly kind: 'server'; readonly script: string; readonly only?: readonly string[] }
  | { readonly kind: 'garbage-server' };

export const RECORDINGS: readonly Recording[] = [
  { kind: 'app', fixture: 'broken/body-items-bytes.py' },
  { kind: 'app', fixture: 'broken/headers-value-no-ctl.py' },
  { kind: 'app', fixture: 'broken/headers-value-no-ctl.py', known: ['headers-value-no-ctl'] },
  { kind: 'app', fixture: 'broken/start-response-once.py' },
  { kind: 'app', fixture: 'broken/write-discouraged.py' },
  { kind: 'app', fixture: 'clean/plain_list.py' },
  { kind: 'app', fixture: 'hostile/hang.py' },
  { kind: 'app', fixture: 'hostile/import_error.py' },
  { kind: 'server', script: 'broken/close-called.py' },
  { kind: 'server', script: 'broken/close-called.py', only: ['close-after-success'] },
  { kind: 'server', script: 'broken/close-called.py', only: ['close-after-success', 'environ-types'] },
  {
    kind: 'server',
    script: 'broken/close-called.py',
    only: ['close-after-success', 'headers-names-latin1', 'environ-types'],
  },
  { kind: 'garbage-server' },
];

/** The file name of a recording under test/recorded/. */
export function recordingFile(r: Recording): string {
  const slug = (s: string) => s.replace(/\.py$/, '').replace(/[^a-z0-9]+/gi, '-');
  switch (r.kind) {
    case 'app':
      return `app-${slug(r.fixture)}${r.known?.length ? `--known-${r.known.map(slug).join('-')}` : ''}.json`;
    case 'server':
      return `server-${slug(r.script)}${r.only ? `--only-${r.only.map(slug).join('-')}` : ''}.json`;
    case 'garbage-server':
      return 'server-garbage.json';
  }
}
