/**
 * Every YAML example of the language spec (extracted verbatim, comments and
 * all, into test/fixtures/spec-examples/) and the alternatives the spec shows
 * in comments validate against their kind's schema.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { repoPath } from '../helpers/paths.js';
import { errorsOf, KINDS, type KindName } from './schemaAjv.js';

const DIR = repoPath('test', 'fixtures', 'spec-examples');

function assertValid(kind: KindName, doc: unknown): void {
  const errors = errorsOf(kind, doc);
  assert.deepEqual(
    errors.map((e) => `${e.instancePath} ${e.keyword}: ${e.message ?? ''}`),
    [],
  );
}

describe('spec examples', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

  it('cover every kind, one file each, named after the kind', () => {
    assert.deepEqual(files, KINDS.map((k) => `${k.toLowerCase()}.yaml`).sort());
  });

  for (const file of files) {
    it(`${file} validates`, () => {
      const docs = parseAllDocuments(readFileSync(`${DIR}/${file}`, 'utf8'));
      assert.equal(docs.length, 1);
      const doc = docs[0]!;
      assert.deepEqual(doc.errors, []);
      const value = doc.toJS() as { kind: KindName };
      assert.equal(`${value.kind.toLowerCase()}.yaml`, file);
      assertValid(value.kind, value);
    });
  }
});

/** The alternatives the spec shows in comments, and other documents that must be accepted. */
const VALID: ReadonlyArray<readonly [string, string]> = [
  ['Mesh with an empty spec (every field has a default)', 'kind: Mesh\nmetadata: { name: shop }\nspec: {}'],
  [
    'Mesh with certificate files, zipkin to host:port, text logs',
    `kind: Mesh
metadata: { name: shop }
spec:
  mtls: { mode: permissive }
  certificates:
    files: { certificateChain: /c.pem, privateKey: /k.pem, trustedCA: /ca.pem }
  proxy: { outboundAddress: "::1" }
  observability:
    accessLog: { format: text }
    tracing: { provider: zipkin, collector: "zipkin.tracing.example.com:9411", samplingPercent: 0.5 }
    metrics: { prometheus: {} }`,
  ],
  ['Mesh with tracing to a service in another namespace', 'kind: Mesh\nmetadata: { name: shop }\nspec:\n  observability: { tracing: { collector: otel-collector.observability } }'],
  [
    'external Service resolved by DNS with TLS origination',
    `kind: Service
metadata: { name: stripe, namespace: payments }
spec:
  port: 443
  protocol: http2
  dns: api.stripe.com
  external: true
  tls: { sni: api.stripe.com }
  upstreams: []`,
  ],
  [
    'Service with IPv6 endpoints and prefixed label keys',
    `kind: Service
metadata: { name: ratings }
spec:
  port: 9080
  protocol: grpc
  identity: ratings-sa
  endpoints:
    - { address: "fd00::11", labels: { app.kubernetes.io/version: v1 } }
    - { address: "2001:db8::1", weight: 3 }
  subsets: { v1: { app.kubernetes.io/version: v1 } }
  upstreams: [reviews.default, details]`,
  ],
  [
    'ingress HTTPRoute with a redirect, a regex rewrite, an empty match item and header presence',
    `kind: HTTPRoute
metadata: { name: web }
spec:
  gateway: public
  hosts: [shop.example.com, "*.shop.example.com"]
  rules:
    - name: to-https
      match: [{ headers: { x-forwarded-proto: { exact: http } } }]
      redirect: { scheme: https, host: shop.example.com, path: /, port: 443, status: 301 }
    - match: [{ path: { regex: "^/api/(.*)" }, headers: { x-canary: { present: true } }, query: { v: { regex: "[0-9]+" } } }]
      rewrite: { path: { regex: "^/api/(.*)", substitution: "/\\\\1" } }
      backends: [{ service: api }]
      cors: { allowOrigins: ["*"], exposeHeaders: [x-request-id] }
    - match: [{}]
      backends: [{ service: web.frontend, weight: 50 }, { service: web-next.frontend, weight: 50 }]`,
  ],
  [
    'TrafficSplit to another service',
    `kind: TrafficSplit
metadata: { name: reviews-canary }
spec:
  service: reviews
  backends:
    - { subset: v1, weight: 90 }
    - { service: reviews-next, weight: 10 }`,
  ],
  [
    'TrafficPolicy with cookie hashing and a TCP health check',
    `kind: TrafficPolicy
metadata: { name: carts }
spec:
  service: carts
  loadBalancer: { algorithm: ring-hash, hash: { cookie: { name: session, ttl: 1h } } }
  healthCheck: { tcp: {}, interval: 10s }`,
  ],
  [
    'TrafficPolicy with source-IP hashing',
    'kind: TrafficPolicy\nmetadata: { name: carts }\nspec:\n  service: carts\n  loadBalancer: { algorithm: maglev, hash: { sourceIP: true } }',
  ],
  ['deny AuthorizationPolicy with no rules', 'kind: AuthorizationPolicy\nmetadata: { name: deny-all }\nspec: { action: deny, rules: [] }'],
  ['allow AuthorizationPolicy without rules field', 'kind: AuthorizationPolicy\nmetadata: { name: allow-nothing }\nspec: {}'],
  [
    'AuthorizationPolicy with IPv6 blocks, a bare address, ports and path patterns',
    `kind: AuthorizationPolicy
metadata: { name: edge }
spec:
  service: web
  rules:
    - from: [{ ipBlock: "fd00::/8" }, { ipBlock: 192.168.1.7 }]
      to: [{ ports: [8080], paths: ["*", "*.png", /exact, "/prefix/*"] }, {}]`,
  ],
  [
    'RequestAuthentication at a service with a JWKS file',
    `kind: RequestAuthentication
metadata: { name: jwt }
spec:
  service: productpage
  requireToken: false
  providers:
    - { name: local, issuer: me, jwks: { file: /etc/jwks.json } }
    - { name: inline, issuer: other, jwks: { inline: '{"keys":[]}' } }`,
  ],
  [
    'Gateway with SDS certificates, TLS passthrough and TCP',
    `kind: Gateway
metadata: { name: public, namespace: ingress }
spec:
  listeners:
    - { name: https, port: 443, protocol: https, hosts: ["*"], tls: { sds: { secret: shop-cert }, minVersion: "1.3" } }
    - { name: passthrough, port: 8444, protocol: tls, hosts: [db.example.com] }
    - { name: tcp, port: 5432, protocol: tcp }`,
  ],
];

describe('accepted variants', () => {
  for (const [title, yaml] of VALID) {
    it(title, () => {
      const doc = { apiVersion: 'meshc.dev/v1', ...(parse(yaml) as { kind: KindName }) };
      assertValid(doc.kind, doc);
    });
  }
});
