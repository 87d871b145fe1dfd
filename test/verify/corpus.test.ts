import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../helpers/paths.js';
import { verifyEnvoyConfig, type EnvoyConfigType } from '../../src/verify/index.js';

const read = (...p: string[]): unknown => JSON.parse(readFileSync(repoPath('test', 'fixtures', 'envoy', ...p), 'utf8'));

test('the reference sidecar bootstrap passes with zero issues', () => {
  assert.deepEqual(verifyEnvoyConfig(read('valid', 'reviews-sidecar.bootstrap.json'), 'bootstrap'), []);
});

test('the minimal bootstrap the invalid corpus starts from passes', () => {
  assert.deepEqual(verifyEnvoyConfig(read('minimal.bootstrap.json'), 'bootstrap'), []);
});

interface Case {
  file: string;
  type: EnvoyConfigType;
  description: string;
  expect: { path: string; rule: string }[];
}

const manifest = read('invalid', 'manifest.json') as { cases: Case[] };

test('the invalid corpus has at least 25 cases', () => {
  assert.ok(manifest.cases.length >= 25, `${manifest.cases.length} cases`);
});

for (const c of manifest.cases) {
  test(`invalid/${c.file}: ${c.description}`, () => {
    const got = verifyEnvoyConfig(read('invalid', c.file), c.type).map((i) => ({ path: i.path, rule: i.rule }));
    const sort = (xs: { path: string; rule: string }[]) => [...xs].sort((a, b) => (a.path + a.rule < b.path + b.rule ? -1 : 1));
    assert.deepEqual(sort(got), sort(c.expect));
  });
}
