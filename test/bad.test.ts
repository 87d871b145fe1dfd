/**
 * Bad input, end to end: every case gets its coded diagnostic at the right
 * line, a non-zero exit, no stack trace, and nothing written.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { meshc, tempDir, type Run } from './helpers/cli.js';
import { repoPath } from './helpers/paths.js';

const dir = repoPath('test', 'bad');
const cases = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** What a case's first line says meshc must report: `MESH2009 at 6:9`, or a code alone. */
function expectationOf(file: string): string[] {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  if (text === '') return ['MESH1015'];
  const m = /— expect: (.*)$/m.exec(text.split('\n')[0]!);
  assert.ok(m, `${file} says what it expects on its first line`);
  return m[1]!.split(', ');
}

/** Builds into a fresh directory; returns the run, its diagnostics as `CODE at L:C`, and whether anything was written. */
function build(args: string[]): { run: Run; seen: string[]; wrote: boolean } {
  const out = path.join(tempDir(), 'out');
  const run = meshc(['build', ...args, '-o', out, '--diagnostics', 'json']);
  const json = JSON.parse(run.stdout || '{"diagnostics":[]}') as { diagnostics: { code: string; line?: number; column?: number }[] };
  const seen = json.diagnostics.map((d) => (d.line === undefined ? d.code : `${d.code} at ${d.line}:${d.column}`));
  return { run, seen, wrote: fs.existsSync(out) };
}

function assertClean(r: Run): void {
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
  assert.doesNotMatch(r.stdout, /MESH9\d{3}/, 'no internal error');
}

describe('the bad-input corpus (test/bad)', () => {
  test('has at least 30 cases', () => {
    assert.ok(cases.length >= 30, `${cases.length} cases`);
  });

  for (const file of cases) {
    test(file, () => {
      const { run, seen, wrote } = build([path.join(dir, file)]);
      assert.deepEqual(seen, expectationOf(file));
      assert.equal(run.code, 1);
      assert.equal(wrote, false, 'nothing was written');
      assertClean(run);
    });
  }
});

describe('bad input that cannot be committed', () => {
  const service = 'apiVersion: meshc.dev/v1\nkind: Service\nmetadata: { name: a }\nspec: { port: 80, dns: a.example.com }\n';

  test('a 50 MB file is refused by the size limit (exit 2), and accepted when the limit is raised', () => {
    const file = path.join(tempDir(), 'huge.yaml');
    const line = '# ' + 'x'.repeat(1021) + '\n';
    fs.writeFileSync(file, service + line.repeat(50 * 1024));
    const refused = build([file]);
    assert.deepEqual(refused.seen, ['MESH1009']);
    assert.equal(refused.run.code, 2);
    assert.equal(refused.wrote, false);
    assert.match(refused.run.stdout, /is 52428\d+ bytes, over the limit of 10485760 bytes/);
    const accepted = build([file, '--max-file-size', String(64 * 1024 * 1024)]);
    assert.deepEqual(accepted.seen, []);
    assert.equal(accepted.run.code, 0);
    assert.equal(accepted.wrote, true);
  });

  test('non-UTF-8 bytes and a binary file are MESH1008, exit 2', () => {
    const d = tempDir();
    fs.writeFileSync(path.join(d, 'latin1.yaml'), Buffer.from('kind: Service\n# caf\xe9\n', 'latin1'));
    fs.writeFileSync(path.join(d, 'binary.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0xfe, 0x00, 0x80]));
    for (const name of ['latin1.yaml', 'binary.yaml']) {
      const r = build([path.join(d, name)]);
      assert.deepEqual(r.seen, ['MESH1008'], name);
      assert.equal(r.run.code, 2);
      assert.equal(r.wrote, false);
    }
  });

  test('a directory with a symlink loop is read once, without hanging', () => {
    const d = tempDir();
    fs.writeFileSync(path.join(d, 'a.yaml'), service);
    fs.symlinkSync('.', path.join(d, 'loop'));
    fs.symlinkSync('missing.yaml', path.join(d, 'dangling.yaml'));
    const out = path.join(tempDir(), 'out');
    const r = meshc(['build', d, '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(out), ['a']);
  });

  test('a FIFO named as an input is refused instead of blocking (exit 2)', { skip: process.platform === 'win32' }, async () => {
    const d = tempDir();
    const fifo = path.join(d, 'pipe.yaml');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    const r = build([fifo]);
    assert.deepEqual(r.seen, ['MESH1004']);
    assert.match(r.run.stdout, /not a regular file/);
    assert.equal(r.run.code, 2);
  });

  test('an unreadable file is MESH1004, exit 2', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, () => {
    const file = path.join(tempDir(), 'secret.yaml');
    fs.writeFileSync(file, service);
    fs.chmodSync(file, 0o000);
    const r = build([file]);
    assert.deepEqual(r.seen, ['MESH1004']);
    assert.equal(r.run.code, 2);
  });

  test('an output directory that cannot be written: exit 2 with a clear message', () => {
    const d = tempDir();
    fs.writeFileSync(path.join(d, 'a.yaml'), service);
    fs.writeFileSync(path.join(d, 'not-a-dir'), '');
    const r = meshc(['build', path.join(d, 'a.yaml'), '-o', path.join(d, 'not-a-dir', 'out')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /error MESH1012: cannot write .*not-a-dir\/out: .*not-a-dir is not a directory/);
    assertClean(r);
  });
});
