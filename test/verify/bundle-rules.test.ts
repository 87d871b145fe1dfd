/**
 * Proves that the bundle keeps every protoc-gen-validate rule, including the
 * ones protobufjs's JSON export loses (`duration = {gt {}}`, repeated `in`):
 * the rules are read again here straight from the .proto text with a small
 * tokenizer of the option's text format, and compared with the bundle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { envoyApi } from '../../src/verify/index.js';

const require = createRequire(import.meta.url);
const depsDir = path.join(path.dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');

type TextValue = string | number | boolean | TextMessage;
interface TextMessage {
  [k: string]: TextValue | TextValue[];
}

/** Tokens of protobuf text format (and of .proto option values). */
function tokenize(s: string): string[] {
  const re = /\s+|\/\/[^\n]*|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([{}\[\]:,;=()])|([A-Za-z_][\w.]*|-?[0-9][\w.+-]*)/gy;
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while (re.lastIndex < s.length && (m = re.exec(s))) {
    const t = m[1] ?? m[2] ?? m[3];
    if (t !== undefined) out.push(t);
  }
  return out;
}

function parseText(tokens: string[], pos: { i: number }, end: string): TextMessage {
  const msg: TextMessage = {};
  const put = (k: string, v: TextValue) => {
    const prev = msg[k];
    if (prev === undefined) msg[k] = v;
    else msg[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  };
  while (pos.i < tokens.length && tokens[pos.i] !== end) {
    const key = tokens[pos.i++]!;
    if (tokens[pos.i] === ':') pos.i++;
    const t = tokens[pos.i]!;
    if (t === '{') {
      pos.i++;
      put(key, parseText(tokens, pos, '}'));
      pos.i++;
    } else if (t === '[') {
      pos.i++;
      while (tokens[pos.i] !== ']') {
        put(key, scalar(tokens[pos.i++]!));
        if (tokens[pos.i] === ',') pos.i++;
      }
      pos.i++;
    } else {
      put(key, scalar(t));
      pos.i++;
    }
    if (tokens[pos.i] === ',' || tokens[pos.i] === ';') pos.i++;
  }
  return msg;
}

function scalar(t: string): TextValue {
  if (t.startsWith('"') || t.startsWith("'")) return JSON.parse('"' + t.slice(1, -1).replace(/\\'/g, "'") + '"') as string;
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^-?[0-9]/.test(t)) return Number(t);
  return t; // enum identifier, e.g. HTTP_HEADER_NAME
}

/**
 * Every `[(validate.rules).KIND = {...}]` / `.KIND.RULE = v` option of each
 * field of `message`, keyed by field name, straight from the .proto text.
 */
function rulesFromProto(file: string, message: string): Map<string, TextMessage> {
  const text = readFileSync(path.join(depsDir, 'envoy-api', file), 'utf8').replace(/\/\/[^\n]*/g, '');
  const start = text.search(new RegExp(`\\bmessage ${message} \\{`));
  assert.ok(start >= 0, `message ${message} in ${file}`);
  // The message body up to its matching brace; nested messages are skipped below.
  let depth = 0;
  let i = text.indexOf('{', start);
  const bodyStart = i + 1;
  for (; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) break;
  }
  let body = text.slice(bodyStart, i);
  // Drop nested message/enum bodies (they belong to other types).
  for (;;) {
    const m = /\b(message|enum)\s+\w+\s*\{/.exec(body);
    if (!m) break;
    let d = 0;
    let j = m.index + m[0].length - 1;
    for (; j < body.length; j++) {
      if (body[j] === '{') d++;
      else if (body[j] === '}' && --d === 0) break;
    }
    body = body.slice(0, m.index) + body.slice(j + 1);
  }
  const out = new Map<string, TextMessage>();
  const fieldRe = /(\w+)\s*=\s*\d+\s*\[([^;]*)\]\s*;/g;
  let fm: RegExpExecArray | null;
  while ((fm = fieldRe.exec(body))) {
    const name = fm[1]!;
    const opts = fm[2]!;
    const rules: TextMessage = {};
    const optRe = /\(validate\.rules\)((?:\.\w+)+)\s*=\s*/g;
    let om: RegExpExecArray | null;
    while ((om = optRe.exec(opts))) {
      const keys = om[1]!.slice(1).split('.');
      const tokens = tokenize(opts.slice(om.index + om[0].length));
      let value: TextValue;
      if (tokens[0] === '{') value = parseText(tokens, { i: 1 }, '}');
      else value = scalar(tokens[0]!);
      let target = rules;
      for (const k of keys.slice(0, -1)) target = (target[k] ??= {}) as TextMessage;
      target[keys[keys.length - 1]!] = value;
    }
    if (Object.keys(rules).length > 0) out.set(name, rules);
  }
  return out;
}

/** The bundle's form: `in`/`not_in` always lists. */
function normalise(v: TextValue | TextValue[], key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => normalise(x));
  if (typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, (k === 'in' || k === 'not_in') && !Array.isArray(x) ? [normalise(x)] : normalise(x, k)]));
  }
  void key;
  return v;
}

const samples: [file: string, message: string, fullName: string][] = [
  ['envoy/config/cluster/v3/cluster.proto', 'Cluster', 'envoy.config.cluster.v3.Cluster'],
  ['envoy/config/core/v3/address.proto', 'SocketAddress', 'envoy.config.core.v3.SocketAddress'],
  ['envoy/config/route/v3/route_components.proto', 'RouteAction', 'envoy.config.route.v3.RouteAction'],
  ['envoy/config/route/v3/route_components.proto', 'VirtualHost', 'envoy.config.route.v3.VirtualHost'],
  ['envoy/config/route/v3/route_components.proto', 'HeaderMatcher', 'envoy.config.route.v3.HeaderMatcher'],
  ['envoy/config/accesslog/v3/accesslog.proto', 'ResponseFlagFilter', 'envoy.config.accesslog.v3.ResponseFlagFilter'],
  ['envoy/config/accesslog/v3/accesslog.proto', 'ComparisonFilter', 'envoy.config.accesslog.v3.ComparisonFilter'],
  ['envoy/extensions/transport_sockets/tls/v3/common.proto', 'SubjectAltNameMatcher', 'envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher'],
  ['envoy/extensions/filters/http/router/v3/router.proto', 'Router', 'envoy.extensions.filters.http.router.v3.Router'],
  ['envoy/config/core/v3/health_check.proto', 'HealthCheck', 'envoy.config.core.v3.HealthCheck'],
  ['envoy/config/core/v3/base.proto', 'HeaderValue', 'envoy.config.core.v3.HeaderValue'],
  ['envoy/config/listener/v3/listener.proto', 'Listener', 'envoy.config.listener.v3.Listener'],
  [
    'envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto',
    'HttpConnectionManager',
    'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  ],
];

function bundleRules(fullName: string): Map<string, unknown> {
  const m = envoyApi().messages[fullName];
  assert.ok(m, `${fullName} in the bundle`);
  return new Map(m.fields.filter((f) => f.rules).map((f) => [f.name, f.rules]));
}

for (const [file, message, fullName] of samples) {
  test(`bundle keeps every PGV rule of ${fullName}`, () => {
    const fromProto = rulesFromProto(file, message);
    const fromBundle = bundleRules(fullName);
    assert.deepEqual([...fromBundle.keys()].sort(), [...fromProto.keys()].sort(), 'the same fields have rules');
    for (const [field, rules] of fromProto) assert.deepEqual(fromBundle.get(field), normalise(rules), `${fullName}.${field}`);
  });
}

test('an empty sub-message rule survives: Cluster.connect_timeout duration {gt {}}', () => {
  assert.deepEqual(bundleRules('envoy.config.cluster.v3.Cluster').get('connect_timeout'), { duration: { gt: {} } });
});

test('a repeated `in` keeps every element (ResponseFlagFilter.flags, Router.strict_check_headers)', () => {
  const flags = bundleRules('envoy.config.accesslog.v3.ResponseFlagFilter').get('flags') as { repeated: { items: { string: { in: string[] } } } };
  assert.ok(flags.repeated.items.string.in.length >= 25, String(flags.repeated.items.string.in.length));
  assert.deepEqual(flags.repeated.items.string.in.slice(0, 3), ['LH', 'UH', 'UT']);
  const strict = bundleRules('envoy.extensions.filters.http.router.v3.Router').get('strict_check_headers') as { repeated: { items: { string: { in: string[] } } } };
  assert.equal(strict.repeated.items.string.in.length, 5);
});

test('a single `not_in: 0` is a list of one', () => {
  assert.deepEqual(bundleRules('envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher').get('san_type'), {
    enum: { defined_only: true, not_in: [0] },
  });
});

test('(validate.required) on oneofs is kept', () => {
  const route = envoyApi().messages['envoy.config.route.v3.Route']!;
  assert.deepEqual(route.oneofs?.find((o) => o.name === 'action'), { name: 'action', required: true });
  const action = envoyApi().messages['envoy.config.route.v3.RouteAction']!;
  assert.deepEqual(action.oneofs?.find((o) => o.name === 'cluster_specifier'), { name: 'cluster_specifier', required: true });
  const cluster = envoyApi().messages['envoy.config.cluster.v3.Cluster']!;
  assert.equal(cluster.oneofs?.find((o) => o.name === 'cluster_discovery_type')?.required, undefined);
});

test('the bundle holds the extensions meshc emits', () => {
  const api = envoyApi();
  for (const t of [
    'envoy.config.bootstrap.v3.Bootstrap',
    'envoy.service.discovery.v3.DiscoveryResponse',
    'envoy.extensions.filters.http.rbac.v3.RBAC',
    'envoy.extensions.filters.network.rbac.v3.RBAC',
    'envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication',
    'envoy.extensions.filters.http.fault.v3.HTTPFault',
    'envoy.extensions.filters.http.cors.v3.Cors',
    'envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
    'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
    'envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
    'envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
    'envoy.extensions.transport_sockets.tls.v3.Secret',
    'envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
    'envoy.extensions.access_loggers.file.v3.FileAccessLog',
    'envoy.extensions.access_loggers.stream.v3.StdoutAccessLog',
    'envoy.config.trace.v3.OpenTelemetryConfig',
    'envoy.config.trace.v3.ZipkinConfig',
    'envoy.config.core.v3.HealthCheck',
    'udpa.type.v1.TypedStruct',
    'xds.type.v3.TypedStruct',
    'google.protobuf.Duration',
    'google.protobuf.Struct',
  ]) {
    assert.ok(api.messages[t], t);
  }
});
