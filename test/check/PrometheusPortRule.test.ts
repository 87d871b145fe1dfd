import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, mesh, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('b', '  targetPort: 3001\n'.replace('  targetPort: 3001\n', '')) };
const prom = (spec: string, extra = ''): string => mesh(`${extra}  observability:\n    metrics:\n      prometheus: ${spec}\n`);

describe('PrometheusPortRule (MESH3023)', () => {
  test('the inbound port', () => {
    const r = run({ ...services, 'm.yaml': prom('{ port: 15006 }') });
    assert.deepEqual(found(r), ['m.yaml:7:27 MESH3023 port 15006 is used by both the Prometheus listener and the inbound listener of every sidecar']);
  });

  test('the admin port, reported at the prometheus key when the port is the default', () => {
    const r = run({ ...services, 'm.yaml': prom('{}', '  proxy: { adminPort: 15090 }\n') });
    assert.deepEqual(found(r), ['m.yaml:8:19 MESH3023 port 15090 is used by both the Prometheus listener and the admin interface of every proxy']);
  });

  test("an app's port and an outbound listener's port", () => {
    const app = run({ ...services, 'm.yaml': prom('{ port: 3000 }') });
    assert.deepEqual(found(app), ['m.yaml:7:27 MESH3023 port 3000 is used by both the Prometheus listener and the app of service "a" of the sidecar "a"']);
    const out = run({ ...services, 'm.yaml': prom('{ port: 8080 }') });
    assert.deepEqual(found(out), [
      'm.yaml:7:27 MESH3023 port 8080 is used by both the Prometheus listener and the outbound listener for service "a" of the sidecar "a"',
    ]);
  });

  test('silent: a port of its own', () => {
    assert.deepEqual(found(run({ ...services, 'm.yaml': prom('{ port: 15090, path: /metrics }') })), []);
  });
});
