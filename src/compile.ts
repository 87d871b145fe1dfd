import { analyze, analyzeParallel, type AnalyzeResult, type FrontPhase } from './analyze.js';
import { DiagnosticBag, diagnostic, type Diagnostic } from './diagnostics/index.js';
import { buildIr, type MeshIr } from './ir/index.js';
import { lower, staticBootstrap, type ProxyConfig } from './lower/index.js';
import type { ParallelParseOptions } from './parse/parallel.js';
import type { SourceFile, SourceInput } from './source/index.js';
import { VerifyMemo, verifyEnvoyConfig } from './verify/index.js';

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
 * Runs the whole pipeline: the front half (analyze.ts: parse, schema, check),
 * then IR, lowering and the Envoy API check. It stops after the first phase
 * that reported an error. A thrown exception is a compiler bug and comes back
 * as MESH9001, never as a crash.
 */
export function compile(inputs: readonly SourceInput[], options: CompileOptions = {}): CompileResult {
  const until = options.until ?? 'verify';
  let front: AnalyzeResult | undefined;
  try {
    front = analyze(inputs, frontUntil(until));
    return afterAnalysis(front, until);
  } catch (e) {
    return internalError(e, front?.bag ?? new DiagnosticBag(), front?.files ?? new Map());
  }
}

/**
 * `compile`, with the YAML parsed on several threads when the input is big
 * (src/parse/parallel.ts); the same result. What `meshc build` and `meshc diff` run.
 */
export async function compileParallel(inputs: readonly SourceInput[], options: CompileOptions & ParallelParseOptions = {}): Promise<CompileResult> {
  const until = options.until ?? 'verify';
  let front: AnalyzeResult;
  try {
    front = await analyzeParallel(inputs, frontUntil(until), options);
  } catch (e) {
    return internalError(e, new DiagnosticBag(), new Map());
  }
  try {
    return afterAnalysis(front, until);
  } catch (e) {
    return internalError(e, front.bag, front.files);
  }
}

function frontUntil(until: Phase): FrontPhase {
  return until === 'parse' || until === 'schema' ? until : 'check';
}

/** A thrown exception is a compiler bug: MESH9001 with what was reported so far, never a crash. */
function internalError(e: unknown, bag: DiagnosticBag, files: ReadonlyMap<string, SourceFile>): CompileResult {
  bag.add(diagnostic('InternalError', undefined, { detail: e instanceof Error ? e.message : String(e) }));
  return { diagnostics: bag.sorted(), files };
}

/** IR, lowering and the Envoy API check, after the front half; stops after the first phase that reported an error. */
function afterAnalysis(front: AnalyzeResult, until: Phase): CompileResult {
  const { bag, files } = front;
  const done = (extra: Partial<CompileResult> = {}): CompileResult => ({ diagnostics: bag.sorted(), files, ...extra });
  if (!front.model || until === 'parse' || until === 'schema' || until === 'check') return done();
  const ir = buildIr(front.model); //                     resolved, readonly MeshIr
  const proxies = lower(ir); //                           Envoy resources per proxy       MESH4xxx
  if (until === 'lower') return done({ ir, proxies });
  verifyProxies(proxies, bag); //                         against Envoy's protos + PGV     MESH5xxx
  return bag.hasErrors ? done({ ir }) : done({ ir, proxies });
}

/**
 * The message types whose objects lowering shares between proxies: outbound
 * clusters (lower.ts) and a service's routes (route.ts, meshRoutes). Only
 * these are cached; listeners and route configurations are built per proxy,
 * and caching them (or every message) measured slower than this: a cache
 * entry per object that is never seen again costs more than it saves
 * (docs/performance.md). Virtual hosts are shared among the callers of one
 * namespace, but adding them measured no faster at 1,000 services (their
 * routes are cached already). Add a type here when lowering starts sharing it.
 */
const SHARED_TYPES = ['envoy.config.cluster.v3.Cluster', 'envoy.config.route.v3.Route'];

/**
 * Checks every proxy's resources against Envoy's API (design rule 8: nothing
 * is written that did not pass). A problem here is a meshc bug, reported as
 * MESH5001 so that it is never mistaken for the user's error.
 *
 * Proxies share objects (an outbound cluster is one object in every proxy
 * that calls it, routes likewise), so one VerifyMemo serves the whole pass:
 * each shared object is checked once, and its issues and references are
 * replayed in every proxy where it appears, with that proxy's paths. The
 * per-proxy checks (dangling cluster references, duplicate names) stay those
 * of each proxy's own bootstrap.
 */
export function verifyProxies(proxies: readonly ProxyConfig[], bag: DiagnosticBag): void {
  const memo = new VerifyMemo(SHARED_TYPES);
  for (const p of proxies) {
    for (const issue of verifyEnvoyConfig(staticBootstrap(p), 'bootstrap', { memo })) {
      bag.report('EnvoyApiViolation', undefined, { proxy: p.name, path: issue.path, detail: `${issue.message} [${issue.rule}]` });
    }
  }
}
