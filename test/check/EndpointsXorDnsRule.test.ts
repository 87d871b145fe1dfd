import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { found, hints, res, run } from './yaml.js';

describe('EndpointsXorDnsRule (MESH3012)', () => {
  test('both endpoints and dns: reported at the dns key', () => {
    const r = run({ 's.yaml': res('Service', 'a', '  port: 80\n  endpoints: [{ address: 10.0.0.1 }]\n  dns: a.example.com\n') });
    assert.deepEqual(found(r), ['s.yaml:7:3 MESH3012 service "a" must set exactly one of endpoints or dns']);
    assert.deepEqual(hints(r), ['endpoints lists static addresses; dns names a host that resolves to them']);
  });

  test('neither: reported at the spec key', () => {
    const r = run({ 's.yaml': res('Service', 'a', '  port: 80\n') });
    assert.deepEqual(found(r), ['s.yaml:4:1 MESH3012 service "a" must set exactly one of endpoints or dns']);
  });

  test('silent: only endpoints, or only dns', () => {
    const r = run({
      's.yaml':
        res('Service', 'a', '  port: 80\n  endpoints: [{ address: 10.0.0.1 }]\n  upstreams: []\n') +
        '---\n' +
        res('Service', 'b', '  port: 80\n  dns: b.example.com\n  upstreams: []\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
