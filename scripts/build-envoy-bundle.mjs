#!/usr/bin/env node
// Builds dist/envoy/envoy-api.json: the part of Envoy's v3 API that meshc emits
// (or will emit), as a compact descriptor bundle with every protoc-gen-validate
// rule kept. Run by `npm run build` after tsc; see docs/envoy-api.md.
//
// Why not `pbjs -t json` / root.toJSON(): that export flattens options into
// "(validate.rules).duration.gt" keys, so an empty sub-message such as
// `duration = {gt {}}` disappears and a repeated `in` keeps only its last
// element. The rules here come from each field's `parsedOptions`, which keep
// the option's full message value.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const xdsPkgDir = path.dirname(require.resolve('@grpc/grpc-js-xds/package.json', { paths: [repo] }));
const deps = path.join(xdsPkgDir, 'deps');
const protobufjsDir = path.dirname(require.resolve('protobufjs/package.json', { paths: [repo] }));

/** Include directories, in protoc's -I order. descriptor.proto comes from protobufjs. */
export const includeDirs = [
  path.join(deps, 'envoy-api'),
  path.join(deps, 'xds'),
  path.join(deps, 'googleapis'),
  path.join(deps, 'protoc-gen-validate'),
  protobufjsDir,
];

/**
 * The root files: every type they define is in the bundle, with everything it
 * references transitively. Types reachable only through `Any` (extensions) must
 * be listed here.
 */
export const rootFiles = [
  // Resources and the xDS envelope.
  'envoy/config/bootstrap/v3/bootstrap.proto',
  'envoy/config/cluster/v3/cluster.proto',
  'envoy/config/endpoint/v3/endpoint.proto',
  'envoy/config/listener/v3/listener.proto',
  'envoy/config/route/v3/route.proto',
  'envoy/service/discovery/v3/discovery.proto',
  // Network and listener filters.
  'envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto',
  'envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy.proto',
  'envoy/extensions/filters/network/rbac/v3/rbac.proto',
  'envoy/extensions/filters/listener/tls_inspector/v3/tls_inspector.proto',
  'envoy/extensions/filters/listener/http_inspector/v3/http_inspector.proto',
  // HTTP filters.
  'envoy/extensions/filters/http/router/v3/router.proto',
  'envoy/extensions/filters/http/rbac/v3/rbac.proto',
  'envoy/extensions/filters/http/jwt_authn/v3/config.proto',
  'envoy/extensions/filters/http/fault/v3/fault.proto',
  'envoy/extensions/filters/http/cors/v3/cors.proto',
  'envoy/extensions/filters/http/local_ratelimit/v3/local_rate_limit.proto',
  'envoy/extensions/filters/http/health_check/v3/health_check.proto',
  // Transport sockets and upstream options.
  'envoy/extensions/transport_sockets/tls/v3/tls.proto',
  'envoy/extensions/transport_sockets/tls/v3/secret.proto',
  'envoy/extensions/transport_sockets/raw_buffer/v3/raw_buffer.proto',
  'envoy/extensions/upstreams/http/v3/http_protocol_options.proto',
  // Observability.
  'envoy/extensions/access_loggers/file/v3/file.proto',
  'envoy/extensions/access_loggers/stream/v3/stream.proto',
  'envoy/config/trace/v3/opentelemetry.proto',
  'envoy/config/trace/v3/zipkin.proto',
  // Health checking (the checker itself is core; event sinks are extensions).
  'envoy/config/core/v3/health_check.proto',
  'envoy/extensions/health_check/event_sinks/file/v3/file.proto',
  // Load-balancing policies (typed load_balancing_policy).
  'envoy/extensions/load_balancing_policies/round_robin/v3/round_robin.proto',
  'envoy/extensions/load_balancing_policies/least_request/v3/least_request.proto',
  'envoy/extensions/load_balancing_policies/random/v3/random.proto',
  'envoy/extensions/load_balancing_policies/ring_hash/v3/ring_hash.proto',
  'envoy/extensions/load_balancing_policies/maglev/v3/maglev.proto',
  // Typed structs and the well-known types that may appear inside Any.
  'udpa/type/v1/typed_struct.proto',
  'xds/type/v3/typed_struct.proto',
  'google/protobuf/any.proto',
  'google/protobuf/duration.proto',
  'google/protobuf/timestamp.proto',
  'google/protobuf/struct.proto',
  'google/protobuf/wrappers.proto',
  'google/protobuf/empty.proto',
];

/** Loads the protos with protobufjs (keepCase: field names stay snake_case). */
export function loadRoot(files = rootFiles) {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => {
    if (path.isAbsolute(target)) return target;
    for (const dir of includeDirs) {
      const p = path.join(dir, target);
      if (fs.existsSync(p)) return p;
    }
    // protobufjs serves google/protobuf/{any,duration,...}.proto from its built-in `common` table.
    return target;
  };
  root.loadSync(files, { keepCase: true, alternateCommentMode: true });
  root.resolveAll();
  return root;
}

/** protoc's default json_name: drop underscores and upper-case the letter after each. */
export function jsonName(name) {
  let out = '';
  let upper = false;
  for (const c of name) {
    if (c === '_') upper = true;
    else {
      out += upper ? c.toUpperCase() : c;
      upper = false;
    }
  }
  return out;
}

const RULE_LISTS = new Set(['in', 'not_in']);
const NESTED_RULES = new Set(['items', 'keys', 'values']);

/**
 * Merges a field's parsedOptions entries into one FieldRules object and
 * normalises it: `in`/`not_in` are always arrays (a single `in: 0` parses as a
 * scalar), nested FieldRules (items/keys/values) are normalised too.
 */
export function normaliseRules(rules) {
  const out = {};
  for (const [kind, body] of Object.entries(rules)) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      out[kind] = body;
      continue;
    }
    const b = {};
    for (const [k, v] of Object.entries(body)) {
      if (RULE_LISTS.has(k)) b[k] = Array.isArray(v) ? v : [v];
      else if (NESTED_RULES.has(k) && v && typeof v === 'object') b[k] = normaliseRules(v);
      else b[k] = v;
    }
    out[kind] = b;
  }
  return out;
}

/** The PGV rules of a field or oneof: merged parsedOptions entries named `name`. */
function optionValue(obj, name) {
  let found;
  for (const entry of obj.parsedOptions ?? []) {
    if (Object.prototype.hasOwnProperty.call(entry, name)) {
      const v = entry[name];
      if (v && typeof v === 'object' && found && typeof found === 'object') found = deepMerge(found, v);
      else found = v;
    }
  }
  return found;
}

function deepMerge(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object') out[k] = deepMerge(out[k], v);
    else if (RULE_LISTS.has(k) && k in out) out[k] = [].concat(out[k], v);
    else out[k] = v;
  }
  return out;
}

const SCALARS = new Set([
  'double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes',
]);

const strip = (fullName) => fullName.replace(/^\./, '');

/**
 * Walks the type graph from the root files and returns the bundle object.
 * Only types reachable from a root file are kept.
 */
export function buildBundle(root, files = rootFiles) {
  const rootSet = new Set(files);
  const messages = {};
  const enums = {};
  const queue = [];

  const isRootFile = (filename) => {
    if (!filename) return false;
    for (const f of rootSet) if (filename === f || filename.endsWith('/' + f)) return true;
    return false;
  };

  const visitAll = (ns) => {
    for (const obj of ns.nestedArray ?? []) {
      if (obj instanceof protobuf.Type) {
        if (isRootFile(obj.filename)) queue.push(obj);
        visitAll(obj);
      } else if (obj instanceof protobuf.Enum) {
        if (isRootFile(obj.filename)) queue.push(obj);
      } else if (obj instanceof protobuf.Namespace) visitAll(obj);
    }
  };
  visitAll(root);
  // protobufjs's built-in well-known types carry no filename: add them by name.
  for (const wkt of [
    'Any', 'Duration', 'Timestamp', 'Struct', 'Value', 'ListValue', 'NullValue', 'Empty', 'FieldMask',
    'DoubleValue', 'FloatValue', 'Int64Value', 'UInt64Value', 'Int32Value', 'UInt32Value', 'BoolValue', 'StringValue', 'BytesValue',
  ]) {
    const t = root.lookup('google.protobuf.' + wkt);
    if (t) queue.push(t);
  }

  while (queue.length > 0) {
    const t = queue.pop();
    const name = strip(t.fullName);
    if (t instanceof protobuf.Enum) {
      if (enums[name]) continue;
      enums[name] = { values: { ...t.values } };
      continue;
    }
    if (messages[name]) continue;
    const oneofs = [];
    const oneofIndex = new Map();
    for (const o of t.oneofsArray) {
      // proto3 `optional` makes a synthetic oneof of one field; it is not a real oneof.
      if (o.fieldsArray.length === 1 && o.fieldsArray[0].options?.proto3_optional) continue;
      oneofIndex.set(o.name, oneofs.length);
      const od = { name: o.name };
      if (optionValue(o, '(validate.required)') === true) od.required = true;
      oneofs.push(od);
    }
    const fields = [];
    for (const f of [...t.fieldsArray].sort((a, b) => a.id - b.id)) {
      const fd = { name: f.name, json: f.options?.json_name ?? jsonName(f.name) };
      if (SCALARS.has(f.type)) {
        fd.kind = 's';
        fd.type = f.type;
      } else {
        const rt = f.resolvedType;
        if (!rt) throw new Error(`unresolved type ${f.type} of ${name}.${f.name}`);
        fd.kind = rt instanceof protobuf.Enum ? 'e' : 'm';
        fd.type = strip(rt.fullName);
        queue.push(rt);
      }
      if (f.map) {
        fd.label = 'map';
        fd.keyType = f.keyType;
      } else if (f.repeated) fd.label = 'repeated';
      if (f.partOf && oneofIndex.has(f.partOf.name)) fd.oneof = oneofIndex.get(f.partOf.name);
      if (f.options?.proto3_optional) fd.optional = true;
      const rules = optionValue(f, '(validate.rules)');
      if (rules && typeof rules === 'object') fd.rules = normaliseRules(rules);
      fields.push(fd);
    }
    const md = { fields };
    if (oneofs.length > 0) md.oneofs = oneofs;
    if (optionValue(t, '(validate.disabled)') === true) md.disabled = true;
    if (optionValue(t, '(validate.ignored)') === true) md.ignored = true;
    messages[name] = md;
  }

  const sortKeys = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  const xdsPkg = JSON.parse(fs.readFileSync(path.join(xdsPkgDir, 'package.json'), 'utf8'));
  return {
    format: 1,
    source: {
      package: `@grpc/grpc-js-xds@${xdsPkg.version}`,
      protobufjs: JSON.parse(fs.readFileSync(path.join(protobufjsDir, 'package.json'), 'utf8')).version,
      rootFiles: files,
    },
    messages: sortKeys(messages),
    enums: sortKeys(enums),
  };
}

function main() {
  const started = Date.now();
  const root = loadRoot();
  const bundle = buildBundle(root);
  const outDir = path.join(repo, 'dist', 'envoy');
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, 'envoy-api.json');
  const text = JSON.stringify(bundle);
  fs.writeFileSync(out, text + '\n');
  const nm = Object.keys(bundle.messages).length;
  const ne = Object.keys(bundle.enums).length;
  process.stdout.write(
    `envoy-api bundle: ${nm} messages, ${ne} enums, ${(text.length / 1024).toFixed(0)} KiB -> ${path.relative(repo, out)} (${Date.now() - started} ms)\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
