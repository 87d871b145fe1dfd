import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, res, run } from './yaml.js';

// Both on 8080, one TCP: neither sidecar may see both (a full-mesh one would, its own service included).
const services = { 's.yaml': BASE.svc('a', '  upstreams: []\n') + '---\n' + BASE.svc('db', '  protocol: tcp\n  upstreams: []\n') };
const tail = 'cannot apply to it';

describe('HttpAuthOnTcpRule (MESH3207)', () => {
  test('methods, paths and conditions of a policy naming a TCP service, each at its key', () => {
    const spec = [
      '  service: db',
      '  rules:',
      '    - from: [{ service: a }]',
      '      to: [{ methods: [GET], paths: ["/x"], ports: [8080] }]',
      '      when: [{ header: x-a, values: [v] }]',
      '',
    ].join('\n');
    const r = run({ ...services, 'p.yaml': res('AuthorizationPolicy', 'p', spec) });
    assert.deepEqual(found(r), [
      `p.yaml:8:14 MESH3207 service "db" speaks TCP, so a rule on methods ${tail}`,
      `p.yaml:8:30 MESH3207 service "db" speaks TCP, so a rule on paths ${tail}`,
      `p.yaml:9:16 MESH3207 service "db" speaks TCP, so a header condition ${tail}`,
    ]);
    assert.match(hints(r)[0]!, /authorization matches sources and ports only/);
  });

  test('a RequestAuthentication for a TCP service', () => {
    const spec = '  service: db\n  providers: [{ name: p, issuer: i, jwks: { file: /jwks.json } }]\n';
    const r = run({ ...services, 'j.yaml': res('RequestAuthentication', 'j', spec) });
    assert.deepEqual(found(r), [`j.yaml:5:12 MESH3207 service "db" speaks TCP, so JWT validation ${tail}`]);
  });

  test('silent: sources and ports on a TCP service; HTTP attributes in a namespace-wide policy (they fail closed)', () => {
    const tcp = '  service: db\n  rules:\n    - from: [{ service: a }, { ipBlock: 10.0.0.0/8 }]\n      to: [{ ports: [8080] }]\n';
    assert.deepEqual(found(run({ ...services, 'p.yaml': res('AuthorizationPolicy', 'p', tcp) })), []);
    const wide = '  rules:\n    - to: [{ methods: [GET] }]\n';
    assert.deepEqual(found(run({ ...services, 'p.yaml': res('AuthorizationPolicy', 'p', wide) })), []);
  });
});
