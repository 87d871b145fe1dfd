/**
 * The golden runner: every example under examples/ compiles to exactly the
 * reviewed files under golden/<example>/, byte for byte, and every golden
 * file passes the Envoy API check. `UPDATE=1 npm test` rewrites the goldens
 * (and removes orphans); read the diff before committing.
 *
 * An example may hold `example.json` with the build options its goldens use:
 * `{ "mode": "static" | "xds", "format": "json" | "yaml", "configDir": "..." }`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { compile } from '../src/compile.js';
import { readInputs } from '../src/cli/inputs.js';
import { emit, readOutputDir, writeOutputDir, type EmitOptions, type OutputFiles } from '../src/output/index.js';
import { verifyConfigSet } from '../src/verify/index.js';
import { repoPath } from './helpers/paths.js';

const update = process.env['UPDATE'] === '1';
const examples = fs
  .readdirSync(repoPath('examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function optionsOf(example: string): EmitOptions {
  const file = repoPath('examples', example, 'example.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as EmitOptions) : {};
}

function build(example: string, reverse = false): OutputFiles {
  const { inputs, bag } = readInputs([repoPath('examples', example)]);
  assert.equal(bag.hasErrors, false, 'examples are readable');
  const result = compile(reverse ? [...inputs].reverse() : inputs);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], `example ${example} compiles without errors`);
  return emit(result.proxies!, optionsOf(example));
}

test('there are examples to check', () => {
  assert.ok(examples.includes('bookinfo'));
});

for (const example of examples) {
  test(`golden: ${example}`, () => {
    const actual = build(example);
    const dir = repoPath('golden', example);
    if (update) {
      writeOutputDir(dir, actual);
      return;
    }
    const expected = readOutputDir(dir);
    const problems: string[] = [];
    for (const [file, text] of actual) {
      const want = expected.get(file);
      if (want === undefined) problems.push(`missing golden file golden/${example}/${file}`);
      else if (want !== text) {
        problems.push(createTwoFilesPatch(`golden/${example}/${file}`, `compiled/${file}`, want, text, '', '', { context: 3 }));
      }
    }
    for (const file of expected.keys()) {
      if (!actual.has(file)) problems.push(`orphan golden file golden/${example}/${file} (no longer generated)`);
    }
    if (problems.length > 0) {
      assert.fail(`${problems.join('\n')}\nIf the change is intended, review it and accept it with: UPDATE=1 npm test`);
    }
  });

  test(`golden: ${example} passes the Envoy API check, file by file and across files`, () => {
    const files = readOutputDir(repoPath('golden', example));
    assert.ok(files.size > 0, 'there are golden files');
    const proxies = new Set([...files.keys()].map((f) => f.slice(0, f.indexOf('/'))));
    for (const proxy of proxies) {
      const get = (name: string): unknown => {
        const text = files.get(`${proxy}/${name}.json`);
        return text === undefined ? undefined : JSON.parse(text);
      };
      const issues = verifyConfigSet({ bootstrap: get('bootstrap'), lds: get('lds'), cds: get('cds') });
      assert.deepEqual(issues, [], `golden/${example}/${proxy}`);
    }
  });

  test(`determinism: ${example} gives identical bytes twice and with inputs in reverse order`, () => {
    const first = build(example);
    assert.deepEqual([...build(example)], [...first]);
    assert.deepEqual([...build(example, true)], [...first]);
  });
}
