import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  diffOutputs,
  emit,
  OutputError,
  readOutputDir,
  renderDiffJson,
  renderDiffMarkdown,
  renderDiffText,
  writeOutputDir,
  type DiffPalette,
  type OutputFormat,
  type OutputMode,
} from '../../output/index.js';
import { compilePaths, failWith } from '../compilePaths.js';
import { EXIT, useColor, type DiagnosticFormat } from '../terminal.js';

export interface DiffOptions {
  readonly golden: string;
  readonly format: 'text' | 'json' | 'markdown';
  /** Output mode and file format; detected from the golden directory when not given. */
  readonly mode?: OutputMode;
  readonly outputFormat?: OutputFormat;
  readonly configDir?: string;
  readonly update: boolean;
  readonly diagnostics: DiagnosticFormat;
  readonly maxFileSize?: number;
}

/**
 * `meshc diff`: compile in memory and compare with a golden directory.
 * Exit 0 identical, 1 different, 2 error. `--update` rewrites the goldens.
 */
export async function diffCommand(paths: readonly string[], opts: DiffOptions): Promise<number> {
  const proxies = await compilePaths(paths, opts);
  if (typeof proxies === 'number') return proxies;
  let golden: Map<string, string>;
  try {
    if (fs.existsSync(opts.golden) && !fs.statSync(opts.golden).isDirectory()) throw new Error(`${opts.golden} is not a directory`);
    golden = readOutputDir(opts.golden);
  } catch (e) {
    return failWith('OutputFailed', { detail: `cannot read ${opts.golden}: ${(e as Error).message}` }, opts.diagnostics);
  }
  // Compile the way the goldens were written, unless told otherwise.
  const files = [...golden.keys()];
  const mode = opts.mode ?? (files.some((f) => /\/lds\.(json|yaml)$/.test(f)) ? 'xds' : 'static');
  const format = opts.outputFormat ?? (files.length > 0 && files.every((f) => f.endsWith('.yaml')) ? 'yaml' : 'json');
  const actual = emit(proxies, { mode, format, ...(opts.configDir !== undefined ? { configDir: opts.configDir } : {}) });

  if (opts.update) {
    try {
      writeOutputDir(opts.golden, actual);
    } catch (e) {
      if (!(e instanceof OutputError)) throw e;
      return failWith('OutputFailed', { detail: e.message }, opts.diagnostics);
    }
    process.stderr.write(`updated ${opts.golden}: ${actual.size} files for ${proxies.length} proxies\n`);
    return EXIT.ok;
  }

  const label = path.normalize(opts.golden).replace(/\/$/, '');
  const result = diffOutputs(golden, actual, label, 'compiled');
  if (opts.format === 'json') process.stdout.write(renderDiffJson(result));
  else if (opts.format === 'markdown') process.stdout.write(renderDiffMarkdown(result, { title: label }));
  else process.stdout.write(renderDiffText(result, await palette()));
  return result.identical ? EXIT.ok : EXIT.findings;
}

async function palette(): Promise<DiffPalette | undefined> {
  if (!useColor(process.stdout)) return undefined;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { added: c.green, removed: c.red, changed: c.yellow, heading: c.bold, dim: c.cyan };
}
