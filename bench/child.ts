/**
 * One benchmark measurement in a process of its own, so that its peak RSS
 * (`process.resourceUsage().maxRSS`) belongs to that measurement alone.
 * `bench/run.ts` starts it and reads one line of JSON from its stdout.
 *
 *   node dist/bench/child.js build '{"services":1000}' [--runs K] [--warmup] [--replace] [--no-baseline] [--profile FILE]
 *   node dist/bench/child.js sizes '{"services":100,"upstreams":"all"}'
 *
 * `build`: per run, the generated inputs are compiled in-process with
 * `compileParallel()` (parse, on two threads for big inputs, → verify: what
 * `meshc build` runs), then emitted and written in one streamed pass,
 * `writeOutputDir(dir, emitEach(...))` (static, JSON), into a directory that
 * does not exist yet: exactly what `meshc build -o` does after reading its
 * inputs. The pass cannot be timed as two phases any more, so `emitMs` is the
 * time spent producing files (inside `emitEach`), `writeMs` the rest of the
 * pass, and `emitWriteMs` the whole pass. `--replace` also times a second
 * streamed pass over the first output (a rebuild: the old tree is renamed
 * away and deleted); `replaceMs` is its write part, without serializing.
 * After the measured builds, `maxRssBytes` is read, and only then does the
 * serialize-only baseline run (once per measured run, on the last run's
 * compiled proxies): it writes the same bootstrap objects with
 * `JSON.stringify(value, null, 2)` and `fs.writeFileSync`, the least any
 * compiler producing these files must do. It holds every text at once, so its
 * peak is reported apart (`baselineMaxRssBytes`) and does not inflate the
 * build's. `--profile FILE` records a CPU profile of the first measured run's
 * compile + emit + write only (through `node:inspector`), not of generating,
 * the baseline or cleaning up.
 * `--scratch DIR`: put the output directories under DIR (default: the OS temp directory).
 * `sizes`: the total output bytes in static and in xds mode.
 */
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compileParallel, type CompileResult } from '../src/compile.js';
import { staticBootstrap } from '../src/lower/index.js';
import type { ProxyConfig } from '../src/lower/index.js';
import { emitEach, SHARED_DIR, writeOutputDir, type OutputFile } from '../src/output/index.js';
import { generateMesh, type GeneratedFile, type MeshOptions } from './generate.js';

/** What one `build` run measured, in milliseconds and bytes. */
export interface BuildRun {
  readonly generateMs: number;
  readonly compileMs: number;
  /** Time spent producing files inside `emitEach` during the streamed pass. */
  readonly emitMs: number;
  /** The rest of the streamed pass: mkdir, writing, renaming. */
  readonly writeMs: number;
  /** The whole streamed pass, `writeOutputDir(dir, emitEach(...))`: emit + write. */
  readonly emitWriteMs: number;
  /** With `--replace`: the write part of a second streamed pass over the output just written. */
  readonly replaceMs?: number;
  /** compile + the streamed emit and write. */
  readonly buildMs: number;
  /** JSON.stringify (2-space) + writeFileSync of the same bootstrap objects. */
  readonly baselineStringifyMs: number;
  readonly baselineWriteMs: number;
  readonly baselineMs: number;
}

export interface BuildReport {
  readonly options: MeshOptions;
  readonly inputFiles: number;
  readonly inputBytes: number;
  readonly proxies: number;
  readonly outputFiles: number;
  readonly outputBytes: number;
  readonly warnings: number;
  /** The warm-up run, when one was asked for (not in `runs`). */
  readonly warmup?: BuildRun;
  readonly runs: readonly BuildRun[];
  /** Peak resident set size of this process after the builds, before the baseline ran, in bytes. */
  readonly maxRssBytes: number;
  /** Peak resident set size at the end, the baseline included (absent with `--no-baseline`). */
  readonly baselineMaxRssBytes?: number;
}

export interface SizesReport {
  readonly options: MeshOptions;
  readonly proxies: number;
  readonly static: { readonly files: number; readonly bytes: number };
  readonly xds: {
    readonly files: number;
    readonly bytes: number;
    readonly bootstrap: number;
    readonly cds: number;
    readonly lds: number;
    readonly rds: number;
    /** Of these bytes, the files full-mesh sidecars share (`_mesh/`). */
    readonly shared: number;
  };
}

/** Compiles the inputs and throws unless there is no error and every proxy came back. */
async function compileOrThrow(
  inputs: readonly GeneratedFile[],
  until: 'lower' | 'verify' = 'verify',
): Promise<{ proxies: NonNullable<CompileResult['proxies']>; warnings: number }> {
  const result = await compileParallel(inputs, { until });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.proxies) {
    const shown = errors.slice(0, 5).map((d) => `${d.code} ${d.message}${d.span ? ` (${d.span.file}@${d.span.start})` : ''}`);
    throw new Error(`the generated mesh must compile with zero errors; got ${errors.length}:\n  ${shown.join('\n  ')}`);
  }
  return { proxies: result.proxies, warnings: result.diagnostics.length - errors.length };
}

/** Number and total bytes of the files under a directory written by writeOutputDir (`<proxy>/<file>`). */
function outputSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const proxy of fs.readdirSync(dir)) {
    for (const name of fs.readdirSync(path.join(dir, proxy))) {
      files++;
      bytes += fs.statSync(path.join(dir, proxy, name)).size;
    }
  }
  return { files, bytes };
}

/**
 * Passes the files of `emitEach` through, adding the time spent producing
 * each (serializing) to `clock.ms`, so the streamed pass can be split into
 * emit and write.
 */
function* timed(files: Iterable<OutputFile>, clock: { ms: number }): Generator<OutputFile, void, undefined> {
  const it = files[Symbol.iterator]();
  for (;;) {
    const t = performance.now();
    const next = it.next();
    clock.ms += performance.now() - t;
    if (next.done === true) return;
    yield next.value;
  }
}

interface BuildFlags {
  readonly replace: boolean;
  /** Write a CPU profile of compile + emit + write to this file. */
  readonly profile?: string;
}

type BuildFacts = Omit<BuildReport, 'options' | 'runs' | 'maxRssBytes' | 'baselineMaxRssBytes' | 'warmup'>;

/** One build: generate, compile, then the streamed emit + write (and, with `--replace`, a second one over it). */
async function buildOnce(
  options: MeshOptions,
  scratch: string,
  flags: BuildFlags,
): Promise<{ run: Omit<BuildRun, 'baselineStringifyMs' | 'baselineWriteMs' | 'baselineMs'>; facts: BuildFacts; proxies: readonly ProxyConfig[] }> {
  let t = performance.now();
  const inputs = generateMesh(options);
  const generateMs = performance.now() - t;

  let session: Session | undefined;
  if (flags.profile !== undefined) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  t = performance.now();
  const { proxies, warnings } = await compileOrThrow(inputs);
  const compileMs = performance.now() - t;

  // What `meshc build -o` does: each file is serialized, written and dropped before the next.
  const out = path.join(scratch, 'out');
  const emitted = { ms: 0 };
  t = performance.now();
  writeOutputDir(out, timed(emitEach(proxies, { mode: 'static', format: 'json' }), emitted));
  const emitWriteMs = performance.now() - t;
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    fs.writeFileSync(flags.profile!, JSON.stringify(profile));
  }

  let replaceMs: number | undefined;
  if (flags.replace) {
    const again = { ms: 0 };
    t = performance.now();
    writeOutputDir(out, timed(emitEach(proxies, { mode: 'static', format: 'json' }), again));
    replaceMs = performance.now() - t - again.ms;
  }

  const size = outputSize(out);
  const facts = {
    inputFiles: inputs.length,
    inputBytes: inputs.reduce((s, f) => s + Buffer.byteLength(f.text), 0),
    proxies: proxies.length,
    outputFiles: size.files,
    outputBytes: size.bytes,
    warnings,
  };
  fs.rmSync(out, { recursive: true, force: true });
  return {
    run: {
      generateMs,
      compileMs,
      emitMs: emitted.ms,
      writeMs: emitWriteMs - emitted.ms,
      emitWriteMs,
      ...(replaceMs !== undefined ? { replaceMs } : {}),
      buildMs: compileMs + emitWriteMs,
    },
    facts,
    proxies,
  };
}

/** The serialize-only baseline: the same bootstrap objects, serialized and written as plainly as possible. */
function baselineOnce(proxies: readonly ProxyConfig[], scratch: string): Pick<BuildRun, 'baselineStringifyMs' | 'baselineWriteMs' | 'baselineMs'> {
  const base = path.join(scratch, 'baseline');
  const objects = proxies.map((p) => [p.name, staticBootstrap(p)] as const);
  let t = performance.now();
  const texts = objects.map(([name, value]) => [name, JSON.stringify(value, null, 2) + '\n'] as const);
  const baselineStringifyMs = performance.now() - t;
  t = performance.now();
  fs.mkdirSync(base);
  for (const [name, text] of texts) {
    fs.mkdirSync(path.join(base, name));
    fs.writeFileSync(path.join(base, name, 'bootstrap.json'), text);
  }
  const baselineWriteMs = performance.now() - t;
  fs.rmSync(base, { recursive: true, force: true });
  return { baselineStringifyMs, baselineWriteMs, baselineMs: baselineStringifyMs + baselineWriteMs };
}

async function build(options: MeshOptions, runs: number, warmup: boolean, baseline: boolean, flags: BuildFlags, under?: string): Promise<BuildReport> {
  // `--scratch DIR`: the parent removes DIR afterwards, even if it had to kill this process.
  const scratch = fs.mkdtempSync(path.join(under ?? os.tmpdir(), 'meshc-bench-'));
  try {
    const { profile, ...unprofiled } = flags;
    const first = warmup ? (await buildOnce(options, scratch, unprofiled)).run : undefined;
    const measured: Awaited<ReturnType<typeof buildOnce>>['run'][] = [];
    let last: Awaited<ReturnType<typeof buildOnce>> | undefined;
    for (let i = 0; i < runs; i++) {
      last = undefined; // let the previous run's proxies go before the next compile
      last = await buildOnce(options, scratch, i === 0 ? flags : unprofiled);
      measured.push(last.run);
    }
    // The build's peak, read before the baseline holds every text at once.
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    const none = { baselineStringifyMs: NaN, baselineWriteMs: NaN, baselineMs: NaN };
    const baselines = measured.map(() => (baseline ? baselineOnce(last!.proxies, scratch) : none));
    return {
      options,
      ...last!.facts,
      ...(first ? { warmup: { ...first, ...none } } : {}),
      runs: measured.map((r, i) => ({ ...r, ...baselines[i]! })),
      maxRssBytes,
      ...(baseline ? { baselineMaxRssBytes: process.resourceUsage().maxRSS * 1024 } : {}),
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Output sizes only: compiled until `lower` (verify checks the resources, it does not change them), so a full mesh of 300 stays affordable. */
async function sizes(options: MeshOptions): Promise<SizesReport> {
  const { proxies } = await compileOrThrow(generateMesh(options), 'lower');
  // Counted as the files stream by, so no mode's whole output is held at once.
  const measure = (mode: 'static' | 'xds'): { files: number; bytes: number; shared: number; bySuffix: Map<string, number> } => {
    let files = 0;
    let bytes = 0;
    let shared = 0;
    const bySuffix = new Map<string, number>();
    for (const [rel, text] of emitEach(proxies, { mode, format: 'json' })) {
      const n = Buffer.byteLength(text);
      const suffix = rel.slice(rel.lastIndexOf('/'));
      files++;
      bytes += n;
      if (rel.startsWith(`${SHARED_DIR}/`)) shared += n;
      bySuffix.set(suffix, (bySuffix.get(suffix) ?? 0) + n);
    }
    return { files, bytes, shared, bySuffix };
  };
  const st = measure('static');
  const xds = measure('xds');
  const of = (suffix: string): number => xds.bySuffix.get(suffix) ?? 0;
  return {
    options,
    proxies: proxies.length,
    static: { files: st.files, bytes: st.bytes },
    xds: {
      files: xds.files,
      bytes: xds.bytes,
      bootstrap: of('/bootstrap.json'),
      cds: of('/cds.json'),
      lds: of('/lds.json'),
      rds: of('/rds.json'),
      shared: xds.shared,
    },
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, json, ...rest] = argv;
  const options = JSON.parse(json ?? '{}') as MeshOptions;
  const value = (name: string): string | undefined => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const runs = Number(value('--runs') ?? 1);
  const profile = value('--profile');
  let report: unknown;
  if (command === 'build') {
    report = await build(options, runs, rest.includes('--warmup'), !rest.includes('--no-baseline'), {
      replace: rest.includes('--replace'),
      ...(profile !== undefined ? { profile } : {}),
    }, value('--scratch'));
  } else if (command === 'sizes') report = await sizes(options);
  else throw new Error(`usage: child.js build|sizes '<options JSON>' [--runs K] [--warmup] [--replace] [--no-baseline] [--profile FILE] [--scratch DIR]`);
  process.stdout.write(JSON.stringify(report) + '\n');
}

await main(process.argv.slice(2));
