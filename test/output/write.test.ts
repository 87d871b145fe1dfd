/** Writing output directories: atomic replacement, failures and kills leave the previous output intact. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OutputError, readOutputDir, writeOutputDir } from '../../src/output/index.js';
import { tempDir } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const files = (tag: string, n = 3): Map<string, string> =>
  new Map(Array.from({ length: n }, (_, i) => [`p${String(i).padStart(4, '0')}/bootstrap.json`, `{"v":"${tag}","i":${i}}\n`]));

describe('writeOutputDir', () => {
  test('writes exactly the files, replacing a previous output and removing its orphans', () => {
    const out = path.join(tempDir(), 'out');
    writeOutputDir(out, files('old', 5));
    writeOutputDir(out, files('new', 2));
    assert.deepEqual([...readOutputDir(out)], [...files('new', 2)]);
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ['out']); // no temporary directories left
  });

  test('a failure while writing leaves the previous output as it was and no debris', () => {
    const out = path.join(tempDir(), 'out');
    writeOutputDir(out, files('old'));
    const bad = new Map([...files('new'), ['p9999/bad\0name.json', '{}\n']]); // a NUL in a file name cannot be written
    assert.throws(() => writeOutputDir(out, bad), OutputError);
    assert.deepEqual([...readOutputDir(out)], [...files('old')]);
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ['out']);
  });

  test('an iterable that throws midway: the error is passed on unchanged, the previous output stays, no debris', () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    writeOutputDir(out, files('old', 3));
    const boom = new Error('serialization failed');
    let writtenBeforeThrow: string[] = [];
    function* failing(): Generator<readonly [string, string]> {
      const [a, b] = [...files('new', 5)];
      yield a!;
      yield b!;
      // Both files are on disk in the temporary directory by now: the failure comes after real writes.
      const tmp = fs.readdirSync(dir).find((n) => n.startsWith('.out.meshc-new-'));
      writtenBeforeThrow = tmp === undefined ? [] : [...readOutputDir(path.join(dir, tmp)).keys()];
      throw boom;
    }
    assert.throws(() => writeOutputDir(out, failing()), (e) => e === boom);
    assert.deepEqual(writtenBeforeThrow, ['p0000/bootstrap.json', 'p0001/bootstrap.json']);
    assert.deepEqual([...readOutputDir(out)], [...files('old', 3)]);
    assert.deepEqual(fs.readdirSync(dir), ['out']);
    // With no previous output, nothing at all is left behind.
    const fresh = path.join(tempDir(), 'out');
    assert.throws(() => writeOutputDir(fresh, failing()), (e) => e === boom);
    assert.deepEqual(fs.readdirSync(path.dirname(fresh)), []);
  });

  test('a lazy iterable is written as it comes: each file is on disk before the next is asked for', () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    writeOutputDir(out, files('old', 2));
    // Several files per proxy directory, as in xds mode.
    const produce = function* (check: boolean): Generator<readonly [string, string]> {
      let previous: string | undefined;
      for (let i = 0; i < 3; i++) {
        for (const f of ['bootstrap', 'cds', 'lds']) {
          if (check && previous !== undefined) {
            const tmp = fs.readdirSync(dir).find((n) => n.startsWith('.out.meshc-new-'));
            assert.ok(tmp !== undefined && fs.existsSync(path.join(dir, tmp, previous)), `${previous} was written before the next file was produced`);
          }
          previous = `p${i}/${f}.json`;
          yield [previous, `{"f":"${f}","i":${i}}\n`];
        }
      }
    };
    writeOutputDir(out, produce(true));
    assert.deepEqual([...readOutputDir(out)], [...produce(false)].sort(([a], [b]) => (a < b ? -1 : 1)));
    assert.deepEqual(fs.readdirSync(dir), ['out']);
  });

  test('a build killed with SIGKILL while writing leaves the previous output complete', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    writeOutputDir(out, files('old', 3));
    // A child process writes 3,000 files, produced lazily as meshc build does; it is killed as soon as its temporary directory appears.
    const script = `import { writeOutputDir } from ${JSON.stringify(pathToFileURL(repoPath('dist', 'src', 'output', 'index.js')).href)};
      function* files() { for (let i = 0; i < 3000; i++) yield ['p' + String(i).padStart(4, '0') + '/bootstrap.json', '{"v":"new"}\\n']; }
      writeOutputDir(${JSON.stringify(out)}, files());`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const killed = await new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        if (fs.readdirSync(dir).some((n) => n.includes('.meshc-new-'))) {
          child.kill('SIGKILL');
          clearInterval(poll);
          resolve(true);
        }
      }, 1);
      child.on('exit', () => {
        clearInterval(poll);
        resolve(false);
      });
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r)));
    assert.ok(killed, 'the child was killed while writing');
    // The previous output is there, whole: never a mix of old and new files.
    assert.deepEqual([...readOutputDir(out)], [...files('old', 3)]);
    // The next write cleans up what the killed one left behind.
    writeOutputDir(out, files('next', 1));
    assert.deepEqual(fs.readdirSync(dir), ['out']);
    assert.deepEqual([...readOutputDir(out)], [...files('next', 1)]);
  });

  test('a write killed between its two renames is recovered by the next write', () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    writeOutputDir(out, files('old'));
    fs.renameSync(out, path.join(dir, '.out.meshc-old-123-abc')); // what a kill right after the first rename leaves
    fs.mkdirSync(path.join(dir, '.out.meshc-new-123-abc'));
    writeOutputDir(path.join(dir, 'elsewhere'), files('x')); // other directories are not touched
    assert.equal(fs.existsSync(out), false);
    assert.throws(() => writeOutputDir(out, new Map([['p/bad\0.json', '']])), OutputError);
    assert.deepEqual([...readOutputDir(out)], [...files('old')], 'the previous output is back');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['elsewhere', 'out']);
  });

  test('an output path below a regular file gives an OutputError, not a crash', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    assert.throws(() => writeOutputDir(path.join(dir, 'file', 'out'), files('x')), OutputError);
  });

  test('a read-only parent directory gives an OutputError, not a crash', { skip: process.getuid?.() === 0 ? 'root ignores permissions' : false }, () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o500);
    try {
      assert.throws(() => writeOutputDir(path.join(dir, 'out'), files('x')), OutputError);
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });
});
