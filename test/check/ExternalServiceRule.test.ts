import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, res, run } from './yaml.js';

const stripe = (extra: string): string => res('Service', 'stripe', `  port: 443\n  dns: api.stripe.com\n  external: true\n${extra}`);

describe('ExternalServiceRule (MESH3018, MESH3019)', () => {
  test('tls on a mesh service is MESH3018 at the tls key', () => {
    const r = run({ 's.yaml': BASE.svc('a', '  tls: { sni: a.example.com }\n') });
    assert.deepEqual(found(r), ['s.yaml:15:3 MESH3018 tls is only allowed on an external service']);
  });

  test('upstreams and identity on an external service are MESH3019 at their keys', () => {
    const r = run({ 's.yaml': BASE.svc('a'), 'x.yaml': stripe('  upstreams: [a]\n  identity: stripe\n') });
    assert.deepEqual(found(r), [
      'x.yaml:8:3 MESH3019 external service "stripe" gets no sidecar, so it cannot have upstreams',
      'x.yaml:9:3 MESH3019 external service "stripe" gets no sidecar, so it cannot have identity',
    ]);
  });

  test('silent: tls on an external service', () => {
    assert.deepEqual(found(run({ 's.yaml': BASE.svc('a'), 'x.yaml': stripe('  tls: { sni: api.stripe.com }\n') })), []);
  });
});

describe('ExternalServiceRule: TLS needs a name (MESH3030)', () => {
  test('tls on an external service with IP endpoints and no sni', async () => {
    const { found: f, res: rs, run: go } = await import('./yaml.js');
    const r = go({ 's.yaml': rs('Service', 'bank', '  external: true\n  port: 443\n  endpoints: [{ address: 203.0.113.10 }]\n  tls: {}\n') });
    assert.deepEqual(f(r), [
      's.yaml:8:3 MESH3030 external service "bank" originates TLS but has no name to send as SNI and verify the certificate for',
    ]);
  });

  test('silent: tls with a dns name (the SNI defaults to it), or with an explicit sni', async () => {
    const { found: f, res: rs, run: go } = await import('./yaml.js');
    assert.deepEqual(f(go({ 's.yaml': rs('Service', 'bank', '  external: true\n  port: 443\n  dns: api.bank.example\n  tls: {}\n') })), []);
    assert.deepEqual(
      f(go({ 's.yaml': rs('Service', 'bank', '  external: true\n  port: 443\n  endpoints: [{ address: 203.0.113.10 }]\n  tls: { sni: api.bank.example }\n') })),
      [],
    );
  });
});
