/** Turning the paths on the command line into source inputs: the only file reading of the compiler. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticBag } from '../diagnostics/index.js';
import type { SourceInput } from '../source/index.js';

/** Default largest input file: policies are small; a huge file is a mistake or an attack. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ReadResult {
  readonly inputs: SourceInput[];
  /** Problems reading (MESH1xxx); any of them makes the command exit 2. */
  readonly bag: DiagnosticBag;
}

/** The files a directory contributes: policy YAML by default. */
export const YAML_FILES = /\.ya?ml$/;

/**
 * Reads files and directories: a directory is read recursively for the files
 * matching `pattern` (`*.yaml` and `*.yml` by default) in sorted path order (symlink loops are followed once); a file
 * named explicitly is read whatever its extension.
 */
export function readInputs(paths: readonly string[], maxFileSize = DEFAULT_MAX_FILE_SIZE, pattern: RegExp = YAML_FILES): ReadResult {
  const bag = new DiagnosticBag();
  const inputs: SourceInput[] = [];
  const seenFiles = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });

  const readFile = (p: string): void => {
    let real: string;
    let bytes: Buffer;
    try {
      real = fs.realpathSync(p);
      if (seenFiles.has(real)) return;
      seenFiles.add(real);
      const st = fs.statSync(real);
      // A FIFO or device would block the read (or never end): only regular files are inputs.
      if (!st.isFile()) {
        bag.report('ReadFailed', undefined, { path: p, detail: 'not a regular file' });
        return;
      }
      const size = st.size;
      if (size > maxFileSize) {
        bag.report('FileTooLarge', undefined, { path: p, size, limit: maxFileSize });
        return;
      }
      bytes = fs.readFileSync(real);
    } catch (e) {
      bag.report('ReadFailed', undefined, { path: p, detail: errnoText(e) });
      return;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      bag.report('NotUtf8', undefined, { path: p });
      return;
    }
    // A byte-order mark is not part of the YAML.
    inputs.push({ path: p, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
  };

  const walk = (dir: string, visiting: Set<string>): number => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      if (visiting.has(real)) return 0; // a symlink loop: this directory is already being read
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      bag.report('ReadFailed', undefined, { path: dir, detail: errnoText(e) });
      return 0;
    }
    const inner = new Set(visiting).add(real);
    let found = 0;
    for (const name of entries.map((e) => e.name).sort()) {
      const p = path.join(dir, name);
      let st: fs.Stats;
      try {
        st = fs.statSync(p);
      } catch (e) {
        // A dangling symlink is not an input; anything else unreadable is reported.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') bag.report('ReadFailed', undefined, { path: p, detail: errnoText(e) });
        continue;
      }
      if (st.isDirectory()) found += walk(p, inner);
      else if (st.isFile() && pattern.test(name)) {
        readFile(p);
        found++;
      }
    }
    return found;
  };

  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      bag.report('ReadFailed', undefined, { path: p, detail: errnoText(e) });
      continue;
    }
    if (st.isDirectory()) {
      if (walk(p, new Set()) === 0) bag.report('NoInputs', undefined, { path: p });
    } else {
      readFile(p);
    }
  }
  return { inputs, bag };
}

function errnoText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err.code ?? String(err.message ?? e);
  }
}
