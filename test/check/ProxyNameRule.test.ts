import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFiles } from '../helpers/compile.js';
import { BASE, found, hints, notes, run } from './yaml.js';
import { gateway } from './gateway.js';

const web = '    - { name: web, port: 80, protocol: http }\n';

describe('ProxyNameRule (MESH3032)', () => {
  test('a Service named gateway-<name> next to the Gateway <name>: at the Gateway, with a note at the Service', () => {
    const r = run({ 's.yaml': BASE.svc('gateway-public'), 'g.yaml': gateway(web) });
    assert.deepEqual(found(r), ['g.yaml:3:19 MESH3032 Gateway "public" and service "gateway-public" would both be the proxy "gateway-public"']);
    assert.deepEqual(notes(r), [['s.yaml:3:19 the other one is here']]);
    assert.deepEqual(hints(r), ['a Gateway\'s proxy is named gateway-<name> and a sidecar after its service; rename one of them']);
  });

  test('outside the default namespace too (gateway-<name>.<namespace>)', () => {
    const g = gateway(web).replace('metadata: { name: public }', 'metadata: { name: public, namespace: shop }');
    const r = run({ 's.yaml': BASE.svc('gateway-public', '', 'shop'), 'g.yaml': g });
    assert.deepEqual(found(r), ['g.yaml:3:19 MESH3032 Gateway "public" and service "gateway-public" would both be the proxy "gateway-public.shop"']);
  });

  test('the build stops there instead of writing two proxies of one name', () => {
    const r = compileFiles({ 's.yaml': BASE.svc('gateway-public'), 'g.yaml': gateway(web) });
    assert.equal(r.proxies, undefined);
  });

  test('silent: another namespace, and an external service (it has no proxy)', () => {
    const r = run({
      's.yaml': BASE.svc('gateway-public', '', 'shop'),
      'x.yaml': 'apiVersion: meshc.dev/v1\nkind: Service\nmetadata: { name: gateway-edge }\nspec: { port: 80, dns: edge.example.com, external: true }\n',
      'g.yaml': gateway(web) + '---\n' + gateway(web, 'edge'),
    });
    assert.deepEqual(found(r), []);
  });
});
