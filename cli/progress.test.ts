/** The progress line: in place on a terminal, absent from logs and pipes. */
import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

function streams(stderrTTY: boolean, stdoutTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    io: {
      stderr: { isTTY: stderrTTY, columns: 40, write: (t: string) => (written.push(t), true) },
      stdout: { isTTY: stdoutTTY },
    },
  };
}

describe('progress', () => {
  it('updates one line in place on a terminal and clears it at the end', () => {
    const { written, io } = streams(true, true);
    const p = new Progress(io, {});
    p.update(1, 112, 'close-after-success');
    p.update(2, 112, 'ok');
    p.finish('112 cases judged');
    expect(written[0]).toBe('\r[1/112] close-after-success');
    expect(written[1]).toBe(`\r${'[2/112] ok'.padEnd('[1/112] close-after-success'.length)}`);
    expect(written.at(-1)).toMatch(/^\r +\r$/);
    expect(written.join('')).not.toContain('\u001b');
  });

  it('truncates to the terminal width and prefixes the target in a matrix', () => {
    const { written, io } = streams(true, true);
    new Progress(io, {}).update(3, 9, 'a-very-long-case-identifier-that-goes-on-and-on', 'gunicorn ');
    expect(written[0]).toBe(`\r${'[gunicorn 3/9] a-very-long-case-identifier-that-goes-on-and-on'.slice(0, 39)}`);
  });

  it.each([
    ['stderr is not a terminal', streams(false, true), {}],
    ['CI', streams(true, true), { CI: 'true' }],
    ['TERM=dumb', streams(true, true), { TERM: 'dumb' }],
  ])('writes nothing when %s', (_, { written, io }, env) => {
    const p = new Progress(io, env);
    p.update(1, 2, 'x');
    p.finish('2 cases judged');
    expect(written).toEqual([]);
  });

  it('prints only a final line when stdout is redirected', () => {
    const { written, io } = streams(true, false);
    const p = new Progress(io, {});
    p.update(1, 2, 'x');
    p.finish('2 cases judged');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^wsgi-conformance: 2 cases judged in \d+\.\d s\n$/);
  });
});
