import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('ValidRegexRule (MESH3011)', () => {
  test('lookaround and backreferences in path, header and query regexes', () => {
    const r = run({
      ...services,
      'r.yaml': route(
        'a',
        [
          '    - match:',
          '        - path: { regex: "/(?=x)" }',
          '          headers: { x-a: { regex: "a(?!b)" } }',
          '          query: { q: { regex: "(a)\\\\1" } }',
          '      backends: [{ service: a }]',
          '',
        ].join('\n'),
      ),
    });
    assert.deepEqual(found(r), [
      'r.yaml:8:26 MESH3011 invalid RE2 regular expression: invalid perl operator: (?=',
      'r.yaml:9:36 MESH3011 invalid RE2 regular expression: invalid perl operator: (?!',
      'r.yaml:10:32 MESH3011 invalid RE2 regular expression: invalid escape sequence: \\1',
    ]);
    assert.deepEqual(hints(r)[0], 'Envoy uses RE2: no lookaround and no backreferences');
  });

  test('a regex in the second match item', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - match:\n        - path: { prefix: /a }\n        - path: { regex: "(?<=a)b" }\n      backends: [{ service: a }]\n'),
    });
    assert.deepEqual(found(r), ['r.yaml:9:26 MESH3011 invalid RE2 regular expression: invalid perl operator: (?<']);
  });

  test('silent: RE2 regexes', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - match:\n        - path: { regex: "^/api/v[0-9]+/.*$" }\n          headers: { x-a: { regex: "(?i)foo|bar" } }\n      backends: [{ service: a }]\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
