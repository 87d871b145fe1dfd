/** AuthorizationPolicy → Envoy RBAC: the policies produced, field by field. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from '../helpers/compile.js';
import { build, doc, inboundHttpFilters, listener, mesh, proxy, type J } from './helpers.js';

const db = doc('Service', 'db', '  protocol: tcp\n  port: 5432\n  endpoints: [{ address: 10.0.5.1 }]\n  upstreams: []\n');
const services = { 's.yaml': [BASE.svc('a'), BASE.svc('b'), BASE.svc('c', '', 'ops'), db].join('---\n') };
const policy = (name: string, spec: string, ns = 'default'): string => doc('AuthorizationPolicy', name, spec, ns);
const RBAC = 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC';
const rbacFilters = (files: Record<string, string>, svc = 'b'): J[] =>
  inboundHttpFilters(proxy(build({ ...services, ...files }), svc)).filter((f) => f['name'] === 'envoy.filters.http.rbac');
const rules = (f: J): J => f['typed_config'].rules;
const principal = (spiffe: string, kind = 'exact'): J => ({ authenticated: { principal_name: { [kind]: spiffe } } });

describe('RBAC: allow, deny and their combinations', () => {
  test('no policy: no RBAC filter at all (everything is allowed)', () => {
    assert.deepEqual(rbacFilters({}), []);
  });

  test('an ALLOW policy: one ALLOW filter, one Envoy policy per rule, sources are exact SPIFFE IDs', () => {
    const fs = rbacFilters({ 'p.yaml': policy('readers', '  service: b\n  rules:\n    - from: [{ service: a }, { service: c.ops }]\n') });
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!['typed_config']['@type'], RBAC);
    assert.deepEqual(rules(fs[0]!), {
      action: 'ALLOW',
      policies: {
        'ns[default]-policy[readers]-rule[0]': {
          permissions: [{ any: true }],
          principals: [
            { or_ids: { ids: [principal('spiffe://cluster.local/ns/default/sa/a'), principal('spiffe://cluster.local/ns/ops/sa/c')] } },
          ],
        },
      },
    });
  });

  test('default deny: an ALLOW policy without rules gives an ALLOW filter with no policy, which denies everything', () => {
    const fs = rbacFilters({ 'p.yaml': policy('nobody', '  service: b\n') });
    assert.deepEqual(fs.map(rules), [{ action: 'ALLOW', policies: {} }]);
  });

  test('DENY and ALLOW together: the DENY filter first, then the ALLOW filter, before the router', () => {
    const files = {
      'p.yaml': policy('readers', '  service: b\n  rules:\n    - from: [{ namespace: ops }]\n'),
      'q.yaml': policy('no-c', '  service: b\n  action: deny\n  rules:\n    - from: [{ identity: spiffe://cluster.local/ns/ops/sa/c }]\n'),
    };
    const names = inboundHttpFilters(proxy(build({ ...services, ...files }), 'b')).map((f) => f['name']);
    assert.deepEqual(names, ['envoy.filters.http.rbac', 'envoy.filters.http.rbac', 'envoy.filters.http.router']);
    const [deny, allow] = rbacFilters(files);
    assert.deepEqual(rules(deny!), {
      action: 'DENY',
      policies: {
        'ns[default]-policy[no-c]-rule[0]': { permissions: [{ any: true }], principals: [principal('spiffe://cluster.local/ns/ops/sa/c')] },
      },
    });
    assert.deepEqual(rules(allow!), {
      action: 'ALLOW',
      policies: {
        'ns[default]-policy[readers]-rule[0]': {
          permissions: [{ any: true }],
          principals: [principal('spiffe://cluster.local/ns/ops/', 'prefix')],
        },
      },
    });
  });

  test('only DENY policies: a DENY filter and no ALLOW filter, so everything else stays allowed', () => {
    const fs = rbacFilters({ 'q.yaml': policy('no-ip', '  service: b\n  action: deny\n  rules:\n    - from: [{ ipBlock: 10.9.0.0/16 }, { ipBlock: 10.8.0.1 }]\n') });
    assert.deepEqual(fs.map(rules), [
      {
        action: 'DENY',
        policies: {
          'ns[default]-policy[no-ip]-rule[0]': {
            permissions: [{ any: true }],
            principals: [
              {
                or_ids: {
                  ids: [
                    { direct_remote_ip: { address_prefix: '10.9.0.0', prefix_len: 16 } },
                    { direct_remote_ip: { address_prefix: '10.8.0.1', prefix_len: 32 } },
                  ],
                },
              },
            ],
          },
        },
      },
    ]);
  });

  test('a namespace-wide policy applies to every service of its namespace, and to no other', () => {
    const files = { 'p.yaml': policy('ns-wide', '  rules:\n    - from: [{ service: a }]\n') };
    const ps = build({ ...services, ...files });
    for (const name of ['a', 'b']) {
      const fs = inboundHttpFilters(proxy(ps, name)).filter((f) => f['name'] === 'envoy.filters.http.rbac');
      assert.deepEqual(Object.keys(rules(fs[0]!).policies), ['ns[default]-policy[ns-wide]-rule[0]'], name);
    }
    assert.deepEqual(
      inboundHttpFilters(proxy(ps, 'c.ops')).map((f) => f['name']),
      ['envoy.filters.http.router'],
    );
  });

  test('policies of a service are ordered by namespace and name; rules keep their order', () => {
    const files = {
      'p.yaml': policy('zeta', '  service: b\n  rules:\n    - from: [{ service: a }]\n    - to: [{ methods: [GET] }]\n'),
      'q.yaml': policy('alpha', '  rules:\n    - from: [{ namespace: ops }]\n'),
    };
    assert.deepEqual(Object.keys(rules(rbacFilters(files)[0]!).policies), [
      'ns[default]-policy[alpha]-rule[0]',
      'ns[default]-policy[zeta]-rule[0]',
      'ns[default]-policy[zeta]-rule[1]',
    ]);
  });
});

describe('RBAC: operations and conditions', () => {
  test('methods OR, paths exact / prefix* / *suffix / *, AND between them; headers and claims in the principal', () => {
    const spec = [
      '  service: b',
      '  rules:',
      '    - from: [{ service: a }]',
      '      to:',
      '        - methods: [GET, HEAD]',
      '          paths: ["/exact", "/api/*", "*.png", "*"]',
      '        - paths: ["/only"]',
      '      when:',
      '        - { header: x-tenant, values: [acme] }',
      '        - { claim: groups, values: [admin, ops] }',
      '',
    ].join('\n');
    const jwt = doc('RequestAuthentication', 'j', '  service: b\n  providers: [{ name: p, issuer: i, jwks: { file: /jwks.json } }]\n');
    const [allow] = rbacFilters({ 'p.yaml': policy('p', spec), 'j.yaml': jwt });
    const method = (m: string): J => ({ header: { name: ':method', string_match: { exact: m } } });
    const claim = (value: J): J => ({
      metadata: { filter: 'envoy.filters.http.jwt_authn', path: [{ key: 'jwt_payload' }, { key: 'groups' }], value },
    });
    const listed = (v: string): J => ({ list_match: { one_of: { string_match: { exact: v } } } });
    assert.deepEqual(rules(allow!).policies['ns[default]-policy[p]-rule[0]'], {
      permissions: [
        {
          and_rules: {
            rules: [
              { or_rules: { rules: [method('GET'), method('HEAD')] } },
              {
                or_rules: {
                  rules: [
                    { url_path: { path: { exact: '/exact' } } },
                    { url_path: { path: { prefix: '/api/' } } },
                    { url_path: { path: { suffix: '.png' } } },
                    { any: true },
                  ],
                },
              },
            ],
          },
        },
        { url_path: { path: { exact: '/only' } } },
      ],
      principals: [
        {
          and_ids: {
            ids: [
              principal('spiffe://cluster.local/ns/default/sa/a'),
              { header: { name: 'x-tenant', string_match: { exact: 'acme' } } },
              {
                or_ids: {
                  ids: [
                    claim({ string_match: { exact: 'admin' } }),
                    claim(listed('admin')),
                    claim({ string_match: { exact: 'ops' } }),
                    claim(listed('ops')),
                  ],
                },
              },
            ],
          },
        },
      ],
    });
  });

  test('ports: the service port or targetPort match any port; other ports drop the operation (namespace-wide)', () => {
    const spec = '  rules:\n    - to: [{ ports: [8080], methods: [GET] }, { ports: [9999], methods: [POST] }]\n    - to: [{ ports: [9999] }]\n';
    const [allow] = rbacFilters({ 'p.yaml': policy('ports', spec) });
    assert.deepEqual(rules(allow!).policies, {
      'ns[default]-policy[ports]-rule[0]': {
        permissions: [{ header: { name: ':method', string_match: { exact: 'GET' } } }],
        principals: [{ any: true }],
      },
    });
  });
});

describe('RBAC on TCP services: network filters before tcp_proxy', () => {
  test('deny then allow network RBAC filters, with their own stat prefixes, in every filter chain', () => {
    const files = {
      'm.yaml': mesh('  mtls: { mode: permissive }\n'),
      'p.yaml': policy('db-callers', '  service: db\n  rules:\n    - from: [{ service: a }]\n'),
      'q.yaml': policy('db-deny', '  service: db\n  action: deny\n  rules:\n    - from: [{ ipBlock: 10.66.0.0/16 }]\n'),
    };
    const l = listener(proxy(build({ ...services, ...files }), 'db'), 'inbound');
    assert.equal(l['filter_chains'].length, 2);
    for (const chain of l['filter_chains'] as J[]) {
      const filters = chain['filters'] as J[];
      assert.deepEqual(
        filters.map((f) => [f['name'], f['typed_config'].stat_prefix, f['typed_config'].rules?.action]),
        [
          ['envoy.filters.network.rbac', 'inbound_db_deny', 'DENY'],
          ['envoy.filters.network.rbac', 'inbound_db_allow', 'ALLOW'],
          ['envoy.filters.network.tcp_proxy', 'inbound_db', undefined],
        ],
      );
      assert.equal(filters[0]!['typed_config']['@type'], 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC');
      assert.deepEqual(filters[1]!['typed_config'].rules.policies, {
        'ns[default]-policy[db-callers]-rule[0]': {
          permissions: [{ any: true }],
          principals: [principal('spiffe://cluster.local/ns/default/sa/a')],
        },
      });
    }
  });

  test('a namespace-wide policy with HTTP attributes fails closed on a TCP service', () => {
    const files = {
      'p.yaml': policy('get-only', '  rules:\n    - to: [{ methods: [GET] }]\n'),
      'q.yaml': policy('no-post', '  action: deny\n  rules:\n    - from: [{ service: a }]\n      to: [{ methods: [POST] }]\n'),
    };
    const filters = listener(proxy(build({ ...services, ...files }), 'db'), 'inbound')['filter_chains'][0].filters as J[];
    // ALLOW: the rule needs a method, which a TCP connection has not: nothing is allowed.
    // DENY: the method is dropped, so a's connections are denied whatever they carry.
    assert.deepEqual(filters[0]!['typed_config'].rules, {
      action: 'DENY',
      policies: {
        'ns[default]-policy[no-post]-rule[0]': {
          permissions: [{ any: true }],
          principals: [principal('spiffe://cluster.local/ns/default/sa/a')],
        },
      },
    });
    assert.deepEqual(filters[1]!['typed_config'].rules, { action: 'ALLOW', policies: {} });
  });
});
