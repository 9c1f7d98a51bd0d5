/** PEP 3333, Optional Platform-Specific File Handling: what the application hands to wsgi.file_wrapper. */
import { describe } from '../../spec/schemas/values.js';
import { defineCases } from '../case.js';

export const fileWrapperCases = defineCases([
  {
    id: 'file-wrapper-given-readable',
    rules: ['file-wrapper-filelike-read'],
    description: 'The object passed to wsgi.file_wrapper has a read() method.',
    check: (call) => {
      const uses = call.of('file-wrapper');
      if (!uses.length) return null;
      return uses
        .filter((u) => !u.hasRead)
        .map((u) => ({
          rule: 'file-wrapper-filelike-read',
          message: `wsgi.file_wrapper was given ${u.args[0] ? describe(u.args[0]) : 'nothing'}, which has no read()`,
          expected: 'a file-like object with read([size])',
        }));
    },
  },
]);
