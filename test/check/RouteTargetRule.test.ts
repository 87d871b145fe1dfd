import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, res, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };
const rules = '  rules:\n    - backends: [{ service: a }]\n';

describe('RouteTargetRule (MESH3013)', () => {
  test('both service and gateway: reported at the gateway key', () => {
    const r = run({ ...services, 'r.yaml': res('HTTPRoute', 'r', `  service: a\n  gateway: public\n${rules}`) });
    assert.deepEqual(found(r), [
      // only this: the unknown gateway "public" is not reported on top (UnknownGatewayRule skips such routes)
      'r.yaml:6:3 MESH3013 an HTTPRoute must set either service or gateway (with hosts)',
    ]);
  });

  test('neither service nor gateway: an error', () => {
    const r = run({ ...services, 'r.yaml': res('HTTPRoute', 'r', rules) });
    assert.deepEqual(
      found(r).map((f) => f.split(' ').slice(1).join(' ')),
      ['MESH3013 an HTTPRoute must set either service or gateway (with hosts)'],
    );
  });

  test(
    'neither service nor gateway: reported at the spec key',
    () => {
      const r = run({ ...services, 'r.yaml': res('HTTPRoute', 'r', rules) });
      assert.deepEqual(found(r), ['r.yaml:4:1 MESH3013 an HTTPRoute must set either service or gateway (with hosts)']);
    },
  );

  test('silent: a mesh route with only a service', () => {
    assert.deepEqual(found(run({ ...services, 'r.yaml': route('a', '    - backends: [{ service: a }]\n') })), []);
  });
});

describe('RouteTargetRule: hosts (MESH3029)', () => {
  test('hosts on a service route is an error at the hosts key, not ignored', async () => {
    const { found: f, route: rt, run: go, BASE: B } = await import('./yaml.js');
    const r = go({ 's.yaml': B.svc('a'), 'r.yaml': rt('a', '    - backends: [{ service: a }]\n').replace('  rules:\n', '  hosts: [a.example.com]\n  rules:\n') });
    assert.deepEqual(f(r), ['r.yaml:6:3 MESH3029 hosts applies to gateway routes only; a mesh route matches the names of its service']);
  });
});
