/** A server process we started: its group, its readiness, its output, its restarts. */
import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { canConnect, httpUrl } from './net-check.js';
import type { Preset } from './presets.js';
import { ProcessGroup, removeAtExit, sleep } from './process-group.js';
import { LaunchError, outputNote, type AppSpec, type RunningServer } from './server-types.js';
import { joinShellWords } from './shell-words.js';
import { expandTemplate, TemplateError } from './template.js';
import type { TlsClient, TlsMaterial } from './tls.js';

const TAIL = 8192;

export interface Recipe {
  name: string;
  template: string;
  /** placeholder values ({host}, {port}, {app}, ...) */
  values: Record<string, string>;
  preset?: Preset;
  python?: string;
  host: string;
  port: number;
  app: AppSpec;
  env: Record<string, string>;
  startTimeoutMs: number;
  /** created by us, removed on stop() */
  workDir: string;
  /** --tls: the files the server loads, and what clients verify it with. */
  tls?: { material: TlsMaterial; client: TlsClient };
}

function fileTail(path: string): string {
  try {
    const size = statSync(path).size;
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(size, TAIL));
      readSync(fd, buffer, 0, buffer.length, size - buffer.length);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

export class ManagedServer implements RunningServer {
  readonly name: string;
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly tls?: TlsClient;
  version?: string;
  readonly python?: string;
  command?: string;
  private group: ProcessGroup | undefined;
  private tail = '';
  private logFiles: string[] = [];
  private forgetWorkDir: (() => void) | undefined;

  constructor(private readonly recipe: Recipe) {
    ({ name: this.name, host: this.host, port: this.port, python: this.python } = recipe);
    this.url = httpUrl(recipe.host, recipe.port);
    if (recipe.tls) {
      this.url = this.url.replace(/^http:/, 'https:');
      this.tls = recipe.tls.client;
    }
  }

  get pid(): number | undefined {
    return this.group?.pgid;
  }

  output(): string {
    const logs = this.logFiles.map((f) => fileTail(f)).filter((t) => t.trim());
    return [this.tail, ...logs].join('\n').slice(-TAIL);
  }

  private note(line: string): void {
    this.tail = `${this.tail}\n[wsgi-conformance] ${line}\n`.slice(-TAIL);
  }

  /** Write the preset's files, spawn, and wait until a TCP connect succeeds. */
  async start(): Promise<void> {
    const r = this.recipe;
    mkdirSync(r.workDir, { recursive: true });
    this.forgetWorkDir ??= removeAtExit(r.workDir);
    const setup =
      r.preset?.setup &&
      (await r.preset.setup({
        host: r.host,
        port: r.port,
        app: r.app,
        workDir: r.workDir,
        env: r.env,
        ...(r.tls ? { tls: r.tls.material } : {}),
      }));
    this.logFiles = setup?.logFiles ?? [];
    let argv: string[];
    try {
      argv = expandTemplate(r.template, { ...r.values, ...setup?.vars });
    } catch (e) {
      if (e instanceof TemplateError) throw new LaunchError('bad-template', e.message);
      throw e;
    }
    this.command = joinShellWords(argv);
    // A --cmd runs where the user typed it, so relative paths in it work; presets run in
    // their own work folder, where servers may drop pid and log files.
    const group = new ProcessGroup(
      argv,
      { cwd: r.preset ? r.workDir : process.cwd(), env: { ...process.env, ...r.env } },
      (s) => {
        this.tail = (this.tail + s).slice(-TAIL);
      },
    );
    this.group = group;
    const deadline = Date.now() + r.startTimeoutMs;
    for (;;) {
      if (group.spawnError) {
        await this.stopProcess();
        const e = group.spawnError;
        if (e.code === 'ENOENT')
          throw new LaunchError(
            'not-installed',
            `command not found: ${argv[0]} (in: ${this.command}); install it or give its absolute path`,
          );
        throw new LaunchError('exited', `could not start ${this.command}: ${e.message}`);
      }
      if (group.exited !== undefined) {
        await this.stopProcess(); // whatever it forked before dying
        throw new LaunchError(
          'exited',
          `the server exited (${group.exited}) before accepting connections on ${r.host}:${r.port}\ncommand: ` +
            `${this.command}\n` +
            `check that it can import ${r.app.module}:${r.app.callable}, listens on {host}:{port} and stays in ` +
            `the foreground (a server that daemonizes cannot be managed)${outputNote(this.output())}`,
        );
      }
      if (await canConnect(r.host, r.port, 500)) return;
      if (Date.now() >= deadline) {
        await this.stopProcess();
        throw new LaunchError(
          'timeout',
          `the server did not accept a TCP connection on ${r.host}:${r.port} within ${r.startTimeoutMs} ms (it ` +
            `was stopped)\ncommand: ${this.command}\n` +
            `check that the command listens on {host}:{port}; a slow server needs a longer start ` +
            `timeout${outputNote(this.output())}`,
        );
      }
      await sleep(50);
    }
  }

  private async stopProcess(): Promise<void> {
    await this.group?.stop();
  }

  async alive(): Promise<boolean> {
    const g = this.group;
    return g !== undefined && g.exited === undefined && (await canConnect(this.host, this.port));
  }

  async restart(reason: string): Promise<void> {
    await this.stopProcess();
    this.note(`restart: ${reason}`);
    await this.start();
  }

  async stop(): Promise<void> {
    await this.stopProcess();
    this.tail = this.output(); // keep the log files' tails: the work dir goes now
    this.logFiles = [];
    rmSync(this.recipe.workDir, { recursive: true, force: true });
    this.forgetWorkDir?.();
    this.forgetWorkDir = undefined;
  }
}
