import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a'), 't.yaml': BASE.svc('db', '  protocol: tcp\n').replace('port: 8080', 'port: 5432') };

describe('MirrorTargetRule (MESH3110), and mirror references', () => {
  test('mirroring to a TCP service: at the mirror service', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - mirror: { service: db, percent: 5 }\n') });
    assert.deepEqual(found(r), ['r.yaml:7:26 MESH3110 cannot mirror HTTP requests to service "db": it speaks TCP']);
  });

  test('mirroring to an unknown service is MESH3003, to an unknown subset MESH3004', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - match: [{ method: GET }]\n      mirror: { service: b }\n    - mirror: { service: a, subset: v9 }\n') });
    assert.deepEqual(found(r), [
      'r.yaml:8:26 MESH3003 unknown service "b"',
      'r.yaml:9:37 MESH3004 service "a" has no subset "v9"',
    ]);
  });

  test('silent: mirroring to a subset of an HTTP service', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - mirror: { service: a, subset: v2, percent: 0.5 }\n') });
    assert.deepEqual(found(r), []);
  });
});
