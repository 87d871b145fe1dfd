import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, run } from './yaml.js';
import { gateway, gwRoute, PUBLIC } from './gateway.js';

const rules = '    - backends: [{ service: a }]\n';

describe('GatewayRouteHostsRule (MESH3103)', () => {
  test('a host no listener serves: at that host, listing what is served', () => {
    const r = run({ 's.yaml': BASE.svc('a'), 'g.yaml': PUBLIC, 'r.yaml': gwRoute('public', '[shop.example.com, shop.example.org]', rules) });
    assert.deepEqual(found(r), ['r.yaml:6:29 MESH3103 no http or https listener of gateway "public" serves host "shop.example.org"']);
    assert.deepEqual(hints(r), ['its http and https listeners serve "shop.example.com", "*.shop.example.com"']);
  });

  test('a redirecting http listener does not serve routes', () => {
    const g = gateway('    - { name: http, port: 8080, protocol: http, hosts: [a.example.com], redirectToHttps: true }\n');
    const r = run({ 's.yaml': BASE.svc('a'), 'g.yaml': g, 'r.yaml': gwRoute('public', undefined, rules) });
    assert.deepEqual(found(r), ['r.yaml:5:12 MESH3103 no http or https listener of gateway "public" serves host "*"']);
  });

  test('silent: exact, covered by a wildcard, and a wildcard narrowing an exact listener host', () => {
    const r = run({
      's.yaml': BASE.svc('a'),
      'g.yaml': PUBLIC,
      'r.yaml': gwRoute('public', '[shop.example.com, api.shop.example.com, "*.example.com"]', rules),
    });
    assert.deepEqual(found(r), []);
  });
});
