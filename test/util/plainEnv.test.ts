import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPlainEnv } from '../../src/util/plainEnv.js';

test('withPlainEnv: a plain copy with the same variables while fn runs, the real process.env after, even on a throw', () => {
  const real = process.env;
  const seen = withPlainEnv(() => {
    assert.notEqual(process.env, real);
    assert.deepEqual({ ...process.env }, { ...real });
    return process.env['PATH'];
  });
  assert.equal(seen, real['PATH']);
  assert.equal(process.env, real);
  assert.throws(() => withPlainEnv(() => { throw new Error('boom'); }), /boom/);
  assert.equal(process.env, real);
});
