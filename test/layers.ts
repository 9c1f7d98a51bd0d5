/**
 * The layers' rule, as code: each top-level folder is a layer and imports only from layers
 * below it, and no module imports itself back through others. Tests sit above every layer
 * (they may import anything) and nothing else may import them. CONTRIBUTING.md explains the order.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

/** Lowest first: a layer may import from the layers before it. cli and scripts share the top. */
export const LAYERS: readonly (readonly string[])[] = [
  ['spec'],
  ['harness'],
  ['reports'],
  ['suites'],
  ['cli', 'scripts'],
];

/** Edges that break the rule and are tolerated for now: none. */
export const TOLERATED: ReadonlySet<string> = new Set();

export type Graph = ReadonlyMap<string, readonly string[]>;

const isTest = (file: string) =>
  /\.test\.ts$/.test(file) || /^test\//.test(file) || /(^|\/)(test-support|test-app)\//.test(file);

/** The layer's rank, 'test' for tests, undefined for a file in no layer (a root config file). */
export function layerOf(file: string): number | 'test' | undefined {
  if (isTest(file)) return 'test';
  const top = file.split('/')[0] ?? '';
  const rank = LAYERS.findIndex((names) => names.includes(top));
  return rank < 0 ? undefined : rank;
}

/** Every .ts file under root (relative, `/`-separated) and the repository files it imports. */
export function importGraph(root: string): Graph {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(relative(root, path));
    }
  };
  walk(root);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Imports that point up or sideways between layers, or from code into tests. */
export function backEdges(graph: Graph, tolerated: ReadonlySet<string> = TOLERATED): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    const a = layerOf(from);
    for (const to of targets) {
      const b = layerOf(to);
      const edge = `${from} -> ${to}`;
      if (a === 'test' || tolerated.has(edge)) continue;
      if (b === 'test') out.push(`${edge} (code imports a test helper)`);
      else if (a === undefined || b === undefined) continue;
      else if (b > a || (b === a && from.split('/')[0] !== to.split('/')[0]))
        out.push(`${edge} (layer ${LAYERS[a]} imports ${LAYERS[b]})`);
    }
  }
  return out.sort();
}

/** Import cycles (Tarjan's strongly connected components with more than one file, or a file importing itself). */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || graph.get(v)?.includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}
