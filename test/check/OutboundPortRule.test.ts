import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { found, hints, mesh, notes, res, run } from './yaml.js';

/** A service with the port on line 5 for http, line 6 for tcp; its app listens on 3000, away from every port used here. */
const tcp = (name: string, port: number, extra = ''): string =>
  res('Service', name, `  protocol: tcp\n  port: ${port}\n  targetPort: 3000\n  endpoints: [{ address: 10.0.0.1 }]\n${extra}`);
const http = (name: string, port: number, extra = ''): string =>
  res('Service', name, `  port: ${port}\n  targetPort: 3000\n  endpoints: [{ address: 10.0.0.2 }]\n${extra}`);
/** A caller of every service, whose own port clashes with nothing. */
const caller = http('caller', 7000);

describe('OutboundPortRule (MESH3020 DuplicatePort, MESH3023 PortClash, MESH3031 AppPortClash)', () => {
  test('two TCP services on one port are reported once, with a note at the other', () => {
    const r = run({ 'a.yaml': tcp('db', 5432), 'b.yaml': tcp('cache', 5432), 'c.yaml': caller });
    assert.deepEqual(found(r), ['a.yaml:6:9 MESH3020 services "cache.default" and "db.default" are both reachable on port 5432 but both are TCP']);
    assert.deepEqual(notes(r), [['b.yaml:6:9 the other one is here']]);
    assert.deepEqual(hints(r), [
      'a sidecar listens on one outbound port per HTTP port and one per TCP service; give one of them another port or limit upstreams',
    ]);
  });

  test('a TCP and an HTTP service on one port', () => {
    const r = run({ 'a.yaml': tcp('db', 8080), 'b.yaml': http('web', 8080), 'c.yaml': caller });
    assert.deepEqual(found(r), [
      'b.yaml:5:9 MESH3020 services "db.default" and "web.default" are both reachable on port 8080 but one is TCP and the other HTTP',
    ]);
    assert.deepEqual(notes(r), [['a.yaml:6:9 the other one is here']]);
  });

  test('a service port equal to the inbound port 15006', () => {
    const r = run({ 'a.yaml': http('web', 15006, '  upstreams: []\n'), 'c.yaml': caller });
    assert.deepEqual(found(r), ['a.yaml:5:9 MESH3023 port 15006 is used by both service "web" and the inbound listener of the sidecar "caller"']);
  });

  test('a service port equal to the admin port 9901', () => {
    const r = run({ 'a.yaml': http('web', 9901, '  upstreams: []\n'), 'c.yaml': caller });
    assert.deepEqual(found(r), ['a.yaml:5:9 MESH3023 port 9901 is used by both service "web" and the admin interface of the sidecar "caller"']);
  });

  test('the Mesh proxy ports are the ones checked', () => {
    const r = run({ 'a.yaml': http('web', 15006, '  upstreams: []\n'), 'c.yaml': caller, 'm.yaml': mesh('  proxy: { inboundPort: 16000, adminPort: 15000 }\n') });
    assert.deepEqual(found(r), []);
    const moved = run({ 'a.yaml': http('web', 16000, '  upstreams: []\n'), 'c.yaml': caller, 'm.yaml': mesh('  proxy: { inboundPort: 16000 }\n') });
    assert.deepEqual(found(moved), ['a.yaml:5:9 MESH3023 port 16000 is used by both service "web" and the inbound listener of the sidecar "caller"']);
  });

  test('AppPortClash: an upstream on the port where the sidecar\'s own app listens, at the upstreams item', () => {
    const app = res('Service', 'app', '  port: 8080\n  endpoints: [{ address: 10.0.0.3 }]\n  upstreams: [api]\n');
    const r = run({ 'a.yaml': app, 'b.yaml': http('api', 8080) });
    assert.deepEqual(found(r), [
      'a.yaml:7:15 MESH3031 the sidecar "app" would listen on 127.0.0.1:8080 for service "api", where its own app listens (127.0.0.1:8080)',
    ]);
    // Without upstreams (every service), at targetPort or port.
    const all = run({ 'a.yaml': res('Service', 'app', '  port: 9000\n  targetPort: 8080\n  endpoints: [{ address: 10.0.0.3 }]\n'), 'b.yaml': http('api', 8080) });
    assert.deepEqual(found(all), [
      'a.yaml:6:15 MESH3031 the sidecar "app" would listen on 127.0.0.1:8080 for service "api", where its own app listens (127.0.0.1:8080)',
    ]);
  });

  test('AppPortClash: silent when the outbound listeners are on another loopback address', () => {
    const app = res('Service', 'app', '  port: 8080\n  endpoints: [{ address: 10.0.0.3 }]\n  upstreams: [api]\n');
    const r = run({ 'a.yaml': app, 'b.yaml': http('api', 8080), 'm.yaml': mesh('  proxy: { outboundAddress: 127.0.0.2 }\n') });
    assert.deepEqual(found(r), []);
  });

  test('silent: HTTP services share a port; TCP services on one port that no sidecar reaches both of', () => {
    assert.deepEqual(found(run({ 'a.yaml': http('api', 8080), 'b.yaml': http('web', 8080) })), []);
    const r = run({ 'a.yaml': tcp('db', 5432, '  upstreams: []\n'), 'b.yaml': tcp('cache', 5432, '  upstreams: []\n') });
    assert.deepEqual(found(r), []);
  });
});
