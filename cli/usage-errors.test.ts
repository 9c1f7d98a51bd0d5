/** Usage errors of the options and commands: exit 2 and a message, in-process (fast). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

describe.sequential('usage errors exit 2 with a message', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [['server', '--preset', 'nope'], /unknown server preset "nope"/],
    [['server', '--cmd', 'x {nope}'], /unknown placeholder \{nope\}/],
    [['server', '--url', 'ftp://x'], /--url takes an http:\/\/ URL/],
    [['app', 'x.py', '--shard', '3/2'], /--shard takes i\/n with 1 <= i <= n/],
    [['app', 'x.py', '--shard', 'half'], /--shard takes i\/n/],
    [['app', 'x.py', '--update-baseline'], /--update-baseline needs --baseline FILE/],
    [['app', 'x.py', '--baseline', 'no-such-baseline.json'], /no such file; record one with --update-baseline/],
    [
      ['app', 'x.py', '--reporter', 'console,json'],
      /without --out would send 2 reports to stdout; add --out DIR \(files there: report\.json\)/,
    ],
    [
      ['app', 'x.py', '--reporter', 'junitx'],
      /unknown reporter "junitx": choose from console, json, junit, markdown, html, sarif, jsonl/,
    ],
    [['matrix'], /matrix needs --preset/],
    [['matrix', '--preset', 'all,gunicorn'], /do not list others with it/],
    [['matrix', '--preset', 'gunicorn,nope'], /unknown server preset "nope"/],
    [
      ['matrix', '--preset', 'wsgiref,werkzeug', '--reporter', 'json'],
      /--reporter json for several servers needs --out DIR/,
    ],
    [['merge'], /merge needs the result streams/],
    [['merge', 'no-such-stream.jsonl'], /cannot read no-such-stream\.jsonl: no such file/],
    [['merge', 'package.json'], /package\.json:1: not JSON|package\.json:\d+: not a stream line/],
    [['merge', 'x.jsonl', '--shard', '1/2'], /merge takes no --shard/],
    [['gallery', '--baseline', 'b.json'], /gallery takes neither --shard nor --baseline/],
  ])('%j', async (args, message) => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(args)).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toMatch(message);
  });
});
