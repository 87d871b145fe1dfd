import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, mesh, run } from './yaml.js';
import { gateway } from './gateway.js';

const tcp = BASE.svc('db', '  protocol: tcp\n');

describe('GatewayPortRule (MESH3111 GatewayPortConflict, MESH3104 GatewayDuplicateHost, MESH3023 PortClash)', () => {
  const prometheus = (spec: string): string => mesh(`  observability: { metrics: { prometheus: ${spec} } }\n`);

  test('a listener on the Prometheus or the admin port of the gateway proxy: at its port, once per port', () => {
    const g = gateway(
      [
        '    - { name: web, port: 15090, protocol: http }',
        '    - { name: raw, port: 9901, protocol: tcp, backend: { service: db } }',
        '    - { name: ok, port: 8080, protocol: http }',
        '',
      ].join('\n'),
    );
    const r = run({ 't.yaml': tcp, 'g.yaml': g, 'm.yaml': prometheus('{}') });
    assert.deepEqual(found(r), [
      'g.yaml:6:26 MESH3023 port 15090 is used by both listener "web" and the Prometheus listener of the gateway proxy "gateway-public"',
      'g.yaml:7:26 MESH3023 port 9901 is used by both listener "raw" and the admin interface of the gateway proxy "gateway-public"',
    ]);
  });

  test('the ports the Mesh moved them to, in another namespace', () => {
    const g = gateway('    - { name: a, port: 9443, protocol: https, tls: { sds: { secret: a } } }\n    - { name: b, port: 16000, protocol: http }\n').replace(
      'metadata: { name: public }',
      'metadata: { name: public, namespace: edge }',
    );
    const m = mesh('  proxy: { adminPort: 16000 }\n  observability: { metrics: { prometheus: { port: 9443 } } }\n');
    const r = run({ 't.yaml': tcp, 'g.yaml': g, 'm.yaml': m });
    assert.deepEqual(found(r), [
      'g.yaml:6:24 MESH3023 port 9443 is used by both listener "a" and the Prometheus listener of the gateway proxy "gateway-public.edge"',
      'g.yaml:7:24 MESH3023 port 16000 is used by both listener "b" and the admin interface of the gateway proxy "gateway-public.edge"',
    ]);
  });

  test('silent: 15090 without a Prometheus listener, 9901 once the admin interface moved', () => {
    const g = gateway('    - { name: web, port: 15090, protocol: http }\n    - { name: raw, port: 9901, protocol: tcp, backend: { service: db } }\n');
    const r = run({ 't.yaml': tcp, 'g.yaml': g, 'm.yaml': mesh('  proxy: { adminPort: 9902 }\n') });
    assert.deepEqual(found(r), []);
  });

  test('http and https on one port: at the second port', () => {
    const g = gateway(
      '    - { name: web, port: 8443, protocol: http }\n    - { name: secure, port: 8443, protocol: https, tls: { sds: { secret: c } } }\n',
    );
    const r = run({ 't.yaml': tcp, 'g.yaml': g });
    assert.deepEqual(found(r), ['g.yaml:7:29 MESH3111 listeners "web" (http) and "secure" (https) cannot share port 8443']);
    assert.deepEqual(hints(r), ['only https and tls listeners share a port (told apart by SNI); give this one another port']);
  });

  test('one host with two certificates on one port: at the host', () => {
    const g = gateway(
      [
        '    - { name: a, port: 443, protocol: https, hosts: [shop.example.com], tls: { sds: { secret: a } } }',
        '    - { name: b, port: 443, protocol: https, hosts: [www.example.com, shop.example.com], tls: { sds: { secret: b } } }',
        '',
      ].join('\n'),
    );
    const r = run({ 't.yaml': tcp, 'g.yaml': g });
    assert.deepEqual(found(r), [
      'g.yaml:7:71 MESH3104 host "shop.example.com" is served by listeners "a" and "b" on port 443: two certificates for one host, and the proxy could not choose between them',
    ]);
  });

  test('two tls listeners without hosts: at the second name', () => {
    const g = gateway(
      '    - { name: a, port: 9000, protocol: tls, backend: { service: db } }\n    - { name: b, port: 9000, protocol: tls, backend: { service: db } }\n',
    );
    const r = run({ 't.yaml': tcp, 'g.yaml': g });
    assert.deepEqual(found(r), [
      'g.yaml:7:15 MESH3104 host "*" is served by listeners "a" and "b" on port 9000: the proxy could not choose a listener by SNI',
    ]);
  });

  test('silent: https and tls on one port with different hosts; other protocols on their own ports', () => {
    const g = gateway(
      [
        '    - { name: a, port: 443, protocol: https, hosts: [shop.example.com], tls: { sds: { secret: a } } }',
        '    - { name: b, port: 443, protocol: tls, hosts: [db.example.com], backend: { service: db } }',
        '    - { name: c, port: 80, protocol: http }',
        '    - { name: d, port: 5432, protocol: tcp, backend: { service: db } }',
        '',
      ].join('\n'),
    );
    const r = run({ 't.yaml': tcp, 'g.yaml': g });
    assert.deepEqual(found(r), []);
  });
});
