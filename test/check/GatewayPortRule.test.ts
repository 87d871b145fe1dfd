import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, run } from './yaml.js';
import { gateway } from './gateway.js';

const tcp = BASE.svc('db', '  protocol: tcp\n');

describe('GatewayPortRule (MESH3111 GatewayPortConflict, MESH3104 GatewayDuplicateHost)', () => {
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
