/**
 * Tests that need something the machine may lack (a Debian package, Chromium, xmllint). On
 * a developer's machine they skip, saying what is missing; in CI (the CI environment
 * variable set, as every CI service and .ci/run do) they fail instead, naming the package
 * to install, so a CI run can never go green by skipping.
 */
import { describe, it, type TestFunction } from 'vitest';

/** CI is set to anything but "", "0" or "false". */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? '').trim().toLowerCase();
  return v !== '' && v !== '0' && v !== 'false';
}

/** The message a CI run fails with: what is missing and how to get it. */
export const missingMessage = (name: string, missing: string) =>
  `${name} cannot run: ${missing}. CI must not skip it: install what is named (.ci/run installs every Debian ` +
  `package the tests need).`;

/**
 * `it(name, fn, timeout)` when nothing is missing; otherwise a skip that says why, or in CI
 * a failing test that names what to install.
 */
export function itNeeds(missing: string | undefined | false, name: string, fn: TestFunction, timeout?: number): void {
  if (!missing) it(name, fn, timeout);
  else if (inCi())
    it(`${name} (missing: ${missing})`, () => {
      throw new Error(missingMessage(name, missing));
    });
  else it.skip(`${name} (skipped: ${missing})`, fn, timeout);
}

/** The same for a whole describe block: in CI a missing dependency adds one failing test. */
export function describeNeeds(missing: string | undefined | false, name: string, body: () => void): void {
  if (!missing) describe(name, body);
  else if (inCi())
    describe(name, () =>
      it(`missing: ${missing}`, () => {
        throw new Error(missingMessage(name, missing));
      }),
    );
  else describe.skip(`${name} (skipped: ${missing})`, body);
}
