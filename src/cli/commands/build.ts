import { compile } from '../../compile.js';
import { DiagnosticBag, didYouMean } from '../../diagnostics/index.js';
import { staticBootstrap, type ProxyConfig } from '../../lower/index.js';
import { emitStatic, OutputError, toJson, writeOutputDir } from '../../output/index.js';
import { readInputs } from '../inputs.js';
import { EXIT, exitCodeFor, printDiagnostics, type DiagnosticFormat } from '../terminal.js';

export interface BuildOptions {
  readonly out?: string;
  readonly proxy?: readonly string[];
  readonly stdout?: boolean;
  readonly format: DiagnosticFormat;
  readonly maxFileSize?: number;
}

/** `meshc build`: compile and write one bootstrap per proxy, or print one to stdout. */
export function buildCommand(paths: readonly string[], opts: BuildOptions): number {
  const usage = new DiagnosticBag();
  if (!opts.stdout && opts.out === undefined) {
    usage.report('UsageError', undefined, { detail: 'build needs an output directory (-o DIR) or --stdout' });
  }
  if (opts.stdout && opts.out !== undefined) {
    usage.report('UsageError', undefined, { detail: '-o and --stdout cannot be used together' });
  }
  if (usage.hasErrors) {
    printDiagnostics(usage.sorted(), new Map(), opts.format);
    return EXIT.error;
  }
  const { inputs, bag } = readInputs(paths, opts.maxFileSize);
  if (bag.hasErrors) {
    printDiagnostics(bag.sorted(), new Map(), opts.format);
    return EXIT.error;
  }
  const result = compile(inputs);
  if (!result.proxies) {
    printDiagnostics(result.diagnostics, result.files, opts.format);
    return Math.max(exitCodeFor(result.diagnostics), EXIT.findings);
  }
  // Warnings still get shown on a successful build.
  if (result.diagnostics.length > 0) printDiagnostics(result.diagnostics, result.files, opts.format);

  const selected = selectProxies(result.proxies, opts.proxy);
  if (selected instanceof DiagnosticBag) {
    printDiagnostics(selected.sorted(), new Map(), opts.format);
    return EXIT.error;
  }
  if (opts.stdout) {
    if (selected.length !== 1) {
      const names = selected.map((p) => p.name).join(', ');
      const b = new DiagnosticBag();
      b.report('StdoutNeedsOneProxy', undefined, { count: selected.length, names });
      printDiagnostics(b.sorted(), new Map(), opts.format);
      return EXIT.error;
    }
    process.stdout.write(toJson(staticBootstrap(selected[0]!)));
    return EXIT.ok;
  }
  try {
    writeOutputDir(opts.out!, emitStatic(selected));
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    const b = new DiagnosticBag();
    b.report('OutputFailed', undefined, { detail: e.message });
    printDiagnostics(b.sorted(), new Map(), opts.format);
    return EXIT.error;
  }
  process.stderr.write(`wrote ${selected.length} ${selected.length === 1 ? 'proxy' : 'proxies'} to ${opts.out}\n`);
  return EXIT.ok;
}

function selectProxies(all: readonly ProxyConfig[], names: readonly string[] | undefined): readonly ProxyConfig[] | DiagnosticBag {
  if (!names || names.length === 0) return all;
  const bag = new DiagnosticBag();
  const byName = new Map(all.map((p) => [p.name, p]));
  const out: ProxyConfig[] = [];
  for (const n of names) {
    const p = byName.get(n);
    if (p) out.push(p);
    else {
      bag.report('UnknownProxy', undefined, {
        name: n,
        hint: didYouMean(n, byName.keys()) || `the proxies are ${[...byName.keys()].join(', ')}`,
      });
    }
  }
  return bag.hasErrors ? bag : out;
}
