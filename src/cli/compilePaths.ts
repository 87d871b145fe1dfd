/** What build and diff share: read the paths, compile, print diagnostics, decide the exit code. */
import { compileParallel } from '../compile.js';
import { DiagnosticBag, type MessageArgs, type MessageId } from '../diagnostics/index.js';
import type { ProxyConfig } from '../lower/index.js';
import { readInputs } from './inputs.js';
import { EXIT, exitCodeFor, printDiagnostics, type DiagnosticFormat } from './terminal.js';

export interface CompilePathsOptions {
  readonly diagnostics: DiagnosticFormat;
  readonly maxFileSize?: number;
}

/**
 * Compiles the inputs at `paths` (big inputs are parsed on several threads). On success returns the proxies (warnings
 * printed); otherwise prints the diagnostics and returns the exit code:
 * 2 for I/O and internal errors, 1 for errors in the inputs.
 */
export async function compilePaths(paths: readonly string[], opts: CompilePathsOptions): Promise<readonly ProxyConfig[] | number> {
  const { inputs, bag } = readInputs(paths, opts.maxFileSize);
  if (bag.hasErrors) {
    printDiagnostics(bag.sorted(), new Map(), opts.diagnostics);
    return EXIT.error;
  }
  const result = await compileParallel(inputs);
  if (result.diagnostics.length > 0) printDiagnostics(result.diagnostics, result.files, opts.diagnostics);
  if (!result.proxies) return Math.max(exitCodeFor(result.diagnostics), EXIT.findings);
  return result.proxies;
}

/** Prints one diagnostic that belongs to no file (usage, output) and returns exit code 2. */
export function failWith(id: MessageId, args: MessageArgs, format: DiagnosticFormat): number {
  const bag = new DiagnosticBag();
  bag.report(id, undefined, args);
  printDiagnostics(bag.sorted(), new Map(), format);
  return EXIT.error;
}
