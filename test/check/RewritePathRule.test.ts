import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('RewritePathRule (MESH3107 RewritePathXor, MESH3102 InvalidRewriteRegex, MESH3117 PrefixRewriteWithRegexMatch)', () => {
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

  test('a prefix rewrite under a regex match is a warning at the prefix, with a note at the regex; the build goes on', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - match: [{ path: { exact: /x } }, { path: { regex: "^/old/[a-z]+$" } }]\n      rewrite: { path: { prefix: /new/ } }\n'),
    });
    assert.deepEqual(found(r), ['r.yaml:8:34 MESH3117 rewrite.path.prefix replaces the whole path of a request matched by path.regex, not a prefix of it']);
    const d = r.diagnostics.find((x) => x.code === 'MESH3117')!;
    assert.equal(d.severity, 'warning');
    assert.equal(d.related?.[0]?.message, 'the regex match is here');
    assert.equal(d.related?.[0]?.span.start, r.files.get('r.yaml')!.text.indexOf('"^/old/'));
    assert.match(hints(r)[0]!, /rewrite\.path\.regex with a substitution/);
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
