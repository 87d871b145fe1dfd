/**
 * Documents the schemas must reject, each with the exact ajv errors
 * (keyword and instancePath) the compiler turns into diagnostics.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { errorsOf, type KindName } from './schemaAjv.js';

interface Case {
  readonly title: string;
  /** The document without apiVersion (added unless the YAML sets it). */
  readonly yaml: string;
  /** Every error expected, as `keyword instancePath`. */
  readonly errors: readonly string[];
}

const route = (rule: string): string => `kind: HTTPRoute
metadata: { name: r }
spec:
  service: reviews
  rules:
    - ${rule}`;

const CASES: readonly Case[] = [
  // unknown fields, at every depth
  { title: 'unknown top-level field', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 80 }\nspecs: {}', errors: ['additionalProperties '] },
  { title: 'unknown metadata field', yaml: 'kind: Service\nmetadata: { name: a, labels: {} }\nspec: { port: 80 }', errors: ['additionalProperties /metadata'] },
  { title: 'unknown spec field', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 80, prot: http }', errors: ['additionalProperties /spec'] },
  { title: 'unknown field in a rule', yaml: route('{ backends: [{ service: a }], timout: 1s }'), errors: ['additionalProperties /spec/rules/0'] },
  { title: 'unknown field in retries backoff', yaml: route('{ backends: [{ service: a }], retries: { backoff: { base: 1s, maximum: 2s } } }'), errors: ['additionalProperties /spec/rules/0/retries/backoff'] },
  { title: 'unknown field in a path match', yaml: route('{ match: [{ path: { prefx: /a } }], backends: [{ service: a }] }'), errors: ['additionalProperties /spec/rules/0/match/0/path'] },
  { title: 'unknown field in a header match', yaml: route('{ match: [{ headers: { x-a: { exactly: b } } }], backends: [{ service: a }] }'), errors: ['additionalProperties /spec/rules/0/match/0/headers/x-a'] },
  { title: 'unknown field in Mesh tracing', yaml: 'kind: Mesh\nmetadata: { name: m }\nspec: { observability: { tracing: { collector: otel, sampling: 1 } } }', errors: ['additionalProperties /spec/observability/tracing'] },
  { title: 'unknown field in a Gateway listener tls', yaml: 'kind: Gateway\nmetadata: { name: g }\nspec: { listeners: [{ name: a, port: 1, protocol: https, tls: { cert: /a } }] }', errors: ['additionalProperties /spec/listeners/0/tls'] },
  { title: 'unknown field in an authorization source', yaml: 'kind: AuthorizationPolicy\nmetadata: { name: a }\nspec: { rules: [{ from: [{ principal: x }] }] }', errors: ['additionalProperties /spec/rules/0/from/0'] },

  // document shape
  { title: 'wrong apiVersion', yaml: 'apiVersion: meshc.dev/v2\nkind: Service\nmetadata: { name: a }\nspec: { port: 80 }', errors: ['const /apiVersion'] },
  { title: 'kind of another schema', yaml: 'kind: Services\nmetadata: { name: a }\nspec: { port: 80 }', errors: ['const /kind'] },
  { title: 'missing spec', yaml: 'kind: Mesh\nmetadata: { name: a }', errors: ['required '] },
  { title: 'missing metadata name', yaml: 'kind: Mesh\nmetadata: { namespace: a }\nspec: {}', errors: ['required /metadata'] },
  { title: 'missing Service port', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { protocol: http }', errors: ['required /spec'] },
  { title: 'spec that is a list', yaml: 'kind: Mesh\nmetadata: { name: a }\nspec: []', errors: ['type /spec'] },

  // names
  { title: 'metadata name with capitals', yaml: 'kind: Mesh\nmetadata: { name: Reviews }\nspec: {}', errors: ['pattern /metadata/name'] },
  { title: 'metadata name of 64 characters', yaml: `kind: Mesh\nmetadata: { name: ${'a'.repeat(64)} }\nspec: {}`, errors: ['maxLength /metadata/name'] },
  { title: 'metadata namespace ending with "-"', yaml: 'kind: Mesh\nmetadata: { name: a, namespace: prod- }\nspec: {}', errors: ['pattern /metadata/namespace'] },
  { title: 'service reference with three labels', yaml: 'kind: TrafficSplit\nmetadata: { name: s }\nspec: { service: a.b.c, backends: [{ subset: v1, weight: 100 }] }', errors: ['pattern /spec/service'] },
  { title: 'subset name with capitals', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 80, subsets: { V1: { version: v1 } } }', errors: ['pattern /spec/subsets', 'propertyNames /spec/subsets'] },

  // durations, numbers
  { title: 'duration with a space', yaml: route('{ backends: [{ service: a }], timeout: 10 s }'), errors: ['pattern /spec/rules/0/timeout'] },
  { title: 'duration without unit', yaml: 'kind: Mesh\nmetadata: { name: m }\nspec: { defaults: { timeout: "10" } }', errors: ['pattern /spec/defaults/timeout'] },
  { title: 'duration as a number', yaml: 'kind: Mesh\nmetadata: { name: m }\nspec: { defaults: { connectTimeout: 10 } }', errors: ['type /spec/defaults/connectTimeout'] },
  { title: 'port 0', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 0 }', errors: ['minimum /spec/port'] },
  { title: 'port 70000', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 70000 }', errors: ['maximum /spec/port'] },
  { title: 'port as a string', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: "80" }', errors: ['type /spec/port'] },
  { title: 'fractional port', yaml: 'kind: Gateway\nmetadata: { name: g }\nspec: { listeners: [{ name: a, port: 80.5, protocol: http }] }', errors: ['type /spec/listeners/0/port'] },
  { title: 'weight 101', yaml: 'kind: TrafficSplit\nmetadata: { name: s }\nspec: { service: a, backends: [{ subset: v1, weight: 101 }] }', errors: ['maximum /spec/backends/0/weight'] },
  { title: 'negative percent', yaml: route('{ backends: [{ service: a }], mirror: { service: b, percent: -1 } }'), errors: ['minimum /spec/rules/0/mirror/percent'] },
  { title: 'fractional endpoint weight', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 80, endpoints: [{ address: 10.0.0.1, weight: 1.5 }] }', errors: ['type /spec/endpoints/0/weight'] },

  // enums and constants
  { title: 'unknown protocol', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 80, protocol: https }', errors: ['enum /spec/protocol'] },
  { title: 'mtls mode in capitals', yaml: 'kind: Mesh\nmetadata: { name: m }\nspec: { mtls: { mode: STRICT } }', errors: ['enum /spec/mtls/mode'] },
  { title: 'unknown retry condition', yaml: route('{ backends: [{ service: a }], retries: { on: [5xx, 5xxx] } }'), errors: ['enum /spec/rules/0/retries/on/1'] },
  { title: 'unknown method', yaml: route('{ match: [{ method: get }], backends: [{ service: a }] }'), errors: ['enum /spec/rules/0/match/0/method'] },
  { title: 'redirect status 300', yaml: route('{ redirect: { status: 300 } }'), errors: ['enum /spec/rules/0/redirect/status'] },
  { title: 'unknown algorithm', yaml: 'kind: TrafficPolicy\nmetadata: { name: p }\nspec: { service: a, loadBalancer: { algorithm: roundrobin } }', errors: ['enum /spec/loadBalancer/algorithm'] },
  { title: 'action in capitals', yaml: 'kind: AuthorizationPolicy\nmetadata: { name: a }\nspec: { action: ALLOW }', errors: ['enum /spec/action'] },
  { title: 'TLS minVersion as a number', yaml: 'kind: Gateway\nmetadata: { name: g }\nspec: { listeners: [{ name: a, port: 1, protocol: https, tls: { minVersion: 1.2 } }] }', errors: ['type /spec/listeners/0/tls/minVersion', 'enum /spec/listeners/0/tls/minVersion'] },
  { title: 'header presence false', yaml: route('{ match: [{ headers: { x-a: { present: false } } }], backends: [{ service: a }] }'), errors: ['const /spec/rules/0/match/0/headers/x-a/present'] },

  // headers
  { title: 'header value with a newline', yaml: route('{ backends: [{ service: a }], headers: { request: { set: { x-env: "a\\nb" } } } }'), errors: ['pattern /spec/rules/0/headers/request/set/x-env'] },
  { title: 'header name with capitals', yaml: route('{ backends: [{ service: a }], headers: { response: { add: { X-Env: a } } } }'), errors: ['pattern /spec/rules/0/headers/response/add', 'propertyNames /spec/rules/0/headers/response/add'] },
  { title: 'header name with a space in remove', yaml: route('{ backends: [{ service: a }], headers: { request: { remove: ["x a"] } } }'), errors: ['pattern /spec/rules/0/headers/request/remove/0'] },

  // exactly one of
  { title: 'path match with two keys', yaml: route('{ match: [{ path: { exact: /a, prefix: /b } }], backends: [{ service: a }] }'), errors: ['maxProperties /spec/rules/0/match/0/path'] },
  { title: 'empty path match', yaml: route('{ match: [{ path: {} }], backends: [{ service: a }] }'), errors: ['minProperties /spec/rules/0/match/0/path'] },
  { title: 'header match with two keys', yaml: route('{ match: [{ headers: { x-a: { exact: a, regex: b } } }], backends: [{ service: a }] }'), errors: ['maxProperties /spec/rules/0/match/0/headers/x-a'] },
  { title: 'hash with two keys', yaml: 'kind: TrafficPolicy\nmetadata: { name: p }\nspec: { service: a, loadBalancer: { algorithm: maglev, hash: { header: x-u, sourceIP: true } } }', errors: ['maxProperties /spec/loadBalancer/hash'] },
  { title: 'authorization source with two keys', yaml: 'kind: AuthorizationPolicy\nmetadata: { name: a }\nspec: { rules: [{ from: [{ service: a, namespace: b }] }] }', errors: ['maxProperties /spec/rules/0/from/0'] },
  { title: 'empty jwks', yaml: 'kind: RequestAuthentication\nmetadata: { name: j }\nspec: { service: a, providers: [{ name: p, issuer: i, jwks: {} }] }', errors: ['minProperties /spec/providers/0/jwks'] },

  // lists
  { title: 'empty backends', yaml: route('{ backends: [] }'), errors: ['minItems /spec/rules/0/backends'] },
  { title: 'empty providers', yaml: 'kind: RequestAuthentication\nmetadata: { name: j }\nspec: { gateway: g, providers: [] }', errors: ['minItems /spec/providers'] },
  { title: 'repeated CORS method', yaml: route('{ backends: [{ service: a }], cors: { allowMethods: [GET, GET] } }'), errors: ['uniqueItems /spec/rules/0/cors/allowMethods'] },

  // addresses and other formats
  { title: 'endpoint address out of range', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 80, endpoints: [{ address: 10.0.1.256 }] }', errors: ['pattern /spec/endpoints/0/address'] },
  { title: 'endpoint address that is a hostname', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 80, endpoints: [{ address: reviews.local }] }', errors: ['pattern /spec/endpoints/0/address'] },
  { title: 'dns that is not a hostname', yaml: 'kind: Service\nmetadata: { name: a }\nspec: { port: 80, dns: "reviews_prod.internal" }', errors: ['format /spec/dns'] },
  { title: 'ipBlock prefix longer than 32', yaml: 'kind: AuthorizationPolicy\nmetadata: { name: a }\nspec: { rules: [{ from: [{ ipBlock: 10.0.0.0/33 }] }] }', errors: ['pattern /spec/rules/0/from/0/ipBlock'] },
  { title: 'collector port out of range', yaml: 'kind: Mesh\nmetadata: { name: m }\nspec: { observability: { tracing: { collector: "otel:99999" } } }', errors: ['pattern /spec/observability/tracing/collector'] },
  { title: 'path match not starting with /', yaml: route('{ match: [{ path: { prefix: reviews } }], backends: [{ service: a }] }'), errors: ['pattern /spec/rules/0/match/0/path/prefix'] },
  { title: 'authorization path with a wildcard inside', yaml: 'kind: AuthorizationPolicy\nmetadata: { name: a }\nspec: { rules: [{ to: [{ paths: ["/a*b"] }] }] }', errors: ['pattern /spec/rules/0/to/0/paths/0'] },
  { title: 'relative certificate path', yaml: 'kind: Mesh\nmetadata: { name: m }\nspec: { certificates: { sds: { socket: agent.sock } } }', errors: ['pattern /spec/certificates/sds/socket'] },
  { title: 'regex rewrite without substitution', yaml: route('{ backends: [{ service: a }], rewrite: { path: { regex: "^/a" } } }'), errors: ['dependencies /spec/rules/0/rewrite/path'] },
];

describe('invalid documents', () => {
  for (const c of CASES) {
    it(c.title, () => {
      const parsed = parse(c.yaml) as { kind: string };
      const doc = { apiVersion: 'meshc.dev/v1', ...parsed };
      // A document of an unknown kind is checked against the schema it was meant for.
      const kind = (c.title === 'kind of another schema' ? 'Service' : parsed.kind) as KindName;
      const got = errorsOf(kind, doc).map((e) => `${e.keyword} ${e.instancePath}`);
      assert.deepEqual(got.sort(), [...c.errors].sort());
    });
  }
});
