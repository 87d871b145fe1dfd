import { didYouMean } from '../../diagnostics/index.js';
import type { ProxyConfig } from '../../lower/index.js';
import { emit, emitEach, OutputError, writeOutputDir, type OutputFormat, type OutputMode } from '../../output/index.js';
import { compilePaths, failWith } from '../compilePaths.js';
import { EXIT, type DiagnosticFormat } from '../terminal.js';

export interface BuildOptions {
  readonly out?: string;
  readonly proxy?: readonly string[];
  readonly stdout?: boolean;
  /** Output mode: static bootstraps or bootstrap + xDS files. */
  readonly mode: OutputMode;
  /** File format of the emitted config. */
  readonly format: OutputFormat;
  /** xds mode: where the files will live on the proxy's machine. */
  readonly configDir?: string;
  /** How to print diagnostics. */
  readonly diagnostics: DiagnosticFormat;
  readonly maxFileSize?: number;
}

/** `meshc build`: compile and write one directory per proxy, or print one bootstrap to stdout. */
export async function buildCommand(paths: readonly string[], opts: BuildOptions): Promise<number> {
  const usage = (detail: string): number => failWith('UsageError', { detail }, opts.diagnostics);
  if (!opts.stdout && opts.out === undefined) return usage('build needs an output directory (-o DIR) or --stdout');
  if (opts.stdout && opts.out !== undefined) return usage('-o and --stdout cannot be used together');
  if (opts.stdout && opts.mode === 'xds') {
    return usage('--stdout prints a static bootstrap; xds mode writes several files per proxy (use -o)');
  }
  const proxies = await compilePaths(paths, opts);
  if (typeof proxies === 'number') return proxies;

  const selected = selectProxies(proxies, opts.proxy);
  if (typeof selected === 'number') return selected;
  if (opts.stdout) {
    if (selected.length !== 1) {
      const names = selected.map((p) => p.name).join(', ');
      return failWith('StdoutNeedsOneProxy', { count: selected.length, names }, opts.diagnostics);
    }
    const [text] = emit(selected, { mode: 'static', format: opts.format }).values();
    process.stdout.write(text!);
    return EXIT.ok;
  }
  try {
    // Streamed: each file is serialized, written and dropped before the next, so the whole output is never in memory.
    writeOutputDir(
      opts.out!,
      emitEach(selected, { mode: opts.mode, format: opts.format, ...(opts.configDir !== undefined ? { configDir: opts.configDir } : {}) }),
    );
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    return failWith('OutputFailed', { detail: e.message }, opts.diagnostics);
  }
  process.stderr.write(`wrote ${selected.length} ${selected.length === 1 ? 'proxy' : 'proxies'} to ${opts.out}\n`);
  return EXIT.ok;

  function selectProxies(all: readonly ProxyConfig[], names: readonly string[] | undefined): readonly ProxyConfig[] | number {
    if (!names || names.length === 0) return all;
    const byName = new Map(all.map((p) => [p.name, p]));
    const unknown = names.find((n) => !byName.has(n));
    if (unknown !== undefined) {
      const hint = didYouMean(unknown, byName.keys()) || `the proxies are ${[...byName.keys()].join(', ')}`;
      return failWith('UnknownProxy', { name: unknown, hint }, opts.diagnostics);
    }
    return names.map((n) => byName.get(n)!);
  }
}
