import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, compileFiles, seen } from '../helpers/compile.js';

const SVC = 'apiVersion: meshc.dev/v1\nkind: Service\nmetadata: { name: a }\n';

describe('parse: YAML syntax', () => {
  test('a syntax error is MESH1001 at its line and column, and stops the pipeline', () => {
    const r = compileFiles({ 'a.yaml': SVC + 'spec: { port: @80 }\n' });
    assert.deepEqual(seen(r), [
      { code: 'MESH1001', line: 4, col: 15, message: 'YAML syntax error: Plain value cannot start with reserved character @' },
    ]);
    assert.equal(r.diagnostics[0]!.span!.file, 'a.yaml');
    assert.equal(r.proxies, undefined);
  });

  test('tabs as indentation are a syntax error on the tab', () => {
    const r = compileFiles({ 'a.yaml': 'apiVersion: meshc.dev/v1\nkind: Service\nmetadata:\n\tname: a\n' });
    assert.deepEqual(seen(r), [{ code: 'MESH1001', line: 4, col: 1, message: 'YAML syntax error: Tabs are not allowed as indentation' }]);
  });

  test('errors in several documents and files are all reported, in file order', () => {
    const r = compileFiles({ 'b.yaml': 'x: "open\n', 'a.yaml': BASE.svc('a') + '---\nspec: { port: @1 }\n' });
    assert.deepEqual(
      r.diagnostics.map((d) => [d.span?.file, d.code]),
      [
        ['a.yaml', 'MESH1001'],
        ['b.yaml', 'MESH1001'],
      ],
    );
    assert.deepEqual(seen(r).map((s) => [s.line, s.col]), [
      [16, 15],
      [2, 1],
    ]);
  });
});

describe('parse: duplicate keys', () => {
  test('a duplicate key is MESH1002 at the second key', () => {
    const r = compileFiles({ 'a.yaml': SVC + 'spec:\n  port: 80\n  dns: a.example.com\n  port: 81\n' });
    assert.deepEqual(
      seen(r).map(({ code, line, col }) => ({ code, line, col })),
      [{ code: 'MESH1002', line: 7, col: 3 }],
    );
    assert.equal(r.diagnostics[0]!.hint, 'a key may appear once per mapping; merge the two entries');
  });

  test('the message names the whole duplicate key and the carets cover it', () => {
    const r = compileFiles({ 'a.yaml': SVC + 'spec:\n  port: 80\n  dns: a.example.com\n  port: 81\n' });
    assert.deepEqual(seen(r), [{ code: 'MESH1002', line: 7, col: 3, message: 'duplicate key "port" in a mapping' }]);
    assert.equal(r.diagnostics[0]!.span!.length, 4);
  });

  test('a duplicate key in a flow mapping is found too', () => {
    const r = compileFiles({ 'a.yaml': 'apiVersion: meshc.dev/v1\nkind: Service\nmetadata: { name: a, name: b }\nspec: {}\n' });
    assert.deepEqual(
      seen(r).map(({ code, line, col }) => ({ code, line, col })),
      [{ code: 'MESH1002', line: 3, col: 22 }],
    );
  });

  test('the same key in two different mappings is fine', () => {
    const r = compileFiles({ 'a.yaml': BASE.svc('a') }, { until: 'parse' });
    assert.deepEqual(seen(r), []);
  });
});

describe('parse: documents and files', () => {
  test('empty files, empty documents and comment-only documents are ignored', () => {
    const r = compileFiles({
      'empty.yaml': '',
      'blank.yaml': '\n\n',
      'docs.yaml': '---\n---\n# only a comment\n---\n' + BASE.svc('a') + '---\n',
    });
    assert.deepEqual(seen(r), []);
    assert.deepEqual(
      r.proxies?.map((p) => p.name),
      ['a'],
    );
  });

  test('several documents per file each become a resource', () => {
    const r = compileFiles({ 'a.yaml': BASE.svc('a') + '---\n' + BASE.svc('b') + '---\n' + BASE.svc('c') });
    assert.deepEqual(seen(r), []);
    assert.deepEqual(
      r.proxies?.map((p) => p.name),
      ['a', 'b', 'c'],
    );
  });

  test('positions in the third document of a file are positions in the file', () => {
    const r = compileFiles({ 'a.yaml': BASE.svc('a') + '---\n' + BASE.svc('b') + '---\n' + BASE.svc('c', '  bogus: 1\n') });
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 45, col: 3, message: 'unknown field "bogus" in spec' }]);
  });

  test('CRLF line breaks give the same lines and columns', () => {
    const r = compileFiles({ 'a.yaml': (BASE.svc('a') + '---\n' + BASE.svc('b', '  bogus: 1\n')).replace(/\n/g, '\r\n') });
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 30, col: 3, message: 'unknown field "bogus" in spec' }]);
  });

  test('a document that is a list is MESH1007', () => {
    const r = compileFiles({ 'a.yaml': '- a\n- b\n' });
    assert.deepEqual(seen(r), [
      { code: 'MESH1007', line: 1, col: 1, message: 'a document must be a mapping with apiVersion, kind, metadata and spec, not a list' },
    ]);
  });

  test('a document that is a scalar is MESH1007, at that document', () => {
    const r = compileFiles({ 'a.yaml': BASE.svc('a') + '---\nhello\n' });
    assert.deepEqual(seen(r), [
      {
        code: 'MESH1007',
        line: 16,
        col: 1,
        message: 'a document must be a mapping with apiVersion, kind, metadata and spec, not the string "hello"',
      },
    ]);
  });
});

describe('parse: aliases', () => {
  test('ordinary anchors and aliases work', () => {
    const r = compileFiles({
      'a.yaml': SVC + 'spec:\n  port: 80\n  endpoints:\n    - { address: 10.0.0.1, labels: &l { v: a } }\n    - { address: 10.0.0.2, labels: *l }\n  subsets: { one: *l }\n',
    });
    assert.deepEqual(seen(r), []);
    assert.equal(r.proxies?.length, 1);
  });

  test('an alias bomb ("billion laughs") is MESH1006, quickly', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const p = String.fromCharCode(96 + i);
      const n = String.fromCharCode(97 + i);
      levels.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(',')}]`);
    }
    const started = Date.now();
    const r = compileFiles({ 'bomb.yaml': levels.join('\n') + '\n' });
    assert.ok(Date.now() - started < 5000, 'no hang');
    assert.deepEqual(seen(r), [
      {
        code: 'MESH1006',
        line: 1,
        col: 1,
        message: 'YAML aliases expand too far (Excessive alias count indicates a resource exhaustion attack)',
      },
    ]);
    assert.equal(r.diagnostics[0]!.hint, 'meshc refuses documents whose aliases expand exponentially ("billion laughs")');
  });
});

describe('parse: __proto__', () => {
  test('a __proto__ key does not pollute Object.prototype and is an unknown field', () => {
    const r = compileFiles({ 'a.yaml': BASE.svc('a', '  __proto__: { polluted: true }\n') });
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 15, col: 3, message: 'unknown field "__proto__" in spec' }]);
  });

  test('a top-level __proto__ key is an unknown field of the document', () => {
    const r = compileFiles({ 'a.yaml': '__proto__: { polluted: 1 }\n' + BASE.svc('a') });
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 1, col: 1, message: 'unknown field "__proto__" in the document' }]);
    assert.equal(r.diagnostics[0]!.hint, 'the fields here are apiVersion, kind, metadata, spec');
  });
});
