import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('RewritePathRule (MESH3107 RewritePathXor, MESH3102 InvalidRewriteRegex)', () => {
  test('prefix and regex together: at the path key', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - rewrite:\n        path: { prefix: /v2/, regex: "^/a", substitution: /b }\n') });
    assert.deepEqual(found(r), ['r.yaml:8:9 MESH3107 rewrite.path must set either prefix, or regex with substitution']);
  });

  test('an empty path rewrite', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - rewrite: { path: {} }\n') });
    assert.deepEqual(found(r), ['r.yaml:7:18 MESH3107 rewrite.path must set either prefix, or regex with substitution']);
  });

  test('a regex RE2 cannot compile: at the regex', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - rewrite: { path: { regex: "^/(?=api)(.*)", substitution: "/\\\\1" } }\n') });
    assert.deepEqual(found(r), ['r.yaml:7:33 MESH3102 invalid RE2 regular expression in rewrite.path.regex: invalid perl operator: (?=']);
    assert.match(hints(r)[0]!, /no lookaround/);
  });

  test('silent: a prefix rewrite; a regex substitution', () => {
    const r = run({
      ...services,
      'r.yaml': route(
        'a',
        '    - match: [{ path: { prefix: /old/ } }]\n      rewrite: { path: { prefix: /new/ } }\n    - rewrite: { path: { regex: "^/api/(.*)", substitution: "/\\\\1" }, host: a.internal }\n',
      ),
    });
    assert.deepEqual(found(r), []);
  });
});
