import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoPath } from './paths.js';

/** What a run of the real `bin/meshc.js` did. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bin/meshc.js` with NO_COLOR=1 in `cwd` (the repository root by default). */
export function meshc(args: readonly string[], cwd: string = repoPath()): Run {
  const r = spawnSync(process.execPath, [repoPath('bin', 'meshc.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory, removed when the process exits. */
export function tempDir(prefix = 'meshc-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Copies an example into a temporary directory and returns the copy's path. */
export function copyExample(name: string): string {
  const dir = path.join(tempDir(), name);
  fs.cpSync(repoPath('examples', name), dir, { recursive: true });
  return dir;
}

/** Replaces text in a file, failing loudly when the text is not there (so edits cannot silently miss). */
export function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  fs.writeFileSync(file, text.replace(from, to));
}
