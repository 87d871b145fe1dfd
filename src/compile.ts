import { check } from './check/index.js';
import { DiagnosticBag, diagnostic, type Diagnostic } from './diagnostics/index.js';
import { buildIr, type MeshIr } from './ir/index.js';
import { lower, staticBootstrap, type ProxyConfig } from './lower/index.js';
import { parse } from './parse/index.js';
import { validateSchema } from './schema/index.js';
import { SourceFile, type SourceInput } from './source/index.js';
import { verifyEnvoyConfig } from './verify/index.js';

/** How far to run the pipeline. */
export type Phase = 'parse' | 'schema' | 'check' | 'lower' | 'verify';

export interface CompileOptions {
  /** Stop after this phase (`check` is what `meshc validate` runs). Default: `verify`, the whole pipeline. */
  readonly until?: Phase;
}

export interface CompileResult {
  /** The proxies, when every phase that ran reported no error and lowering ran. */
  readonly proxies?: readonly ProxyConfig[];
  /** The IR, when checking succeeded and the pipeline went past it. */
  readonly ir?: MeshIr;
  /** Everything reported, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** The source files, by path, for rendering diagnostics. */
  readonly files: ReadonlyMap<string, SourceFile>;
}

/**
 * Runs the pipeline over the inputs, in sorted path order. Each phase reports
 * every problem it sees; the pipeline stops after the first phase that
 * reported an error, with one refinement: when the schema phase could keep
 * every document (its only errors were unknown fields), the semantic rules
 * still run, so a typo does not hide the rest. A thrown exception is a
 * compiler bug and comes back as MESH9001, never as a crash.
 */
export function compile(inputs: readonly SourceInput[], options: CompileOptions = {}): CompileResult {
  const until = options.until ?? 'verify';
  const sources = [...inputs]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((i) => new SourceFile(i.path, i.text));
  const files = new Map(sources.map((f) => [f.path, f]));
  const bag = new DiagnosticBag();
  const done = (extra: Partial<CompileResult> = {}): CompileResult => ({ diagnostics: bag.sorted(), files, ...extra });
  try {
    const documents = parse(sources, bag); //               YAML → documents with spans     MESH1xxx
    if (documents.length === 0 && !bag.hasErrors) bag.report('NoResources', undefined);
    if (bag.hasErrors || until === 'parse') return done();
    const schema = validateSchema(documents, bag); //       documents → typed resources     MESH2xxx
    if ((bag.hasErrors && !schema.complete) || until === 'schema') return done();
    const model = check(schema.resources, bag); //          semantic rules                  MESH3xxx
    if (bag.hasErrors || until === 'check') return done();
    const ir = buildIr(model); //                           resolved, readonly MeshIr
    const proxies = lower(ir); //                           Envoy resources per proxy       MESH4xxx
    if (until === 'lower') return done({ ir, proxies });
    verify(proxies, bag); //                                against Envoy's protos + PGV     MESH5xxx
    return bag.hasErrors ? done({ ir }) : done({ ir, proxies });
  } catch (e) {
    bag.add(diagnostic('InternalError', undefined, { detail: e instanceof Error ? e.message : String(e) }));
    return done();
  }
}

/**
 * Checks every proxy's resources against Envoy's API (design rule 8: nothing
 * is written that did not pass). A problem here is a meshc bug, reported as
 * MESH5001 so that it is never mistaken for the user's error.
 */
function verify(proxies: readonly ProxyConfig[], bag: DiagnosticBag): void {
  for (const p of proxies) {
    for (const issue of verifyEnvoyConfig(staticBootstrap(p), 'bootstrap')) {
      bag.report('EnvoyApiViolation', undefined, { proxy: p.name, path: issue.path, detail: `${issue.message} [${issue.rule}]` });
    }
  }
}
