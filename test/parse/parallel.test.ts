import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateMesh } from '../../bench/generate.js';
import { compile, compileParallel } from '../../src/compile.js';
import { DiagnosticBag } from '../../src/diagnostics/index.js';
import { emitStatic } from '../../src/output/index.js';
import { parse, reparsedFiles, spanAt, type ParsedDocument } from '../../src/parse/index.js';
import { parseParallel } from '../../src/parse/parallel.js';
import { SourceFile, type SourceInput } from '../../src/source/index.js';
import { repoPath } from '../helpers/paths.js';

const sorted = (inputs: readonly SourceInput[]): SourceFile[] =>
  [...inputs].sort((a, b) => (a.path < b.path ? -1 : 1)).map((i) => new SourceFile(i.path, i.text));

/** The examples and the bad corpus as one input set; the bad files sort last, into the workers' shares. */
function corpus(): SourceInput[] {
  const bad = repoPath('test', 'bad');
  const files: SourceInput[] = fs
    .readdirSync(bad)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: `zz-bad/${f}`, text: fs.readFileSync(path.join(bad, f), 'utf8') }));
  for (const ex of fs.readdirSync(repoPath('examples'))) {
    const dir = repoPath('examples', ex);
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      files.push({ path: `examples/${ex}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') });
    }
  }
  return files;
}

const plain = (docs: readonly ParsedDocument[]) => docs.map((d) => ({ file: d.file, index: d.index, value: d.value, span: d.span }));

describe('parse: in parallel (src/parse/parallel.ts)', () => {
  const sources = sorted(corpus());

  test('gives the same documents, in the same order, and the same diagnostics as parsing on one thread', async () => {
    const one = new DiagnosticBag();
    const seq = parse(sources, one);
    for (const threads of [2, 3]) {
      const many = new DiagnosticBag();
      const par = await parseParallel(sources, many, { threads, minBytes: 0 });
      assert.deepEqual(plain(par), plain(seq), `${threads} threads`);
      assert.deepEqual(many.sorted(), one.sorted(), `${threads} threads`);
      assert.ok(one.sorted().length >= 5, 'the corpus has parse errors to compare');
    }
  });

  test("a worker's documents rebuild their syntax tree on demand, identical for locating spans", async () => {
    const seq = parse(sources, new DiagnosticBag());
    const before = reparsedFiles();
    const par = await parseParallel(sources, new DiagnosticBag(), { threads: 2, minBytes: 0 });
    const last = par.at(-1)!; // in the worker's share
    assert.equal(reparsedFiles(), before, 'nothing is parsed again until a tree is asked for');
    const twin = seq.find((d) => d.file === last.file && d.index === last.index)!;
    for (const at of [['metadata', 'name'], ['kind'], ['spec']]) assert.deepEqual(spanAt(last, at), spanAt(twin, at));
    assert.equal(reparsedFiles(), before + 1, 'one file parsed again, once');
  });

  test('when a worker cannot run, its files are parsed on this thread, with the same result', async () => {
    const one = new DiagnosticBag();
    const seq = parse(sources, one);
    const many = new DiagnosticBag();
    const par = await parseParallel(sources, many, { threads: 2, minBytes: 0, workerUrl: new URL('./no-such-worker.js', import.meta.url) });
    assert.deepEqual(plain(par), plain(seq));
    assert.deepEqual(many.sorted(), one.sorted());
  });

  test('compileParallel compiles a generated mesh to the same output as compile, without parsing any file twice', async () => {
    const inputs = generateMesh({ services: 60, upstreams: 5, rules: 3 });
    const a = compile(inputs);
    const before = reparsedFiles();
    const b = await compileParallel(inputs, { threads: 2, minBytes: 0 });
    assert.equal(reparsedFiles(), before, 'a mesh without diagnostics never needs a syntax tree again');
    assert.deepEqual(b.diagnostics, a.diagnostics);
    assert.ok(a.proxies && b.proxies);
    assert.deepEqual([...emitStatic(b.proxies)], [...emitStatic(a.proxies)]);
  });

  test("compileParallel reports semantic errors in a worker's files at the same positions", async () => {
    const inputs = generateMesh({ services: 40, upstreams: 3, rules: 2 }).map((f, i, all) =>
      // Break the last file (the worker's share): an upstream nobody defines.
      i === all.length - 1 ? { path: f.path, text: f.text.replace(/upstreams: \[/, 'upstreams: [nope, ') } : f,
    );
    const a = compile(inputs);
    const b = await compileParallel(inputs, { threads: 2, minBytes: 0 });
    assert.ok(a.diagnostics.some((d) => d.severity === 'error'), 'the edit made an error');
    assert.deepEqual(b.diagnostics, a.diagnostics);
  });
});
