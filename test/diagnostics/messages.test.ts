import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { diagnostic, format, Messages, Notes, RETIRED_CODES, renderJson, renderReport, renderText, type Diagnostic, type Palette } from '../../src/diagnostics/index.js';
import { SourceFile } from '../../src/source/index.js';
import { repoPath } from '../helpers/paths.js';

const entries = Object.entries(Messages) as [string, { code: string; severity: string; text: string; hint?: string }][];

/** Entry name → the section digit its code must start with, read from the `// ── Nxxx` comments of messages.ts. */
function sectionsFromSource(): Map<string, string> {
  const src = readFileSync(repoPath('src', 'diagnostics', 'messages.ts'), 'utf8');
  const body = src.slice(src.indexOf('export const Messages'), src.indexOf('} as const satisfies'));
  const out = new Map<string, string>();
  let section: string | undefined;
  for (const line of body.split('\n')) {
    const heading = /^\s*\/\/ ── (\d)xxx/.exec(line);
    if (heading) section = heading[1];
    const entry = /^ {2}(\w+): \{/.exec(line);
    if (entry && section) out.set(entry[1]!, section);
  }
  return out;
}

describe('Messages table', () => {
  test('every code is MESH + four digits', () => {
    for (const [name, def] of entries) assert.match(def.code, /^MESH\d{4}$/, name);
  });

  test('every code is unique', () => {
    const byCode = new Map<string, string>();
    for (const [name, def] of entries) {
      assert.equal(byCode.get(def.code), undefined, `${name} reuses ${def.code}`);
      byCode.set(def.code, name);
    }
    assert.equal(byCode.size, entries.length);
  });

  test('no retired code is given to a message again', () => {
    assert.ok(RETIRED_CODES.length > 0);
    for (const [name, def] of entries) assert.ok(!RETIRED_CODES.includes(def.code), `${name} reuses the retired ${def.code}`);
  });

  test('every code lies in the range of its section (1 parse, 2 schema, 3 check, 4 lower, 5 verify, 9 internal)', () => {
    const sections = sectionsFromSource();
    assert.deepEqual([...sections.keys()].sort(), entries.map(([n]) => n).sort(), 'every entry sits under a section heading');
    for (const s of sections.values()) assert.ok(['1', '2', '3', '4', '5', '9'].includes(s), `section ${s}xxx`);
    for (const [name, def] of entries) assert.equal(def.code[4], sections.get(name), `${name} (${def.code})`);
  });

  test('known codes keep their numbers', () => {
    assert.equal(Messages.YamlSyntax.code, 'MESH1001');
    assert.equal(Messages.UnknownField.code, 'MESH2004');
    assert.equal(Messages.UnknownSubset.code, 'MESH3004');
    assert.equal(Messages.EnvoyApiViolation.code, 'MESH5001');
    assert.equal(Messages.InternalError.code, 'MESH9001');
  });

  test('severities are error or warning, texts are non-empty', () => {
    for (const [name, def] of entries) {
      assert.ok(def.severity === 'error' || def.severity === 'warning', name);
      assert.ok(def.text.trim().length > 0, name);
    }
    assert.equal(Messages.PermissiveMtls.severity, 'warning');
    assert.equal(Messages.DisabledMtls.severity, 'warning');
  });

  test('note texts', () => {
    assert.deepEqual(Notes, { FirstDefinedHere: 'first defined here', OtherOneHere: 'the other one is here', MatchedHere: 'the regex match is here' });
  });
});

describe('format', () => {
  test('fills every placeholder, also repeated ones, with strings and numbers', () => {
    assert.equal(format('{a} and {b} and {a}', { a: 'x', b: 7 }), 'x and 7 and x');
  });
  test('leaves unknown placeholders visible', () => {
    assert.equal(format('unknown {name} in {where}', { name: 'n' }), 'unknown n in {where}');
  });
  test('does not take placeholders from Object.prototype', () => {
    assert.equal(format('{constructor} {toString}', {}), '{constructor} {toString}');
  });
  test('inserts replacement patterns such as $& literally', () => {
    assert.equal(format('value {v}', { v: '$&$1$$' }), 'value $&$1$$');
  });
  test('leaves braces that are not placeholders alone', () => {
    assert.equal(format('{ a } {a-b} {}', { a: 'x' }), '{ a } {a-b} {}');
  });
  test('diagnostic() fills text and hint, and drops an empty hint', () => {
    const d = diagnostic('UnknownKind', undefined, { found: 'Servce', hint: 'did you mean "Service"?' });
    assert.deepEqual(d, { code: 'MESH2002', severity: 'error', message: 'unknown kind "Servce"', hint: 'did you mean "Service"?' });
    const empty = diagnostic('UnknownKind', undefined, { found: 'X', hint: '' });
    assert.equal('hint' in empty, false);
  });
});

describe('renderText', () => {
  // line 3 is "    - { service: reviews, subset: v9 }"; "v9" starts at col 35.
  const text = 'kind: HTTPRoute\nrules:\n    - { service: reviews, subset: v9 }\n';
  const file = new SourceFile('route.yaml', text);
  const other = new SourceFile('svc.yaml', 'a: 1\nsubsets:\n  v1: {}\n');
  const files = (p: string): SourceFile | undefined => (p === file.path ? file : p === other.path ? other : undefined);
  const start = text.indexOf('v9');

  test('prints location, severity, code, message, the line with carets, the hint and notes', () => {
    const d = diagnostic(
      'UnknownSubset',
      { file: 'route.yaml', start, length: 2 },
      { service: 'reviews', subset: 'v9', hint: 'did you mean "v1"?' },
      [{ span: { file: 'svc.yaml', start: other.text.indexOf('v1'), length: 2 }, note: 'FirstDefinedHere' }],
    );
    assert.equal(
      renderText(d, files),
      [
        'route.yaml:3:35: error MESH3004: service "reviews" has no subset "v9"',
        ' 3 |     - { service: reviews, subset: v9 }',
        '   |                                   ^^',
        'hint: did you mean "v1"?',
        'svc.yaml:3:3: note: first defined here',
      ].join('\n'),
    );
  });

  test('a warning without hint; the gutter widens with the line number', () => {
    const long = new SourceFile('m.yaml', 'x\n'.repeat(11) + 'mode: permissive\n');
    const d = diagnostic('PermissiveMtls', { file: 'm.yaml', start: long.text.indexOf('permissive'), length: 10 });
    const out = renderText({ ...d, hint: undefined } as Diagnostic, () => long);
    assert.equal(
      out,
      [
        'm.yaml:12:7: warning MESH3021: mtls mode "permissive" lets inbound listeners accept plaintext connections',
        ' 12 | mode: permissive',
        '    |       ^^^^^^^^^^',
      ].join('\n'),
    );
  });

  test('carets stop at the end of the line, and are at least one wide', () => {
    const f = new SourceFile('a.yaml', 'ab: cd\nef: gh\n');
    const wide = renderText(diagnostic('YamlSyntax', { file: 'a.yaml', start: 4, length: 50 }, { detail: 'x' }), () => f);
    assert.equal(wide.split('\n')[2], '   |     ^^');
    const empty = renderText(diagnostic('YamlSyntax', { file: 'a.yaml', start: 1, length: 0 }, { detail: 'x' }), () => f);
    assert.equal(empty.split('\n')[2], '   |  ^');
  });

  test('tabs in the line are shown as single spaces so the carets line up', () => {
    const f = new SourceFile('t.yaml', 'a:\n\tname: x\n');
    const out = renderText(diagnostic('YamlSyntax', { file: 't.yaml', start: 3, length: 1 }, { detail: 'tabs' }), () => f);
    assert.deepEqual(out.split('\n').slice(1), [' 2 |  name: x', '   | ^']);
  });

  test('a diagnostic without a span has no location and no frame', () => {
    assert.equal(
      renderText(diagnostic('InternalError', undefined, { detail: 'boom' }), files),
      'error MESH9001: internal compiler error: boom\nhint: this is a meshc bug; please report it with the input files',
    );
  });

  test('the palette colours each part', () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const palette: Palette = {
      error: tag('e'),
      warning: tag('w'),
      location: tag('l'),
      code: tag('c'),
      gutter: tag('g'),
      caret: tag('k'),
      hint: tag('h'),
    };
    const d = diagnostic('UnknownSubset', { file: 'route.yaml', start, length: 2 }, { service: 's', subset: 'v9', hint: 'h' });
    assert.deepEqual(renderText(d, files, palette).split('\n'), [
      '<l>route.yaml:3:35</l>: <e>error</e> <c>MESH3004</c>: service "s" has no subset "v9"',
      '<g> 3 |</g>     - { service: reviews, subset: v9 }',
      '<g>   |</g>                                   <k>^^</k>',
      '<h>hint</h>: h',
    ]);
  });

  test('renderReport separates diagnostics by a blank line and ends with a summary', () => {
    const a = diagnostic('InternalError', undefined, { detail: 'a' });
    const w = diagnostic('DisabledMtls', undefined);
    assert.equal(
      renderReport([a, w], files),
      'error MESH9001: internal compiler error: a\nhint: this is a meshc bug; please report it with the input files\n\n' +
        'warning MESH3022: mtls mode "disabled": traffic between sidecars is neither encrypted nor authenticated\n\n' +
        '1 error, 1 warning\n',
    );
    assert.equal(renderReport([a, a], files).endsWith('2 errors, 0 warnings\n'), true);
    assert.equal(renderReport([], files), '');
  });
});

describe('renderJson', () => {
  test('gives file, 1-based line and column, offset, length, hint and related notes', () => {
    const f = new SourceFile('a.yaml', 'kind: X\nmetadata:\n  name: dup\n');
    const start = f.text.indexOf('dup');
    const d = diagnostic('DuplicateResource', { file: 'a.yaml', start, length: 3 }, { kind: 'Service', name: 'dup', namespace: 'default' }, [
      { span: { file: 'a.yaml', start: 0, length: 4 }, note: 'FirstDefinedHere' },
    ]);
    const json = JSON.parse(renderJson([d, diagnostic('InternalError', undefined, { detail: 'x' })], () => f)) as unknown;
    assert.deepEqual(json, {
      diagnostics: [
        {
          code: 'MESH3001',
          severity: 'error',
          message: 'duplicate Service "dup" in namespace "default"',
          file: 'a.yaml',
          line: 3,
          column: 9,
          offset: start,
          length: 3,
          hint: '(kind, namespace, name) must be unique across all inputs',
          related: [{ file: 'a.yaml', line: 1, column: 1, message: 'first defined here' }],
        },
        {
          code: 'MESH9001',
          severity: 'error',
          message: 'internal compiler error: x',
          hint: 'this is a meshc bug; please report it with the input files',
        },
      ],
    });
  });

  test('counts lines after CRLF and lone CR line breaks', () => {
    const f = new SourceFile('a.yaml', 'a: 1\r\nb: 2\rc: 3\n');
    const d = diagnostic('YamlSyntax', { file: 'a.yaml', start: f.text.indexOf('c'), length: 1 }, { detail: 'x' });
    const [out] = (JSON.parse(renderJson([d], () => f)) as { diagnostics: { line: number; column: number }[] }).diagnostics;
    assert.deepEqual([out!.line, out!.column], [3, 1]);
  });
});
