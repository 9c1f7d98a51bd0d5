/**
 * Towards the application: the middleware judged as a server by the instrumented inner
 * applications (PEP 3333, Middleware: Components that Play Both Sides). Server-side rules
 * keep their ids; the block-boundary rules are the middleware's own.
 */
import type { EventOf, RunnerEvent } from '../../harness/protocol.js';
import type { CallTrace } from '../../harness/trace.js';
import { WSGI_KEYS } from '../../spec/environ-keys.js';
import type { Breach } from '../../spec/schemas/issue.js';
import type { AppCase } from '../case.js';
import { blockBoundary, declaredLength, innerCall, innerServed, outerBodyBytes, outerExhausted } from './facts.js';
import { locateInner } from './locate.js';

/** A check of the inner call's environ or arguments; null when the inner application was not called. */
function onInnerCall(check: (c: EventOf<'inner-call'>) => Breach[]): (call: CallTrace) => Breach[] | null {
  return (call) => {
    const c = call.completed ? innerCall(call) : undefined;
    return c ? check(c) : null;
  };
}

/** Each call's block-boundary observation, worked out once for the five rules that read it. */
const boundaries = new WeakMap<CallTrace, Breach | null>();

/** One block-boundary rule: the call's single block-boundary observation, if it is this rule's. */
function boundary(rule: string): (call: CallTrace) => Breach[] | null {
  return (call) => {
    if (!innerServed(call)) return null;
    if (!boundaries.has(call)) boundaries.set(call, blockBoundary(call));
    const f = boundaries.get(call);
    return f?.rule === rule ? [f] : [];
  };
}

/** Did the gateway already have body bytes (so the headers were sent) before event `at`? */
function sentBefore(events: readonly RunnerEvent[], at: number): boolean {
  return events
    .slice(0, at)
    .some((e) => (e.type === 'item' && (e.value.n ?? 0) > 0) || (e.type === 'write' && (e.data.n ?? 0) > 0));
}

function excInfoCalls(call: CallTrace): { sr: EventOf<'inner-start-response'>; sent: boolean }[] {
  if (!call.completed) return [];
  return call.events.flatMap((e, i) =>
    e.type === 'inner-start-response' && e.excInfo ? [{ sr: e, sent: sentBefore(call.events, i) }] : [],
  );
}

/** The inner iterable is the instrumented one (not the gateway's file wrapper), so its close() is seen. */
const closable = (call: CallTrace) => innerServed(call) && innerCall(call)?.app !== 'file-wrapper';
const innerClosed = (call: CallTrace) => call.of('inner-close').length > 0;
const notClosed = (rule: string, when: string): Breach[] => [
  {
    rule,
    message: `the inner iterable's close() was never called ${when}`,
    expected: "call close() on the inner iterable, e.g. from your own iterable's close()",
  },
];

/** Each finding points at the middleware's own line (see locate.ts) unless its check named one. */
const located = (cases: readonly AppCase[]): readonly AppCase[] =>
  cases.map((c) => {
    const check = c.check;
    if (!check) return c;
    return {
      ...c,
      check: (call: CallTrace) =>
        check(call)?.map((f) => {
          const at = f.at ?? locateInner(f.rule, call);
          return at ? { ...f, at } : f;
        }) ?? null,
    };
  });

export const towardsApplicationCases: readonly AppCase[] = located([
  {
    id: 'inner-environ-builtin-dict',
    rules: ['env-dict-builtin'],
    description: 'The middleware calls the wrapped application with a builtin dict as environ.',
    check: onInnerCall((c) =>
      c.environType === 'dict'
        ? []
        : [{ rule: 'env-dict-builtin', message: `environ is ${c.environType}`, expected: 'a builtin dict' }],
    ),
  },
  {
    id: 'inner-called-positionally',
    rules: ['env-call-positional'],
    description: 'The middleware calls the wrapped application with two positional arguments.',
    check: onInnerCall((c) =>
      c.args === 2 && !c.kwargs.length
        ? []
        : [
            {
              rule: 'env-call-positional',
              message:
                `the inner application was called with ${c.args} positional ` +
                `argument(s)${c.kwargs.length ? ` and keywords ${c.kwargs.join(', ')}` : ''}`,
              expected: 'app(environ, start_response)',
            },
          ],
    ),
  },
  {
    id: 'inner-called-once-per-request',
    rules: ['env-call-once-per-request'],
    description: 'The middleware calls the wrapped application at most once per request.',
    check: (call) => {
      const calls = call.completed ? call.of('inner-call') : [];
      if (!calls.length) return null;
      // An internal redirect (another PATH_INFO, as paste.errordocument makes) is a new request.
      const target = (c: EventOf<'inner-call'>) =>
        `${c.environ.SCRIPT_NAME?.v ?? ''}${c.environ.PATH_INFO?.v ?? ''}?${c.environ.QUERY_STRING?.v ?? ''}`;
      const first = calls[0] as EventOf<'inner-call'>;
      const again = calls.filter((c) => target(c) === target(first)).length;
      return again === 1
        ? []
        : [
            {
              rule: 'env-call-once-per-request',
              message: `the inner application was called ${again} times for one request to ${target(first)}`,
              expected: 'one call per request',
            },
          ];
    },
  },
  {
    id: 'inner-write-accepted',
    rules: ['write-sent-or-queued'],
    description: 'The write() callable the middleware gives the wrapped application accepts a bytestring.',
    check: (call) => {
      const writes = call.completed ? call.of('inner-write') : [];
      if (!writes.length) return null;
      const bad = writes.find((w) => w.error);
      return bad?.error
        ? [
            {
              rule: 'write-sent-or-queued',
              message: `write(b'...') raised ${bad.error.type}: ${bad.error.message}`,
              expected: 'write() sends or queues the bytes',
            },
          ]
        : [];
    },
  },
  {
    id: 'inner-environ-wsgi-keys',
    rules: ['env-wsgi-keys-present'],
    description: 'The environ the wrapped application gets has every wsgi.* key PEP 3333 requires.',
    check: onInnerCall((c) => {
      const missing = WSGI_KEYS.filter((k) => !(k in c.environ));
      return missing.length
        ? [
            {
              rule: 'env-wsgi-keys-present',
              message: `the inner environ lacks ${missing.join(', ')}`,
              expected: 'every required wsgi.* key',
            },
          ]
        : [];
    }),
  },
  {
    id: 'inner-environ-request-method',
    rules: ['env-request-method'],
    description: 'The environ the wrapped application gets has a non-empty REQUEST_METHOD.',
    check: onInnerCall((c) => {
      const m = c.environ.REQUEST_METHOD;
      return m?.t === 'str' && m.v
        ? []
        : [
            {
              rule: 'env-request-method',
              message: `REQUEST_METHOD is ${m ? `${m.t} ${JSON.stringify(m.v ?? m.r ?? '')}` : 'missing'}`,
              expected: "a non-empty str such as 'GET'",
            },
          ];
    }),
  },
  {
    id: 'inner-environ-cgi-str',
    rules: ['env-cgi-str'],
    description: 'Every CGI and HTTP_ variable the wrapped application gets is a native str.',
    check: onInnerCall((c) => {
      const bad = Object.entries(c.environ).filter(([k, v]) => !k.includes('.') && v.t !== 'str');
      return bad.map(([k, v]) => ({
        rule: 'env-cgi-str',
        message: `environ[${JSON.stringify(k)}] is ${v.t}`,
        expected: 'str',
      }));
    }),
  },
  {
    id: 'inner-start-response-returns-write',
    rules: ['start-response-returns-write'],
    description: 'The start_response the middleware gives the wrapped application returns a write(body_data) callable.',
    check: (call) => {
      const srs = call.completed ? call.of('inner-start-response').filter((s) => !s.raised) : [];
      if (!srs.length) return null;
      return srs
        .filter((s) => !s.writeCallable)
        .slice(0, 1)
        .map((s) => ({
          rule: 'start-response-returns-write',
          message: `start_response returned ${s.returned?.t ?? 'nothing'}`,
          expected: 'the write(body_data) callable',
        }));
    },
  },
  {
    id: 'inner-exc-info-before-sent',
    rules: ['exc-info-replace-before-sent'],
    description:
      'Before anything was sent, start_response with exc_info replaces the status and headers instead of raising.',
    check: (call) => {
      const before = excInfoCalls(call).filter((x) => !x.sent);
      if (!before.length) return null;
      return before
        .filter((x) => x.sr.raised)
        .slice(0, 1)
        .map((x) => ({
          rule: 'exc-info-replace-before-sent',
          message:
            `start_response(status, headers, exc_info) raised ${x.sr.raised?.type}: ${x.sr.raised?.message} ` +
            `although no body byte had reached the gateway`,
          expected: 'accept the new status and headers',
        }));
    },
  },
  {
    id: 'inner-exc-info-after-sent',
    rules: ['exc-info-raise-after-sent', 'exc-info-reraise-original'],
    description:
      'Once body bytes reached the gateway, start_response with exc_info raises, and raises exc_info[1] itself.',
    check: (call) => {
      const after = excInfoCalls(call).filter((x) => x.sent);
      if (!after.length) return null;
      return after.slice(0, 1).flatMap(({ sr }): Breach[] => {
        if (!sr.raised)
          return [
            {
              rule: 'exc-info-raise-after-sent',
              message:
                'start_response(status, headers, exc_info) returned normally after the gateway had sent body bytes',
              expected: 'raise exc_info[1] (the headers cannot be changed any more)',
            },
          ];
        return sr.reraisedOwn
          ? []
          : [
              {
                rule: 'exc-info-reraise-original',
                message:
                  `start_response(status, headers, exc_info) raised ${sr.raised.type}: ${sr.raised.message}, not ` +
                  `the application's own exception`,
                expected: 'raise exc_info[1]',
              },
            ];
      });
    },
  },
  {
    id: 'inner-exc-info-not-kept',
    rules: ['exc-info-no-lingering-ref'],
    description:
      "After the middleware's start_response(..., exc_info) replaced the unsent headers and returned, nothing it " +
      'keeps refers to the exception: it is freed as soon as the wrapped application drops it (weak references, ' +
      'without gc.collect()).',
    check: (call) => {
      const obs = call.completed ? call.first('inner-exc-info-ref') : undefined;
      if (!obs?.replaced) return null;
      if (!obs.exceptionAlive && !obs.frameObjectAlive) return [];
      return [
        {
          rule: 'exc-info-no-lingering-ref',
          message: obs.exceptionAlive
            ? `the exception passed in exc_info was still alive after the middleware's start_response returned and ` +
              `the inner application dropped it (held by: ${(obs.referrers ?? []).join(', ') || 'unknown'})`
            : "an object referenced only by the traceback passed in exc_info was still alive after the middleware's " +
              'start_response returned',
          expected: 'no reference to exc_info kept beyond the call (set it to None in a finally: block)',
        },
      ];
    },
  },
  {
    id: 'inner-closed-on-success',
    rules: ['close-called'],
    description: 'When the inner iterable was iterated to its end, the middleware calls its close().',
    check: (call) => {
      if (!closable(call) || call.first('inner-end')?.reason !== 'exhausted' || !outerExhausted(call)) return null;
      return innerClosed(call) ? [] : notClosed('close-called', 'after a complete response');
    },
  },
  {
    id: 'inner-closed-after-early-stop',
    rules: ['close-after-early-stop'],
    description:
      "When the gateway stops iterating early and closes the middleware's iterable, the inner iterable is closed too.",
    check: (call) => {
      // The gateway closed the middleware's iterable (or could not: it has no close()).
      const closed = call.first('close')?.ok === true || call.returned?.hasClose === false;
      if (!closable(call) || call.first('iter-end')?.reason !== 'stopped' || !closed) return null;
      return innerClosed(call)
        ? []
        : notClosed('close-after-early-stop', 'when the gateway stopped early and closed the middleware');
    },
  },
  {
    id: 'inner-closed-on-error',
    rules: ['close-on-error'],
    description: 'When the inner iterable raises during iteration, the middleware still calls its close().',
    check: (call) => {
      if (!closable(call) || call.first('inner-end')?.reason !== 'raised') return null;
      return innerClosed(call) ? [] : notClosed('close-on-error', 'after it raised during iteration');
    },
  },
  {
    id: 'inner-closed-once',
    rules: ['close-once-no-iter-after'],
    description: 'The middleware closes the inner iterable at most once and never iterates it after close().',
    check: (call) => {
      if (!closable(call)) return null;
      const closes = Math.max(0, ...call.of('inner-close').map((c) => c.count));
      const after = call.of('inner-next').find((n) => n.closed);
      if (after)
        return [
          {
            rule: 'close-once-no-iter-after',
            message: `the middleware asked the inner iterable for item ${after.index} after closing it`,
            expected: 'no iteration after close()',
          },
        ];
      return closes > 1
        ? [
            {
              rule: 'close-once-no-iter-after',
              message: `the inner iterable was closed ${closes} times`,
              expected: 'close() once',
            },
          ]
        : [];
    },
  },
  {
    id: 'inner-input-returns-bytes',
    rules: ['input-returns-bytes'],
    description:
      'The wsgi.input the wrapped application gets returns bytes from read, readline, readlines and iteration.',
    check: (call) => {
      const reads = call.completed ? call.of('inner-input').filter((r) => r.result) : [];
      if (!reads.length) return null;
      const bad = reads.find((r) =>
        r.method === 'readlines' || r.method === 'iter' ? r.result?.t !== 'list' : r.result?.t !== 'bytes',
      );
      return bad
        ? [
            {
              rule: 'input-returns-bytes',
              message:
                `wsgi.input.${bad.method.replace('[]', '() item')}${bad.method.endsWith('[]') ? '' : '()'} returned ` +
                `${bad.result?.t}`,
              expected: 'bytes (a list of bytes from readlines)',
            },
          ]
        : [];
    },
  },
  {
    id: 'inner-file-wrapper-iterable',
    rules: ['file-wrapper-returns-iterable'],
    description: 'The wsgi.file_wrapper the wrapped application gets returns an iterable.',
    check: (call) => {
      const fw = call.completed ? call.first('inner-file-wrapper') : undefined;
      if (!fw) return null;
      return fw.iterable
        ? []
        : [
            {
              rule: 'file-wrapper-returns-iterable',
              message: `wsgi.file_wrapper(file, 8192) returned ${fw.returned.t}`,
              expected: 'an iterable over the file',
            },
          ];
    },
  },
  {
    id: 'middleware-copes-with-conforming-apps',
    rules: ['middleware-both-sides'],
    description:
      'The middleware answers for every conforming behaviour of the wrapped application without an error of its own.',
    check: (call) => {
      if (!call.completed || !call.scenario.startsWith('inner-') || !innerCall(call)) return null;
      // Errors that passed through start_response or write() are judged by their own cases.
      if (
        call.of('inner-start-response').some((s) => s.raised && s.excInfo) ||
        call.of('inner-write').some((w) => w.error)
      )
        return null;
      const own = call.exceptions.find(
        (e) => !e.fromGateway && !e.atCallSite && e.phase !== 'close' && !/^inner application /.test(e.error.message),
      );
      if (!own) return [];
      const app = innerCall(call)?.app ?? '';
      return [
        {
          rule: 'middleware-both-sides',
          message:
            `the middleware raised ${own.error.type}: ${own.error.message} (${own.phase}) around the conforming ` +
            `inner application "${app}"`,
          expected:
            'serve every behaviour PEP 3333 allows an application (lazy start_response, write(), exc_info, empty ' +
            'chunks)',
        },
      ];
    },
  },
  {
    id: 'middleware-returns-iterable-promptly',
    rules: ['middleware-return-promptly'],
    description: "The middleware returns its iterable without iterating the inner application's first.",
    check: boundary('middleware-return-promptly'),
  },
  {
    id: 'middleware-yielded-data-not-written',
    rules: ['middleware-no-write-for-yielded'],
    description: "The middleware does not push what the inner application yielded through the gateway's write().",
    check: boundary('middleware-no-write-for-yielded'),
  },
  {
    id: 'middleware-yields-per-inner-yield',
    rules: ['middleware-yield-per-yield'],
    description: 'The middleware yields at least one item each time the inner application yields one.',
    check: (call) => (innerServed(call) && outerExhausted(call) ? boundary('middleware-yield-per-yield')(call) : null),
  },
  {
    id: 'middleware-no-look-ahead',
    rules: ['middleware-no-block-iteration'],
    description: 'The middleware pulls one inner item per item the gateway pulls, never waiting for several.',
    check: (call) =>
      innerServed(call) && call.of('inner-yield').length > 0 ? boundary('middleware-no-block-iteration')(call) : null,
  },
  {
    id: 'middleware-blocks-not-delayed',
    rules: ['body-no-delay'],
    description:
      'A middleware that hands the body on unchanged passes each inner block to the gateway before it pulls the next.',
    check: (call) => (innerServed(call) && outerExhausted(call) ? boundary('body-no-delay')(call) : null),
  },
  {
    id: 'middleware-content-length-adjusted',
    rules: ['middleware-adjust-content-length'],
    description: 'The Content-Length the middleware declares matches the body it sends.',
    check: (call) => {
      const method = innerCall(call)?.environ.REQUEST_METHOD?.v;
      const declared = declaredLength(call);
      if (!innerServed(call) || !outerExhausted(call) || method === 'HEAD' || declared === undefined) return null;
      const sent = outerBodyBytes(call);
      return sent === declared
        ? []
        : [
            {
              rule: 'middleware-adjust-content-length',
              message: `Content-Length: ${declared} declared, ${sent} body bytes sent`,
              expected: 'drop Content-Length or set it to the length of the body you send',
            },
          ];
    },
  },
]);
