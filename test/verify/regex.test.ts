import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../helpers/paths.js';
import { checkEnvoyRegex, estimateProgramSize } from '../../src/verify/index.js';

interface Corpus {
  measuredWith: string;
  cases: { pattern: string; size: number }[];
}
const corpus = JSON.parse(readFileSync(repoPath('test', 'fixtures', 'envoy', 're2-program-size', 'corpus.json'), 'utf8')) as Corpus;

test('the program-size estimate equals libre2 on every ASCII pattern of the calibration corpus', () => {
  const ascii = corpus.cases.filter((c) => /^[\x20-\x7e]*$/.test(c.pattern) && !/\\[pP]|\\x\{[0-9A-Fa-f]{3,}/.test(c.pattern));
  assert.ok(ascii.length >= 70, String(ascii.length));
  const wrong = ascii.filter((c) => estimateProgramSize(c.pattern) !== c.size).map((c) => `${c.pattern}: ${estimateProgramSize(c.pattern)} != ${c.size}`);
  assert.deepEqual(wrong, []);
});

test('non-ASCII classes are within 10%, and every case is on the same side of the limit 100', () => {
  for (const c of corpus.cases) {
    const est = estimateProgramSize(c.pattern)!;
    assert.equal(est > 100, c.size > 100, `${c.pattern}: ${est} vs ${c.size}`);
    if (c.size <= 100) assert.ok(Math.abs(est - c.size) <= Math.max(2, c.size * 0.1), `${c.pattern}: ${est} vs ${c.size}`);
  }
});

test('checkEnvoyRegex: RE2 syntax errors, program size over 100, named groups in both spellings', () => {
  assert.equal(checkEnvoyRegex('^/api/v[0-9]+/.*$'), undefined);
  assert.equal(checkEnvoyRegex('^/a(?=b)')?.kind, 'invalid');
  assert.equal(checkEnvoyRegex('(a)\\1')?.kind, 'invalid');
  assert.equal(checkEnvoyRegex('\\u0041')?.kind, 'invalid'); // JS syntax, not RE2
  assert.equal(checkEnvoyRegex('^/(?P<x>[a-z]+)$'), undefined);
  assert.equal(checkEnvoyRegex('^/(?<x>[a-z]+)$'), undefined);
  const big = checkEnvoyRegex('/asdf/.*'.repeat(8));
  assert.equal(big?.kind, 'program-size');
  assert.equal(checkEnvoyRegex('/asdf/.*'.repeat(6)), undefined); // 88
});
