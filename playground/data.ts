/** What the playground page is built with: the gallery, the runner's files, versions. */
export interface PlaygroundExample {
  file: string;
  title: string;
  lesson: string;
  code: string;
  expectFail: string[];
  expectWarn: string[];
}

export interface PlaygroundData {
  examples: PlaygroundExample[];
  /** Data files the examples read (lines.txt), placed beside the code. */
  extraFiles: Record<string, string>;
  /** runner.py and its modules, by file name. */
  runnerFiles: Record<string, string>;
  /** What `wsgi-conformance explain RULE` prints, for every rule (computed at build time). */
  explanations: Record<string, string>;
  toolVersion: string;
  pyodideVersion: string;
}

/** Where the pasted code lives inside the interpreter, and the target the suite loads. */
export const APP_DIR = '/home/pyodide/playground';
export const APP_FILE = 'app.py';
