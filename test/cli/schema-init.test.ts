/** `meshc schema` for editors and `meshc init` for a first mesh. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { meshc, tempDir } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

function compileSchema(schema: object): (v: unknown) => boolean {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

/** Every document of every example, as plain values. */
function exampleDocuments(): { file: string; value: Record<string, unknown> }[] {
  const out: { file: string; value: Record<string, unknown> }[] = [];
  for (const ex of fs.readdirSync(repoPath('examples'))) {
    for (const f of fs.readdirSync(repoPath('examples', ex)).filter((n) => n.endsWith('.yaml'))) {
      for (const d of parseAllDocuments(fs.readFileSync(repoPath('examples', ex, f), 'utf8'))) {
        out.push({ file: `${ex}/${f}`, value: d.toJS() as Record<string, unknown> });
      }
    }
  }
  return out;
}

describe('meshc schema', () => {
  test('a kind\'s schema is self-contained (no reference to another file) and accepts the examples of that kind', () => {
    const r = meshc(['schema', 'Service']);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /common\.json/);
    const validate = compileSchema(JSON.parse(r.stdout) as object);
    const services = exampleDocuments().filter((d) => d.value['kind'] === 'Service');
    assert.ok(services.length >= 4);
    for (const d of services) assert.equal(validate(d.value), true, d.file);
    assert.equal(validate({ apiVersion: 'meshc.dev/v1', kind: 'Service', metadata: { name: 'a' }, spec: { port: 1, prot: 2 } }), false);
  });

  test('without a kind: any meshc document, every example accepted, an unknown kind refused', () => {
    const r = meshc(['schema']);
    assert.equal(r.code, 0);
    const validate = compileSchema(JSON.parse(r.stdout) as object);
    for (const d of exampleDocuments()) assert.equal(validate(d.value), true, d.file);
    assert.equal(validate({ apiVersion: 'meshc.dev/v1', kind: 'Gatway', metadata: { name: 'a' }, spec: {} }), false);
  });

  test('an unknown kind: exit 2 with a did-you-mean', () => {
    const r = meshc(['schema', 'HttpRoute']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /MESH2002: unknown kind "HttpRoute"\nhint: did you mean "HTTPRoute"\?/);
  });
});

describe('meshc init', () => {
  test('writes a starter mesh that validates and builds, and the editor schema beside it', () => {
    const dir = tempDir();
    const init = meshc(['init', 'starter'], dir);
    assert.equal(init.code, 0, init.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'starter')).sort(), ['api-routing.yaml', 'mesh.yaml', 'services.yaml']);
    assert.ok(fs.existsSync(path.join(dir, 'meshc.schema.json')));
    assert.equal(meshc(['validate', 'starter'], dir).code, 0);
    const build = meshc(['build', 'starter', '-o', 'out'], dir);
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'out')).sort(), ['api', 'web']);
  });

  test('refuses a directory that is not empty', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'mesh'));
    fs.writeFileSync(path.join(dir, 'mesh', 'mine.yaml'), 'x: 1\n');
    const r = meshc(['init'], dir);
    assert.equal(r.code, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'mesh', 'mine.yaml'), 'utf8'), 'x: 1\n');
  });
});
