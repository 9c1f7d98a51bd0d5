import { describe, expect, it } from 'vitest';
import { fromRoot } from '../harness/paths.js';
import { backEdges, cycles, type Graph, importGraph, TOLERATED } from './layers.js';

describe('layers point one way: spec <- harness <- reports <- suites <- cli | scripts', () => {
  const graph = importGraph(fromRoot());

  it('reads the imports of every .ts file', () => {
    expect(graph.get('cli/main.ts')).toContain('cli/usage.ts');
    expect(graph.size).toBeGreaterThan(150);
  });

  it('no module imports from a layer above its own', () => {
    expect(backEdges(graph)).toEqual([]);
  });

  it('no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('tolerates only edges that still exist', () => {
    for (const edge of TOLERATED) {
      const [from, to] = edge.split(' -> ') as [string, string];
      if (graph.has(from)) expect(graph.get(from), edge).toContain(to);
    }
  });
});

describe('the layer check can fail', () => {
  const synthetic: Graph = new Map([
    ['spec/rule.ts', []],
    ['harness/trace.ts', ['spec/rule.ts']],
    ['reports/result.ts', []],
    ['suites/case.ts', ['harness/trace.ts', 'reports/result.ts']],
    ['cli/main.ts', ['suites/case.ts']],
    ['scripts/bench.ts', ['cli/main.ts']],
    ['test/helper.ts', ['cli/main.ts']],
    ['spec/rule.test.ts', ['test/helper.ts', 'cli/main.ts']],
  ]);

  it('a graph that follows the rule passes, tests included', () => {
    expect(backEdges(new Map([...synthetic].filter(([f]) => f !== 'scripts/bench.ts')))).toEqual([]);
  });

  it('names a back edge, a sideways edge between cli and scripts, and code importing a test helper', () => {
    const bad = new Map(synthetic);
    bad.set('spec/rule.ts', ['harness/trace.ts']);
    bad.set('harness/paths.ts', ['test/helper.ts']);
    expect(backEdges(bad)).toEqual([
      'harness/paths.ts -> test/helper.ts (code imports a test helper)',
      'scripts/bench.ts -> cli/main.ts (layer cli,scripts imports cli,scripts)',
      'spec/rule.ts -> harness/trace.ts (layer spec imports harness)',
    ]);
  });

  it('finds a cycle inside one layer and a file importing itself', () => {
    const bad = new Map(synthetic);
    bad.set('harness/a.ts', ['harness/b.ts']);
    bad.set('harness/b.ts', ['harness/c.ts']);
    bad.set('harness/c.ts', ['harness/a.ts']);
    bad.set('reports/self.ts', ['reports/self.ts']);
    expect(cycles(bad)).toEqual([['harness/a.ts', 'harness/b.ts', 'harness/c.ts'], ['reports/self.ts']]);
  });
});
