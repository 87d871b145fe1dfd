/** Every diagnostics format of the CLI, on the same broken input. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { copyExample, edit, meshc } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

/** bookinfo with an unknown subset (line 23) and a misspelled field (line 24), plus a permissive-mTLS warning. */
function broken(): { dir: string; file: string } {
  const dir = copyExample('bookinfo');
  const file = path.join(dir, 'reviews-routing.yaml');
  edit(file, 'subset: v2', 'subset: v9');
  edit(file, '      timeout: 3s', '      timout: 3s');
  edit(path.join(dir, 'mesh.yaml'), 'mode: strict', 'mode: permissive');
  return { dir, file };
}

describe('diagnostics formats', () => {
  test('text (stderr) with code frames and a summary', () => {
    const { dir } = broken();
    const r = meshc(['validate', dir]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /mesh\.yaml:13:11: warning MESH3021: mtls mode "permissive" lets inbound listeners accept plaintext/);
    assert.match(r.stderr, /2 errors, 1 warning\n$/);
  });

  test('json (stdout): one object per diagnostic', () => {
    const { dir, file } = broken();
    const r = meshc(['validate', dir, '--format', 'json']);
    assert.equal(r.code, 1);
    const d = (JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[] }).diagnostics;
    assert.deepEqual(
      d.map((x) => [x['code'], x['severity'], x['line'], x['column']]),
      [
        ['MESH3021', 'warning', 13, 11],
        ['MESH3004', 'error', 23, 39],
        ['MESH2004', 'error', 24, 7],
      ],
    );
    assert.equal(d[1]!['file'], file);
  });

  test('github: workflow commands with escaped newlines', () => {
    const { dir, file } = broken();
    const r = meshc(['validate', dir, '--format', 'github']);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.split('\n').filter(Boolean), [
      `::warning file=${path.join(dir, 'mesh.yaml')},line=13,col=11,title=MESH3021::mtls mode "permissive" lets inbound listeners accept plaintext connections%0Ause it while migrating, then switch to strict`,
      `::error file=${file},line=23,col=39,title=MESH3004::service "reviews" has no subset "v9"%0Adid you mean "v1"?`,
      `::error file=${file},line=24,col=7,title=MESH2004::unknown field "timout" in spec.rules[0]%0Adid you mean "timeout"?`,
    ]);
  });

  test('sarif: valid SARIF 2.1.0 (OASIS schema), a rule per code, results with regions', () => {
    const { dir } = broken();
    const r = meshc(['validate', dir, '--format', 'sarif']);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: unknown[] }[] }[];
    };
    const require = createRequire(import.meta.url);
    const Ajv04 = (require('ajv-draft-04') as { default: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } } }).default;
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    (require('ajv-formats') as { default: (a: unknown) => void }).default(ajv); // uri, uri-reference, date-time are checked too
    const validate = ajv.compile(
      JSON.parse(fs.readFileSync(repoPath('test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object,
    );
    assert.equal(validate(log), true, JSON.stringify(validate.errors));
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    assert.deepEqual(
      run.tool.driver.rules.map((x) => x.id),
      ['MESH2004', 'MESH3004', 'MESH3021'],
    );
    assert.deepEqual(
      run.results.map((x) => [x.ruleId, run.tool.driver.rules[x.ruleIndex]!.id, x.level]),
      [
        ['MESH3021', 'MESH3021', 'warning'],
        ['MESH3004', 'MESH3004', 'error'],
        ['MESH2004', 'MESH2004', 'error'],
      ],
    );
    assert.deepEqual((run.results[1]!.locations[0] as { physicalLocation: { region: unknown } }).physicalLocation.region, {
      startLine: 23,
      startColumn: 39,
      endLine: 23,
      endColumn: 41,
    });
  });

  test('build --diagnostics github reports the same way', () => {
    const { dir } = broken();
    const r = meshc(['build', dir, '--stdout', '--proxy', 'reviews', '--diagnostics', 'github']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error .*title=MESH3004::/m);
  });
});
