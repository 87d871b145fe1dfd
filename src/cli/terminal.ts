/** Everything the CLI writes goes through here: colour decisions, stdout/stderr, exit codes. */
import { createRequire } from 'node:module';
import { plain, renderGithub, renderJson, renderReport, renderSarif, type Diagnostic, type Palette } from '../diagnostics/index.js';
import type { SourceFile } from '../source/index.js';

/** Documented exit codes (docs/cli.md). */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** Whether to colour a stream: a terminal, and NO_COLOR unset (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') return false;
  if (process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true;
}

// chalk is loaded only when stderr is a colour terminal: hooks and CI never pay for it.
let chalk: typeof import('chalk') | undefined;

/**
 * Loads what colouring stderr needs, when it is a colour terminal. `run`
 * calls it once before any command (no top-level await: the CLI bundle is
 * CommonJS, see scripts/build-cli-bundle.mjs).
 */
export async function prepareTerminal(): Promise<void> {
  if (!chalk && useColor(process.stderr)) chalk = await import('chalk');
}

/** The palette for diagnostics written to stderr. */
export function stderrPalette(): Palette {
  if (!chalk) return plain;
  const c = new chalk.Chalk({ level: 1 });
  return {
    error: (s) => c.red.bold(s),
    warning: (s) => c.yellow.bold(s),
    location: (s) => c.bold(s),
    code: (s) => c.dim(s),
    gutter: (s) => c.blue(s),
    caret: (s) => c.red(s),
    hint: (s) => c.cyan(s),
  };
}

/** Output format for diagnostics. */
export type DiagnosticFormat = 'text' | 'json' | 'github' | 'sarif';
/** Every diagnostics format, for the options' choices. */
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['text', 'json', 'github', 'sarif'];

/** meshc's version, as package.json says. */
export const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

/**
 * Prints diagnostics: text to stderr; json and sarif to stdout (they are the
 * command's output then); github workflow commands to stdout, where Actions reads them.
 */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  files: ReadonlyMap<string, SourceFile>,
  format: DiagnosticFormat,
): void {
  const lookup = (p: string): SourceFile | undefined => files.get(p);
  if (format === 'json') {
    process.stdout.write(renderJson(diagnostics, lookup));
    return;
  }
  if (format === 'sarif') {
    process.stdout.write(renderSarif(diagnostics, lookup, VERSION));
    return;
  }
  if (format === 'github') {
    process.stdout.write(renderGithub(diagnostics, lookup));
    return;
  }
  const text = renderReport(diagnostics, lookup, stderrPalette());
  if (text) process.stderr.write(text);
}

/**
 * The exit code for a set of diagnostics: 2 for compiler bugs (MESH9xxx, and
 * MESH5001: meshc's own output failing Envoy's API), 1 for other errors, else 0.
 */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.some((d) => d.code.startsWith('MESH9') || d.code === 'MESH5001')) return EXIT.error;
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.findings : EXIT.ok;
}
