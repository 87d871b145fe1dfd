/** Writing an output (or golden) directory so that it is never left half-written. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHARED_DIR } from './layout.js';
import type { OutputFile } from './serialize.js';

/** Why a directory cannot be written; the CLI turns it into exit code 2. */
export class OutputError extends Error {}

/**
 * Replaces `dir` with exactly `files`. Everything is written into a fresh
 * sibling directory first and swapped in by rename, so a crash or kill during
 * writing leaves the previous output as it was, and a failed build never
 * touches it. A directory that holds anything but proxy folders of JSON
 * files is refused: meshc never deletes files it did not write.
 *
 * `files` may be lazy (`emitEach`): each file is written as it comes and its
 * text is not kept, so only one text need be alive at a time. If the
 * iterable itself throws midway, the partial new directory is removed, the
 * previous output is left as it was, and that error is rethrown unchanged
 * (it is the producer's failure, not an output one). Every file-system
 * failure is an `OutputError`.
 */
export function writeOutputDir(dir: string, files: Iterable<OutputFile>): void {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  try {
    recoverInterrupted(parent, base);
  } catch (e) {
    throw new OutputError(`cannot write ${dir}: ${describe(e)}`);
  }
  assertReplaceable(target);
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = path.join(parent, `.${base}.meshc-new-${stamp}`);
  const old = path.join(parent, `.${base}.meshc-old-${stamp}`);
  // True while the iterable is producing the next file: an error then is the producer's.
  let producing = false;
  try {
    const above = nearestExisting(parent);
    if (!fs.statSync(above).isDirectory()) throw new OutputError(`cannot write ${dir}: ${above} is not a directory`);
    fs.mkdirSync(parent, { recursive: true });
    fs.mkdirSync(tmp);
    // One mkdir per proxy directory, not one per file.
    const made = new Set<string>([tmp]);
    producing = true;
    for (const [rel, text] of files) {
      producing = false;
      const file = path.join(tmp, rel);
      const sub = path.dirname(file);
      if (!made.has(sub)) {
        fs.mkdirSync(sub, { recursive: true });
        made.add(sub);
      }
      fs.writeFileSync(file, text);
      producing = true;
    }
  } catch (e) {
    removeQuietly(tmp);
    if (producing || e instanceof OutputError) throw e;
    throw new OutputError(`cannot write ${dir}: ${describe(e)}`);
  }
  const existed = fs.existsSync(target);
  try {
    if (existed) fs.renameSync(target, old);
    fs.renameSync(tmp, target);
  } catch (e) {
    // Put the previous output back if it was moved away.
    try {
      if (existed && !fs.existsSync(target) && fs.existsSync(old)) fs.renameSync(old, target);
    } finally {
      removeQuietly(tmp);
    }
    throw new OutputError(`cannot replace ${dir}: ${describe(e)}`);
  }
  // The new output is in place; failing to delete the old one only leaves debris the next write removes.
  if (existed) removeQuietly(old);
}

/** The path itself or its closest ancestor that exists. */
function nearestExisting(p: string): string {
  let cur = p;
  while (!fs.existsSync(cur) && path.dirname(cur) !== cur) cur = path.dirname(cur);
  return cur;
}

/** Removes a directory of ours, ignoring failure: cleaning up must never hide the error being reported. */
function removeQuietly(p: string): void {
  try {
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    // nothing more to do
  }
}

/**
 * Cleans up after a write that was killed: a half-written new directory is
 * removed, and if the kill fell between the two renames (the previous output
 * moved aside, the new one not yet in place) the previous output is put back.
 */
function recoverInterrupted(parent: string, base: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return; // no parent yet: nothing to recover
  }
  const target = path.join(parent, base);
  for (const name of names.sort()) {
    const full = path.join(parent, name);
    if (name.startsWith(`.${base}.meshc-new-`)) fs.rmSync(full, { recursive: true, force: true });
    else if (name.startsWith(`.${base}.meshc-old-`)) {
      if (!fs.existsSync(target)) fs.renameSync(full, target);
      else fs.rmSync(full, { recursive: true, force: true });
    }
  }
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
  const list = (dir: string): fs.Dirent[] => {
    try {
      return fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new OutputError(`cannot read ${dir}: ${describe(e)}`);
    }
  };
  const configFile = (f: fs.Dirent): boolean => f.isFile() && /\.(json|yaml)$/.test(f.name);
  // Config files, and (in the shared folder) folders of them, e.g. `_mesh/<namespace>/<port>/rds.json`.
  const configTree = (dir: string): boolean =>
    list(dir).every((f) => configFile(f) || (f.isDirectory() && configTree(path.join(dir, f.name))));
  for (const entry of list(target)) {
    const sub = path.join(target, entry.name);
    // `<proxy>/*.json`, and the shared `_mesh/` tree.
    const ok = entry.isDirectory() && (entry.name === SHARED_DIR ? configTree(sub) : list(sub).every(configFile));
    if (!ok) {
      throw new OutputError(
        `refusing to replace ${target}: it holds ${entry.name}, which meshc did not write (an output directory holds only <proxy>/*.json and ${SHARED_DIR}/)`,
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
