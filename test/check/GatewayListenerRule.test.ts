import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, run } from './yaml.js';
import { gateway } from './gateway.js';

const tcp = BASE.svc('db', '  protocol: tcp\n');

describe('GatewayListenerRule (MESH3112 GatewayListenerNeeds, MESH3113 GatewayListenerFieldNotAllowed)', () => {
  test('https without tls, tls and tcp without backend: at the protocol', () => {
    const g = gateway(
      [
        '    - { name: a, port: 443, protocol: https }',
        '    - { name: b, port: 444, protocol: tls }',
        '    - { name: c, port: 445, protocol: tcp }',
        '',
      ].join('\n'),
    );
    const r = run({ 't.yaml': tcp, 'g.yaml': g });
    assert.deepEqual(found(r), [
      'g.yaml:6:39 MESH3112 a https listener needs tls',
      'g.yaml:7:39 MESH3112 a tls listener needs backend',
      'g.yaml:8:39 MESH3112 a tcp listener needs backend',
    ]);
  });

  test('an https certificate with both files and sds, or a chain without a key: at tls', () => {
    const g = gateway(
      [
        '    - { name: a, port: 443, protocol: https, tls: { sds: { secret: s }, certificateChain: /c.pem, privateKey: /k.pem } }',
        '    - { name: b, port: 444, protocol: https, tls: { certificateChain: /c.pem } }',
        '',
      ].join('\n'),
    );
    const r = run({ 't.yaml': tcp, 'g.yaml': g });
    assert.deepEqual(found(r), [
      'g.yaml:6:46 MESH3112 a https listener needs exactly one certificate: certificateChain and privateKey, or sds',
      'g.yaml:7:46 MESH3112 a https listener needs exactly one certificate: certificateChain and privateKey, or sds',
    ]);
  });

  test('fields another protocol uses: at their keys', () => {
    const g = gateway(
      [
        '    - { name: a, port: 80, protocol: http, backend: { service: db }, tls: { sds: { secret: s } } }',
        '    - { name: b, port: 5432, protocol: tcp, backend: { service: db }, hosts: [db.example.com], redirectToHttps: true }',
        '',
      ].join('\n'),
    );
    const r = run({ 't.yaml': tcp, 'g.yaml': g });
    assert.deepEqual(found(r), [
      'g.yaml:6:44 MESH3113 backend does not apply to a http listener',
      'g.yaml:6:70 MESH3113 tls does not apply to a http listener',
      'g.yaml:7:71 MESH3113 hosts does not apply to a tcp listener',
      'g.yaml:7:96 MESH3113 redirectToHttps does not apply to a tcp listener',
    ]);
  });

  test('silent: each protocol with its fields', () => {
    const g = gateway(
      [
        '    - { name: a, port: 443, protocol: https, tls: { certificateChain: /c.pem, privateKey: /k.pem, minVersion: "1.3" } }',
        '    - { name: b, port: 80, protocol: http, redirectToHttps: true }',
        '    - { name: c, port: 444, protocol: tls, hosts: [db.example.com], backend: { service: db } }',
        '    - { name: d, port: 5432, protocol: tcp, backend: { service: db, subset: v1 } }',
        '',
      ].join('\n'),
    );
    const r = run({ 't.yaml': tcp, 'g.yaml': g });
    assert.deepEqual(found(r), []);
  });
});
