/**
 * Which test file pins which preset. The groups run side by side, one process each (see preset-pins.ts),
 * so they are balanced by the time their certifications took (plain, TLS and the generative phase,
 * one after another, on two shared cores): daphne alone takes about 220 s, as long as either other
 * group, because most of its answers take about a second.
 */
export const PRESET_GROUPS = {
  /** The ASGI servers behind asgiref's WSGI adapter, and aiohttp's. */
  'asgi-adapters': ['daphne', 'uvicorn', 'hypercorn', 'aiohttp-wsgi'],
  /** Pure-Python servers running the application in a thread of one process. */
  'python-threaded': ['wsgiref', 'werkzeug', 'hg-serve', 'cheroot', 'cherrypy', 'paste', 'waitress'],
  /** Pre-forking workers, C servers and event loops. */
  'workers-and-loops': [
    'gunicorn',
    'gunicorn-gthread',
    'uwsgi',
    'mod_wsgi',
    'gevent',
    'eventlet',
    'twisted',
    'tornado',
  ],
} as const satisfies Record<string, readonly string[]>;

export type PresetGroup = keyof typeof PRESET_GROUPS;
