import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, compileFiles, seen } from '../helpers/compile.js';
import type { CompileResult } from '../../src/compile.js';

/** A document header; the spec starts on line 5. */
const doc = (kind: string, spec: string, name = 'a'): string => `apiVersion: meshc.dev/v1\nkind: ${kind}\nmetadata: { name: ${name} }\nspec:\n${spec}`;

/** An HTTPRoute on service `a` with one rule whose first line (line 7) is `rule`. */
const route = (rule: string): string => doc('HTTPRoute', `  service: a\n  rules:\n    - ${rule}\n`, 'r');

const schema = (text: string): CompileResult => compileFiles({ 'a.yaml': text }, { until: 'schema' });
const hints = (r: CompileResult): (string | undefined)[] => r.diagnostics.map((d) => d.hint);

describe('schema: document shape', () => {
  test('a wrong apiVersion is MESH2001 on its value', () => {
    const r = schema('apiVersion: meshc.dev/v2\nkind: Service\nmetadata: { name: a }\nspec: { port: 80, dns: a.b }\n');
    assert.deepEqual(seen(r), [{ code: 'MESH2001', line: 1, col: 13, message: 'unknown apiVersion "meshc.dev/v2"' }]);
    assert.deepEqual(hints(r), ['meshc understands apiVersion: meshc.dev/v1']);
  });

  test('a missing apiVersion is MESH2005', () => {
    const r = schema('kind: Service\nmetadata: { name: a }\nspec: { port: 80, dns: a.b }\n');
    assert.deepEqual(seen(r), [{ code: 'MESH2005', line: 1, col: 1, message: 'missing required field "apiVersion" in the document' }]);
  });

  test('an unknown kind is MESH2002 with a did-you-mean hint', () => {
    const r = schema(doc('Servce', '  port: 80\n  dns: a.b\n'));
    assert.deepEqual(seen(r), [{ code: 'MESH2002', line: 2, col: 7, message: 'unknown kind "Servce"' }]);
    assert.deepEqual(hints(r), ['did you mean "Service"?']);
  });

  test('an unknown kind far from every kind lists the kinds', () => {
    const r = schema(doc('Banana', '  port: 80\n'));
    assert.deepEqual(seen(r), [{ code: 'MESH2002', line: 2, col: 7, message: 'unknown kind "Banana"' }]);
    assert.deepEqual(hints(r), [
      'the kinds are Mesh, Service, HTTPRoute, TrafficSplit, TrafficPolicy, AuthorizationPolicy, RequestAuthentication, Gateway',
    ]);
  });

  test('every kind of the language is supported: AuthorizationPolicy and RequestAuthentication are checked against their schemas', () => {
    const r = schema(doc('AuthorizationPolicy', '  action: allow\n') + '---\n' + doc('RequestAuthentication', '  service: a\n'));
    assert.deepEqual(seen(r), [{ code: 'MESH2005', line: 10, col: 1, message: 'missing required field "providers" in spec' }]);
  });

  test('a valid document yields no diagnostic', () => {
    const r = schema(BASE.svc('a') + '---\n' + doc('Mesh', '  mtls: { mode: strict }\n  defaults: { timeout: 1.5s, connectTimeout: 250ms }\n', 'm'));
    assert.deepEqual(seen(r), []);
  });
});

describe('schema: unknown fields (MESH2004) point at the key', () => {
  test('at the top level, with did-you-mean', () => {
    const r = schema(doc('Service', '  port: 80\n  dns: a.b\n') + 'specs: {}\n');
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 7, col: 1, message: 'unknown field "specs" in the document' }]);
    assert.deepEqual(hints(r), ['did you mean "spec"?']);
    assert.equal(r.diagnostics[0]!.span!.length, 5);
  });

  test('in metadata, listing the fields when nothing is close', () => {
    const r = schema('apiVersion: meshc.dev/v1\nkind: Service\nmetadata: { name: a, labels: {} }\nspec: { port: 80, dns: a.b }\n');
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 3, col: 22, message: 'unknown field "labels" in metadata' }]);
    assert.deepEqual(hints(r), ['the fields here are name, namespace']);
  });

  test('in spec', () => {
    const r = schema(doc('Service', '  port: 80\n  dns: a.b\n  protocl: http\n'));
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 7, col: 3, message: 'unknown field "protocl" in spec' }]);
    assert.deepEqual(hints(r), ['did you mean "protocol"?']);
  });

  test('deep inside a route rule', () => {
    const r = schema(route('match:\n        - path: { prefx: /a }\n      backends: [{ service: a }]'));
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 8, col: 19, message: 'unknown field "prefx" in spec.rules[0].match[0].path' }]);
    assert.deepEqual(hints(r), ['did you mean "prefix"?']);
  });
});

describe('schema: values', () => {
  test('a missing required field is MESH2005 at the key of the object that lacks it', () => {
    const r = schema(doc('Service', '  protocol: http\n  dns: a.b\n'));
    assert.deepEqual(seen(r), [{ code: 'MESH2005', line: 4, col: 1, message: 'missing required field "port" in spec' }]);
  });

  test('a missing metadata.name is MESH2005 at metadata', () => {
    const r = schema('apiVersion: meshc.dev/v1\nkind: Service\nmetadata: { namespace: x }\nspec: { port: 80, dns: a.b }\n');
    assert.deepEqual(seen(r), [{ code: 'MESH2005', line: 3, col: 1, message: 'missing required field "name" in metadata' }]);
  });

  test('a wrong type is MESH2006 on the value', () => {
    const r = schema(doc('Service', '  port: "80"\n  endpoints: { address: 10.0.0.1 }\n'));
    assert.deepEqual(seen(r), [
      { code: 'MESH2006', line: 5, col: 9, message: 'spec.port must be a whole number, not the string "80"' },
      { code: 'MESH2006', line: 6, col: 14, message: 'spec.endpoints must be a list, not a mapping' },
    ]);
  });

  test('a bad enum value is MESH2007 with did-you-mean', () => {
    const r = schema(doc('Service', '  port: 80\n  dns: a.b\n  protocol: htp\n'));
    assert.deepEqual(seen(r), [
      { code: 'MESH2007', line: 7, col: 13, message: 'spec.protocol must be one of "http", "http2", "grpc", "tcp", not "htp"' },
    ]);
    assert.deepEqual(hints(r), ['did you mean "http"?']);
  });

  test('a bad enum value far from every choice has no hint', () => {
    const r = schema(doc('Service', '  port: 80\n  dns: a.b\n  protocol: smtp\n'));
    assert.deepEqual(seen(r), [
      { code: 'MESH2007', line: 7, col: 13, message: 'spec.protocol must be one of "http", "http2", "grpc", "tcp", not "smtp"' },
    ]);
    assert.deepEqual(hints(r), [undefined]);
  });

  test('a bad format is MESH2008 with the schema description as hint', () => {
    const r = schema('apiVersion: meshc.dev/v1\nkind: Service\nmetadata: { name: Reviews }\nspec:\n  port: 80\n  endpoints:\n    - address: 10.0.0.300\n');
    assert.deepEqual(seen(r), [
      { code: 'MESH2008', line: 3, col: 19, message: 'metadata.name: "Reviews" is not valid' },
      { code: 'MESH2008', line: 7, col: 16, message: 'spec.endpoints[0].address: "10.0.0.300" is not valid' },
    ]);
    assert.deepEqual(hints(r), [
      'A DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters.',
      'An IPv4 or IPv6 address, e.g. "10.0.1.11" or "fd00::11".',
    ]);
  });

  test('an uppercase header name is reported once, at the key', () => {
    const r = schema(route('match: [{ headers: { X-User: { exact: jason } } }]\n      backends: [{ service: a }]'));
    assert.deepEqual(seen(r), [{ code: 'MESH2008', line: 7, col: 28, message: 'spec.rules[0].match[0].headers: the key "X-User" is not valid' }]);
    assert.deepEqual(hints(r), ["An HTTP header name: lowercase (HTTP/2 requires it), letters, digits and !#$%&'*+-.^_`|~."]);
    assert.equal(r.diagnostics[0]!.span!.length, 'X-User'.length);
  });

  test('an invalid subset name is reported once, at the key', () => {
    const r = schema(doc('Service', '  port: 80\n  endpoints: [{ address: 10.0.0.1, labels: { v: a } }]\n  subsets:\n    V1: { v: a }\n'));
    assert.deepEqual(seen(r), [{ code: 'MESH2008', line: 8, col: 5, message: 'spec.subsets: the key "V1" is not valid' }]);
  });

  test('ports out of range are MESH2009', () => {
    const r = schema(doc('Service', '  port: 0\n  targetPort: 70000\n  dns: a.b\n'));
    assert.deepEqual(seen(r), [
      { code: 'MESH2009', line: 5, col: 9, message: 'spec.port must be >= 1, not 0' },
      { code: 'MESH2009', line: 6, col: 15, message: 'spec.targetPort must be <= 65535, not 70000' },
    ]);
  });

  test('the edges of the port range are accepted', () => {
    const r = schema(doc('Service', '  port: 1\n  targetPort: 65535\n  dns: a.b\n'));
    assert.deepEqual(seen(r), []);
  });

  test('a path match with two keys is MESH2010 at the path key', () => {
    const r = schema(route('match: [{ path: { prefix: /a, exact: /b } }]\n      backends: [{ service: a }]'));
    assert.deepEqual(seen(r), [
      { code: 'MESH2010', line: 7, col: 17, message: 'spec.rules[0].match[0].path must set exactly one of exact, prefix, regex' },
    ]);
  });

  test('a header match with two keys is MESH2010 too', () => {
    const r = schema(route('match: [{ headers: { x-a: { prefix: a, exact: b } } }]\n      backends: [{ service: a }]'));
    assert.deepEqual(seen(r), [
      {
        code: 'MESH2010',
        line: 7,
        col: 28,
        message: 'spec.rules[0].match[0].headers.x-a must set exactly one of exact, prefix, suffix, regex, present',
      },
    ]);
  });

  test('bad durations are MESH2012', () => {
    const r = schema(doc('Mesh', '  defaults:\n    timeout: 10 s\n    connectTimeout: "5"\n', 'm') + '---\n' + route('backends: [{ service: a }]\n      timeout: 1.5s'));
    assert.deepEqual(seen(r), [
      {
        code: 'MESH2012',
        line: 6,
        col: 14,
        message: 'spec.defaults.timeout must be a duration such as "250ms", "1.5s", "2m" or "1h", not "10 s"',
      },
      {
        code: 'MESH2012',
        line: 7,
        col: 21,
        message: 'spec.defaults.connectTimeout must be a duration such as "250ms", "1.5s", "2m" or "1h", not "5"',
      },
    ]);
  });

  test('a duration in a rule', () => {
    const r = schema(route('backends: [{ service: a }]\n      timeout: 3 seconds'));
    assert.deepEqual(seen(r), [
      {
        code: 'MESH2012',
        line: 8,
        col: 16,
        message: 'spec.rules[0].timeout must be a duration such as "250ms", "1.5s", "2m" or "1h", not "3 seconds"',
      },
    ]);
  });
});

describe('schema: every error is reported', () => {
  test('all errors of one document, not only the first', () => {
    const r = schema(doc('Service', '  port: 0\n  protocol: smtp\n  bogus: 1\n  dns: a.b\n'));
    assert.deepEqual(
      seen(r).map((s) => `${s.line}:${s.col} ${s.code}`),
      ['5:9 MESH2009', '6:13 MESH2007', '7:3 MESH2004'],
    );
  });

  test('errors of every document, and the valid ones are silent', () => {
    const r = schema(BASE.svc('ok') + '---\n' + doc('Service', '  port: 80\n  dns: a.b\n  protocl: http\n') + '---\n' + doc('Servce', '  port: 80\n'));
    assert.deepEqual(
      seen(r).map((s) => `${s.line}:${s.col} ${s.code}`),
      ['22:3 MESH2004', '25:7 MESH2002'],
    );
  });

  test('schema errors stop the pipeline before checking', () => {
    // "b" is unknown, but with a schema error the check phase does not run.
    const r = compileFiles({ 'a.yaml': doc('Service', '  port: 0\n  dns: a.b\n') + '---\n' + doc('TrafficSplit', '  service: b\n  backends: [{ subset: v1, weight: 100 }]\n', 's') });
    assert.deepEqual(
      seen(r).map((s) => s.code),
      ['MESH2009'],
    );
  });
});
