/** A completed (or aborted) in-process call, as cases read it. */
import type { CallRecord } from './app-session.js';
import type { EventOf, RunnerEvent, TypedValue } from './protocol.js';

type Type = RunnerEvent['type'];

export class CallTrace {
  readonly scenario: string;
  /** The route label of a user or crawled request ("GET /api/items"); undefined for built-in scenarios. */
  readonly route: string | undefined;
  readonly events: readonly RunnerEvent[];
  readonly error: CallRecord['error'];

  constructor(record: CallRecord) {
    this.scenario = record.scenario;
    this.route = record.route;
    this.events = record.events;
    this.error = record.error;
  }

  of<T extends Type>(type: T): EventOf<T>[] {
    return this.events.filter((e): e is EventOf<T> => e.type === type);
  }

  first<T extends Type>(type: T): EventOf<T> | undefined {
    return this.events.find((e): e is EventOf<T> => e.type === type);
  }

  get startResponses(): EventOf<'start-response'>[] {
    return this.of('start-response');
  }

  /** The value the application returned, if the call returned. */
  get returned(): EventOf<'return'> | undefined {
    return this.first('return');
  }

  /** Exceptions raised by the application itself (not the call-site signature error). */
  get exceptions(): EventOf<'exception'>[] {
    return this.of('exception');
  }

  /** The call ran to its end (returned, iterated, closed) without the runner dying or hanging. */
  get completed(): boolean {
    return this.error === undefined;
  }

  /** The application raised out of the call or its iteration (not counting close()). */
  get raised(): boolean {
    return this.exceptions.some((e) => e.phase === 'call' || e.phase === 'iteration');
  }

  /** The exc_info argument of a start_response call, if one was passed. */
  static excInfo(sr: EventOf<'start-response'>): TypedValue | undefined {
    const value = sr.args[2] ?? sr.kwargs.exc_info;
    return value && value.t !== 'NoneType' ? value : undefined;
  }
}
