"""Middleware certification: TARGET is a factory, `factory(app, **args) -> wsgi_app`.

The runner's strict gateway calls the wrapped application (the middleware judged as an
application, towards the server); the middleware in turn calls one of the instrumented inner
applications (the middleware judged as a server, towards the application). One middleware is
built per inner behaviour and reused across calls, as a server reuses its application.
"""
from _wsgiconf_middleware_inner import KINDS, InnerApp, Recorder


class MiddlewareHost(object):
    def __init__(self, factory, kwargs, describe, error_info):
        self.factory, self.kwargs = factory, kwargs
        self.rec = Recorder(describe, error_info)
        self.built = {}
        self.locator = None  # _wsgiconf_locations.Locator: where in the middleware inner events come from

    def build(self, kind):
        if kind not in self.built:
            self.built[kind] = self.factory(InnerApp(self.rec, kind), **self.kwargs)
        return self.built[kind]

    def for_call(self, cid, scenario, emit):
        """The WSGI application the gateway calls for this scenario (inner events carry the call id)."""
        def emit_inner(event):
            event['id'] = cid
            if self.locator is not None:
                self.locator.annotate(event)
            emit(event)
        self.rec.emit = emit_inner
        return self.build(scenario.get('inner') or 'plain')


def load_middleware(cmd, load_target, describe, error_info):
    """Returns (MiddlewareHost or None, event): loads the factory and builds it around an inner app once."""
    factory, event = load_target(cmd['target'], cmd['cwd'], describe, error_info)
    if factory is None:
        return None, event
    kwargs = dict(cmd.get('args') or {})
    host = MiddlewareHost(factory, kwargs, describe, error_info)
    try:
        wrapped = host.build('plain')
    except BaseException as e:
        return None, {'type': 'load-error', 'stage': 'lookup', 'error': error_info(e),
                      'message': 'calling the factory %s(app%s) raised %s: %s' % (
                          event['name'], ''.join(', %s=%r' % kv for kv in sorted(kwargs.items())),
                          type(e).__name__, e)}
    if not callable(wrapped):
        return None, {'type': 'load-error', 'stage': 'lookup',
                      'message': 'the factory %s(app) returned %s, not a WSGI application'
                                 % (event['name'], type(wrapped).__name__)}
    event['middleware'] = describe(wrapped)
    return host, event


__all__ = ['KINDS', 'MiddlewareHost', 'load_middleware']
