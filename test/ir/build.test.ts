import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { integerWeights, type ForwardIr, type RouteIr } from '../../src/ir/index.js';
import { BASE, compileFiles } from '../helpers/compile.js';

/** The forward action of a rule (these tests build no redirects). */
const fwd = (r: RouteIr | undefined): ForwardIr => {
  assert.equal(r!.action.kind, 'forward');
  return r!.action as ForwardIr;
};

const leaf = (service: string, share: number, subset?: string) => ({
  cluster: subset === undefined ? { service } : { service, subset },
  share,
});

describe('integerWeights', () => {
  test('keeps whole percentages as they are', () => {
    assert.deepEqual(
      integerWeights([leaf('a', 90, 'v1'), leaf('a', 10, 'v3')]).map((w) => w.weight),
      [90, 10],
    );
  });
  test('scales fractions by the smallest power of ten that makes them whole', () => {
    assert.deepEqual(
      integerWeights([leaf('a', 0.5), leaf('b', 99.5)]).map((w) => w.weight),
      [5, 995],
    );
    assert.deepEqual(
      integerWeights([leaf('a', 33.3), leaf('b', 33.3), leaf('c', 33.4)]).map((w) => w.weight),
      [333, 333, 334],
    );
  });
  test('merges equal clusters at the first position and drops zero shares', () => {
    const w = integerWeights([leaf('a', 40, 'v1'), leaf('b', 0), leaf('a', 20, 'v1'), leaf('c', 40)]);
    assert.deepEqual(
      w.map((x) => [x.cluster.service, x.weight]),
      [
        ['a', 60],
        ['c', 40],
      ],
    );
  });
});

describe('TrafficSplit expansion', () => {
  test('nested splits multiply: 50% to a service that splits 90/10 gives 45/5', () => {
    const result = compileFiles({
      'a.yaml': BASE.svc('front', '  upstreams: [reviews]\n'),
      'b.yaml': BASE.svc('reviews'),
      'c.yaml': BASE.svc('reviews-next'),
      'd.yaml': `apiVersion: meshc.dev/v1
kind: TrafficSplit
metadata: { name: s1 }
spec:
  service: reviews
  backends:
    - { subset: v1, weight: 50 }
    - { service: reviews-next, weight: 50 }
---
apiVersion: meshc.dev/v1
kind: TrafficSplit
metadata: { name: s2 }
spec:
  service: reviews-next
  backends:
    - { subset: v1, weight: 90 }
    - { subset: v2, weight: 10 }
`,
    });
    assert.deepEqual(result.diagnostics, []);
    const reviews = result.ir!.services.find((s) => s.key === 'reviews.default')!;
    assert.deepEqual(
      fwd(reviews.routes[0]).clusters.map((c) => [c.cluster.service, c.cluster.subset, c.weight]),
      [
        ['reviews.default', 'v1', 50],
        ['reviews-next.default', 'v1', 45],
        ['reviews-next.default', 'v2', 5],
      ],
    );
    // The caller gets clusters for every leaf, and no whole-service cluster nobody routes to.
    const front = result.ir!.sidecars.find((s) => s.name === 'front')!;
    assert.deepEqual(
      front.clusters.map((c) => `${c.service}/${c.subset ?? ''}`),
      ['reviews-next.default/v1', 'reviews-next.default/v2', 'reviews.default/v1'],
    );
  });

  test('a route backend without subset goes through the split; with a subset it does not', () => {
    const result = compileFiles({
      'a.yaml': BASE.svc('reviews'),
      'b.yaml': `apiVersion: meshc.dev/v1
kind: TrafficSplit
metadata: { name: s }
spec:
  service: reviews
  backends: [{ subset: v1, weight: 80 }, { subset: v2, weight: 20 }]
---
apiVersion: meshc.dev/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  service: reviews
  rules:
    - match: [{ method: POST }]
      backends: [{ service: reviews, subset: v2 }]
    - backends: [{ service: reviews }]
`,
    });
    assert.deepEqual(result.diagnostics, []);
    const routes = result.ir!.services[0]!.routes;
    assert.deepEqual(
      routes.map((r) => [r.name, fwd(r).clusters.map((c) => `${c.cluster.subset}:${c.weight}`)]),
      [
        ['rule-0', ['v2:100']],
        ['rule-1', ['v1:80', 'v2:20']],
      ],
    );
  });
});

describe('defaults', () => {
  test('the Mesh defaults apply where a rule says nothing, and a rule overrides them field by field', () => {
    const result = compileFiles({
      'm.yaml': `apiVersion: meshc.dev/v1
kind: Mesh
metadata: { name: m }
spec:
  defaults: { timeout: 20s, retries: { attempts: 4, on: [5xx] } }
`,
      's.yaml': BASE.svc('a'),
      'r.yaml': `apiVersion: meshc.dev/v1
kind: HTTPRoute
metadata: { name: a }
spec:
  service: a
  rules:
    - match: [{ path: { prefix: /x } }]
      timeout: 250ms
      retries: { attempts: 1 }
    - {}
`,
    });
    assert.deepEqual(result.diagnostics, []);
    const [x, rest] = result.ir!.services[0]!.routes;
    assert.equal(fwd(x).timeoutMs, 250);
    assert.deepEqual(fwd(x).retries, { attempts: 1, on: ['5xx'] });
    assert.equal(fwd(rest).timeoutMs, 20_000);
    assert.deepEqual(fwd(rest).retries, { attempts: 4, on: ['5xx'] });
  });

  test('without a Mesh: strict mTLS, SDS from SPIRE, 15s timeout, 2 retries on connect-failure and reset', () => {
    const result = compileFiles({ 's.yaml': BASE.svc('a') });
    const s = result.ir!.settings;
    assert.equal(s.mtls, 'strict');
    assert.deepEqual(s.certificates, { kind: 'sds', socket: '/run/spire/sockets/agent.sock' });
    assert.equal(s.timeoutMs, 15_000);
    assert.deepEqual(s.retries, { attempts: 2, on: ['connect-failure', 'reset'] });
  });
});

describe('review fixes', () => {
  test('Mesh default retries apply field by field, perTryTimeout and backoff included', () => {
    const result = compileFiles({
      'm.yaml': `apiVersion: meshc.dev/v1
kind: Mesh
metadata: { name: m }
spec:
  defaults: { retries: { attempts: 3, on: [5xx], perTryTimeout: 2s, backoff: { base: 10ms, max: 1s } } }
`,
      's.yaml': BASE.svc('a'),
      'r.yaml': `apiVersion: meshc.dev/v1
kind: HTTPRoute
metadata: { name: a }
spec:
  service: a
  rules:
    - match: [{ method: GET }]
      retries: { attempts: 1, backoff: { base: 5ms } }
    - {}
`,
    });
    assert.deepEqual(result.diagnostics, []);
    const [get, rest] = result.ir!.services[0]!.routes;
    assert.deepEqual(fwd(get).retries, { attempts: 1, on: ['5xx'], perTryTimeoutMs: 2000, backoff: { baseMs: 5 } });
    assert.deepEqual(fwd(rest).retries, { attempts: 3, on: ['5xx'], perTryTimeoutMs: 2000, backoff: { baseMs: 10, maxMs: 1000 } });
  });

  test('a rule without backends goes to the route\'s service even when the route lives in another namespace', () => {
    const result = compileFiles({
      's.yaml': BASE.svc('reviews'),
      'r.yaml': `apiVersion: meshc.dev/v1
kind: HTTPRoute
metadata: { name: reviews, namespace: ops }
spec:
  service: reviews.default
  rules:
    - timeout: 2s
`,
    });
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(fwd(result.ir!.services[0]!.routes[0]).clusters, [{ cluster: { service: 'reviews.default' }, weight: 100 }]);
  });

  test('a service without upstreams gets every service, its own too, unless its listener would take its app\'s port', () => {
    // BASE services listen on 8080 with the app on 3000; d's app listens on its own port.
    const d = BASE.svc('d').replace('  targetPort: 3000\n', '').replace('port: 8080', 'port: 9000');
    const result = compileFiles({ 'a.yaml': BASE.svc('a'), 'b.yaml': BASE.svc('b'), 'c.yaml': BASE.svc('c', '  upstreams: [a, c]\n'), 'd.yaml': d });
    assert.deepEqual(result.diagnostics, []);
    const all = ['a.default', 'b.default', 'c.default', 'd.default'];
    assert.deepEqual(
      result.ir!.sidecars.map((s) => [s.name, s.upstreams, s.fullMesh]),
      [
        ['a', all, true],
        ['b', all, true],
        ['c', ['a.default', 'c.default'], false],
        // 127.0.0.1:9000 is d's app: no listener of d's own there, so d is not among its upstreams ...
        ['d', ['a.default', 'b.default', 'c.default'], true],
      ],
    );
    // ... but its clusters are every service's, like every full-mesh sidecar's.
    const clusters = (name: string): string[] => result.ir!.sidecars.find((s) => s.name === name)!.clusters.map((c) => c.service);
    assert.deepEqual(clusters('d'), all);
    assert.deepEqual(clusters('a'), all);
    assert.deepEqual(clusters('c'), ['a.default', 'c.default']);
  });
});
