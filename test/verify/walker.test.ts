import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyEnvoyConfig } from '../../src/verify/index.js';
import { checkNumber, checkString } from '../../src/verify/pgv.js';

const rules = (value: unknown, type: string) => verifyEnvoyConfig(value, type).map((i) => `${i.path} ${i.rule}`);

test('int64/uint64 accept numbers and strings of digits, with 64-bit ranges and PGV rules', () => {
  const T = 'envoy.extensions.filters.common.fault.v3.FaultRateLimit.FixedLimit';
  assert.deepEqual(rules({ limit_kbps: '18446744073709551615' }, T), []);
  assert.deepEqual(rules({ limit_kbps: 5 }, T), []);
  assert.deepEqual(rules({ limit_kbps: '0' }, T), ['limit_kbps uint64.gte']);
  assert.deepEqual(rules({ limit_kbps: '18446744073709551616' }, T), ['limit_kbps type.uint64']);
  assert.deepEqual(rules({ limit_kbps: '12x' }, T), ['limit_kbps type.uint64']);
  assert.deepEqual(rules({ limit_kbps: 1.5 }, T), ['limit_kbps type.uint64']);
  // Absent proto3 scalar: PGV checks the default 0.
  assert.deepEqual(rules({}, T), ['limit_kbps uint64.gte']);
  assert.deepEqual(rules({ start: '-9223372036854775808', end: 9007199254740993 }, 'envoy.type.v3.Int64Range'), []);
  assert.deepEqual(rules({ start: '9223372036854775808' }, 'envoy.type.v3.Int64Range'), ['start type.int64']);
});

test('wrappers are bare scalars in JSON, with the scalar rules of the field', () => {
  const C = 'envoy.config.cluster.v3.Cluster';
  const base = { name: 'c', connect_timeout: '1s' };
  assert.deepEqual(rules({ ...base, per_connection_buffer_limit_bytes: 32768 }, C), []);
  assert.deepEqual(rules({ ...base, per_connection_buffer_limit_bytes: { value: 32768 } }, C), ['per_connection_buffer_limit_bytes type.uint32']);
  // HealthCheck.unhealthy_threshold is a required UInt32Value.
  const hc = { timeout: '1s', interval: '5s', healthy_threshold: 1, tcp_health_check: {} };
  assert.deepEqual(rules(hc, 'envoy.config.core.v3.HealthCheck'), ['unhealthy_threshold message.required']);
  assert.deepEqual(rules({ ...hc, unhealthy_threshold: 2 }, 'envoy.config.core.v3.HealthCheck'), []);
});

test('camelCase JSON names are accepted, unknown fields are not', () => {
  assert.deepEqual(rules({ name: 'c', connectTimeout: '1s', perConnectionBufferLimitBytes: 1 }, 'cluster'), []);
  assert.deepEqual(rules({ name: 'c', connectTimeOut: '1s' }, 'cluster'), ['connectTimeOut unknown-field']);
});

test('Struct, Value and ListValue take any JSON; maps check keys and values', () => {
  const N = 'envoy.config.core.v3.Node';
  assert.deepEqual(rules({ id: 'x', metadata: { a: 1, b: [true, null, { c: 'd' }], e: null } }, N), []);
  assert.deepEqual(rules({ id: 'x', metadata: [1] }, N), ['metadata type.struct']);
  const M = 'envoy.config.core.v3.Metadata';
  assert.deepEqual(rules({ filter_metadata: { 'envoy.lb': { canary: true } } }, M), []);
  assert.deepEqual(rules({ filter_metadata: { 'envoy.lb': 'yes' } }, M), ['filter_metadata["envoy.lb"] type.struct']);
  assert.deepEqual(rules({ positions: { '12': 3, abc: 4 } }, 'google.api.expr.v1alpha1.SourceInfo'), ['positions["abc"] type.int64']);
});

test('TypedStruct (xds and udpa) is checked as the message its type_url names', () => {
  const F = 'envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter';
  const ts = (at: string, value: unknown) => ({
    name: 'envoy.filters.http.router',
    typed_config: { '@type': `type.googleapis.com/${at}`, type_url: 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router', value },
  });
  assert.deepEqual(rules(ts('xds.type.v3.TypedStruct', { suppress_envoy_headers: true }), F), []);
  assert.deepEqual(rules(ts('udpa.type.v1.TypedStruct', { suppress_envoy_headers: 'yes' }), F), ['typed_config.value.suppress_envoy_headers type.bool']);
  assert.deepEqual(
    rules({ name: 'x', typed_config: { '@type': 'type.googleapis.com/xds.type.v3.TypedStruct', type_url: 'type.googleapis.com/a.B', value: {} } }, F),
    ['typed_config.type_url typed-struct.unknown-type'],
  );
});

test('Any holding a well-known type uses {"@type", "value"}', () => {
  const M = 'envoy.config.cluster.v3.Cluster';
  const opts = (v: unknown) => ({ name: 'c', connect_timeout: '1s', typed_extension_protocol_options: { x: v } });
  assert.deepEqual(rules(opts({ '@type': 'type.googleapis.com/google.protobuf.Duration', value: '1s' }), M), []);
  assert.deepEqual(rules(opts({ '@type': 'type.googleapis.com/google.protobuf.Duration', value: '1m' }), M), [
    'typed_extension_protocol_options["x"].value type.duration',
  ]);
});

test('exclusive numeric ranges: gt above lt means outside the range', () => {
  const r = { gt: 200, lt: 100 };
  assert.equal(checkNumber('int32', r, 50), undefined);
  assert.equal(checkNumber('int32', r, 250), undefined);
  assert.equal(checkNumber('int32', r, 150)?.rule, 'int32.lt');
  assert.equal(checkNumber('int32', r, 100)?.rule, 'int32.lt');
  assert.equal(checkNumber('int32', r, 200)?.rule, 'int32.lt');
  const inside = { gte: 1, lte: 10 };
  assert.equal(checkNumber('uint32', inside, 0)?.rule, 'uint32.gte');
  assert.equal(checkNumber('uint32', inside, 11)?.rule, 'uint32.lte');
  assert.equal(checkNumber('uint32', inside, 10), undefined);
  const outsideInclusive = { gte: 200, lte: 100 };
  assert.equal(checkNumber('int64', outsideInclusive, 100), undefined);
  assert.equal(checkNumber('int64', outsideInclusive, 200), undefined);
  assert.equal(checkNumber('int64', outsideInclusive, 101)?.rule, 'int64.lte');
  assert.equal(checkNumber('uint64', { in: [1, 2] }, 3n ** 40n)?.rule, 'uint64.in');
});

test('ignore_empty skips the rules of an empty value, and of an absent one', () => {
  const U = 'envoy.config.core.v3.UpstreamHttpProtocolOptions';
  assert.deepEqual(rules({}, U), []);
  assert.deepEqual(rules({ override_auto_sni_header: '' }, U), []);
  assert.deepEqual(rules({ override_auto_sni_header: 'x-sni' }, U), []);
  assert.deepEqual(rules({ override_auto_sni_header: 'bad header' }, U), ['override_auto_sni_header string.well_known_regex']);
  assert.equal(checkString({ min_len: 3, ignore_empty: true }, ''), undefined);
  assert.equal(checkString({ min_len: 3 }, '')?.rule, 'string.min_len');
});

test('PGV well-known header regexes follow PGV (strict by default, loose when strict: false)', () => {
  const strictName = { well_known_regex: 'HTTP_HEADER_NAME' };
  assert.equal(checkString(strictName, ':authority'), undefined);
  assert.equal(checkString(strictName, 'x,y'), undefined); // PGV's class has the range +-. which holds ','
  assert.equal(checkString(strictName, 'x y')?.rule, 'string.well_known_regex');
  assert.equal(checkString(strictName, '')?.rule, 'string.well_known_regex');
  const value = { well_known_regex: 'HTTP_HEADER_VALUE' };
  assert.equal(checkString(value, 'a\tb'), undefined);
  assert.equal(checkString(value, 'a\u007fb')?.rule, 'string.well_known_regex');
  const loose = { well_known_regex: 'HTTP_HEADER_NAME', strict: false };
  assert.equal(checkString(loose, 'x y'), undefined);
  assert.equal(checkString(loose, 'x\rb')?.rule, 'string.well_known_regex');
});

test('every issue is collected, not just the first', () => {
  const got = rules({ name: '', connect_timeout: '0s', type: 'NOPE', bogus: 1 }, 'cluster');
  assert.deepEqual(got.sort(), ['bogus unknown-field', 'connect_timeout duration.gt', 'name string.min_len', 'type type.enum']);
});

test('bad input never throws', () => {
  for (const v of [null, 1, 'x', [], [1, 2], { static_resources: 5 }, { static_resources: { clusters: [null, 1, 'x', {}] } }]) {
    assert.doesNotThrow(() => verifyEnvoyConfig(v, 'bootstrap'));
  }
  assert.deepEqual(rules(null, 'bootstrap'), [' type.message']);
  assert.deepEqual(rules({}, 'no.such.Type'), [' type.unknown']);
});
