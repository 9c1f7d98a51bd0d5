/**
 * A pinned skip is a row that judged nothing on that server. Each one is triaged in
 * suites/server/pinned-skips.json (why the case could not judge, in a reviewed class), so a
 * pass that turns into a skip cannot slip into a pin with a re-pin: the new skip line fails
 * here until someone reads its reason and records it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../harness/paths.js';
import type { Pinned } from './pinned.js';

interface TriagedSkip {
  pin: string;
  case: string;
  rule: string;
  class: string;
  reason: string;
  judgedBy?: string;
  review?: string;
  /** The page of docs/findings/ that explains the server behaviour behind the skip, when it is a deviation. */
  finding?: string;
}
const triage = JSON.parse(readFileSync(fromRoot('suites', 'server', 'pinned-skips.json'), 'utf8')) as {
  classes: Record<string, string>;
  skips: TriagedSkip[];
};
const folder = fromRoot('suites', 'server', 'pinned');
/** Pin file name without .json (gunicorn.tls is the TLS pin of gunicorn) -> its verdict lines. */
const pins = new Map(
  readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -5), (JSON.parse(readFileSync(`${folder}/${f}`, 'utf8')) as Pinned).verdict] as const),
);
const key = (pin: string, c: string, rule: string) => `${pin} ${c} ${rule}`;
const pinnedSkips = [...pins].flatMap(([pin, verdict]) =>
  verdict.filter((v) => v.endsWith(' skip')).map((v) => key(pin, ...(v.split(' ') as [string, string]))),
);
const triaged = triage.skips.map((e) => key(e.pin, e.case, e.rule));

const HOW =
  'read the skip reason (wsgi-conformance server --preset PRESET [--tls] --python /usr/bin/python3 --only CASE ' +
  '--reporter json), then add {pin, case, rule, class, reason} to suites/server/pinned-skips.json; a skip that ' +
  'hides a suite bug is fixed in the suite and the preset re-pinned instead';

describe('every pinned skip is triaged (suites/server/pinned-skips.json)', () => {
  it('each skip line of a pin has an entry', () => {
    const untriaged = pinnedSkips.filter((k) => !triaged.includes(k));
    expect(untriaged, `untriaged pinned skips: ${HOW}`).toEqual([]);
  });

  it('no entry is stale or doubled', () => {
    expect(
      triaged.filter((k) => !pinnedSkips.includes(k)),
      'no longer a pinned skip: drop the entry',
    ).toEqual([]);
    expect(triaged.filter((k, i) => triaged.indexOf(k) !== i)).toEqual([]);
  });

  it('each entry has a known class and a reason; an inconclusive or not-applicable one a review', () => {
    for (const e of triage.skips) {
      const k = key(e.pin, e.case, e.rule);
      expect(Object.keys(triage.classes), k).toContain(e.class);
      expect(e.reason.length, k).toBeGreaterThan(10);
      if (e.class === 'inconclusive' || e.class === 'not-applicable') expect(e.review, k).toBeTruthy();
    }
  });

  it('a skip explained by a finding names a page of docs/findings/ that its review points to', () => {
    for (const e of triage.skips.filter((x) => x.finding)) {
      const k = key(e.pin, e.case, e.rule);
      expect(existsSync(fromRoot('docs', 'findings', e.finding ?? '')), k).toBe(true);
      expect(e.finding?.startsWith(`${e.pin.split('.')[0]}-`), k).toBe(true);
      expect(e.review ?? '', k).toContain(e.finding);
    }
  });

  it('a skip blocked by another failure names a row the same pin fails or warns', () => {
    const blocked = triage.skips.filter((e) => e.class === 'blocked-by-pinned-failure');
    expect(blocked.length).toBeGreaterThan(0);
    for (const e of blocked) {
      const verdict = pins.get(e.pin) ?? [];
      expect(
        verdict.some((v) => v === `${e.judgedBy} fail` || v === `${e.judgedBy} warn`),
        `${key(e.pin, e.case, e.rule)} is blocked by "${e.judgedBy}", which ${e.pin}'s pin does not fail`,
      ).toBe(true);
    }
  });
});
