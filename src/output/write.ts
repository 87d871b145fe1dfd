/** Writing an output (or golden) directory so that it is never left half-written. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OutputFiles } from './serialize.js';

/** Why a directory cannot be written; the CLI turns it into exit code 2. */
export class OutputError extends Error {}

/**
 * Replaces `dir` with exactly `files`. Everything is written into a fresh
 * sibling directory first and swapped in by rename, so a crash or kill during
 * writing leaves the previous output as it was, and a failed build never
 * touches it. A directory that holds anything but proxy folders of JSON
 * files is refused: meshc never deletes files it did not write.
 */
export function writeOutputDir(dir: string, files: OutputFiles): void {
  const target = path.resolve(dir);
  assertReplaceable(target);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = path.join(parent, `.${base}.meshc-new-${stamp}`);
  const old = path.join(parent, `.${base}.meshc-old-${stamp}`);
  try {
    fs.mkdirSync(parent, { recursive: true });
    fs.mkdirSync(tmp);
    for (const [rel, text] of files) {
      const file = path.join(tmp, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new OutputError(`cannot write ${dir}: ${describe(e)}`);
  }
  const existed = fs.existsSync(target);
  try {
    if (existed) fs.renameSync(target, old);
    fs.renameSync(tmp, target);
  } catch (e) {
    // Put the previous output back if it was moved away.
    if (existed && !fs.existsSync(target) && fs.existsSync(old)) fs.renameSync(old, target);
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new OutputError(`cannot replace ${dir}: ${describe(e)}`);
  }
  if (existed) fs.rmSync(old, { recursive: true, force: true });
}

/** Throws unless `target` is absent, empty, or looks like meshc output. */
function assertReplaceable(target: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return;
  }
  if (!stat.isDirectory()) throw new OutputError(`${target} exists and is not a directory`);
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    const sub = path.join(target, entry.name);
    const ok =
      entry.isDirectory() &&
      fs.readdirSync(sub, { withFileTypes: true }).every((f) => f.isFile() && /\.(json|yaml)$/.test(f.name));
    if (!ok) {
      throw new OutputError(
        `refusing to replace ${target}: it holds ${entry.name}, which meshc did not write (an output directory holds only <proxy>/*.json)`,
      );
    }
  }
}

/** Reads a directory written by writeOutputDir back into files; absent directory = no files. */
export function readOutputDir(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(dir)) return files;
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(r);
      else files.set(r, fs.readFileSync(path.join(dir, r), 'utf8'));
    }
  };
  walk('');
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code} ${err.message.replace(/^[A-Z]+: /, '')}` : String(err.message ?? e);
}
