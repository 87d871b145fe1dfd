/**
 * One benchmark measurement in a process of its own, so that its peak RSS
 * (`process.resourceUsage().maxRSS`) belongs to that measurement alone.
 * `bench/run.ts` starts it and reads one line of JSON from its stdout.
 *
 *   node dist/bench/child.js build '{"services":1000}' [--runs K] [--warmup] [--replace] [--no-baseline] [--profile FILE]
 *   node dist/bench/child.js sizes '{"services":100,"upstreams":"all"}'
 *
 * `build`: per run, the generated inputs are compiled in-process with
 * `compileParallel()` (parse, on two threads for big inputs, → verify: what `meshc build` runs), emitted with `emit()` (static, JSON) and
 * written with `writeOutputDir()` into a directory that does not exist yet,
 * exactly what `meshc build -o` does after reading its inputs; then the
 * serialize-only baseline writes the same bootstrap objects with
 * `JSON.stringify(value, null, 2)` and `fs.writeFileSync`, the least any
 * compiler producing these files must do. `--replace` also times a second
 * `writeOutputDir()` over the first output (a rebuild: the old tree is
 * renamed away and deleted). `--profile FILE` records a CPU profile of the
 * first measured run's compile + emit + write only (through `node:inspector`),
 * not of generating, the baseline or cleaning up.
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
import { emit, writeOutputDir, type OutputFiles } from '../src/output/index.js';
import { generateMesh, type GeneratedFile, type MeshOptions } from './generate.js';

/** What one `build` run measured, in milliseconds and bytes. */
export interface BuildRun {
  readonly generateMs: number;
  readonly compileMs: number;
  readonly emitMs: number;
  readonly writeMs: number;
  /** With `--replace`: a second writeOutputDir() over the output just written. */
  readonly replaceMs?: number;
  /** compile + emit + write. */
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
  /** Peak resident set size of this process, in bytes. */
  readonly maxRssBytes: number;
}

export interface SizesReport {
  readonly options: MeshOptions;
  readonly proxies: number;
  readonly static: { readonly files: number; readonly bytes: number };
  readonly xds: { readonly files: number; readonly bytes: number; readonly bootstrap: number; readonly cds: number; readonly lds: number };
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

function totalBytes(files: OutputFiles): number {
  let bytes = 0;
  for (const text of files.values()) bytes += Buffer.byteLength(text);
  return bytes;
}

interface BuildFlags {
  readonly baseline: boolean;
  readonly replace: boolean;
  /** Write a CPU profile of compile + emit + write to this file. */
  readonly profile?: string;
}

async function buildOnce(
  options: MeshOptions,
  scratch: string,
  flags: BuildFlags,
): Promise<{ run: BuildRun; facts: Omit<BuildReport, 'options' | 'runs' | 'maxRssBytes' | 'warmup'> }> {
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

  t = performance.now();
  const files = emit(proxies, { mode: 'static', format: 'json' });
  const emitMs = performance.now() - t;

  const out = path.join(scratch, 'out');
  t = performance.now();
  writeOutputDir(out, files);
  const writeMs = performance.now() - t;
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    fs.writeFileSync(flags.profile!, JSON.stringify(profile));
  }

  let replaceMs: number | undefined;
  if (flags.replace) {
    t = performance.now();
    writeOutputDir(out, files);
    replaceMs = performance.now() - t;
  }

  // The baseline: the same objects, serialized and written as plainly as possible.
  let baselineStringifyMs = NaN;
  let baselineWriteMs = NaN;
  const base = path.join(scratch, 'baseline');
  if (flags.baseline) {
    const objects = proxies.map((p) => [p.name, staticBootstrap(p)] as const);
    t = performance.now();
    const texts = objects.map(([name, value]) => [name, JSON.stringify(value, null, 2) + '\n'] as const);
    baselineStringifyMs = performance.now() - t;
    t = performance.now();
    fs.mkdirSync(base);
    for (const [name, text] of texts) {
      fs.mkdirSync(path.join(base, name));
      fs.writeFileSync(path.join(base, name, 'bootstrap.json'), text);
    }
    baselineWriteMs = performance.now() - t;
  }

  const facts = {
    inputFiles: inputs.length,
    inputBytes: inputs.reduce((s, f) => s + Buffer.byteLength(f.text), 0),
    proxies: proxies.length,
    outputFiles: files.size,
    outputBytes: totalBytes(files),
    warnings,
  };
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(base, { recursive: true, force: true });
  return {
    run: {
      generateMs,
      compileMs,
      emitMs,
      writeMs,
      ...(replaceMs !== undefined ? { replaceMs } : {}),
      buildMs: compileMs + emitMs + writeMs,
      baselineStringifyMs,
      baselineWriteMs,
      baselineMs: baselineStringifyMs + baselineWriteMs,
    },
    facts,
  };
}

async function build(options: MeshOptions, runs: number, warmup: boolean, flags: BuildFlags, under?: string): Promise<BuildReport> {
  // `--scratch DIR`: the parent removes DIR afterwards, even if it had to kill this process.
  const scratch = fs.mkdtempSync(path.join(under ?? os.tmpdir(), 'meshc-bench-'));
  try {
    const { profile, ...unprofiled } = flags;
    const first = warmup ? (await buildOnce(options, scratch, unprofiled)).run : undefined;
    const measured: BuildRun[] = [];
    let facts: Awaited<ReturnType<typeof buildOnce>>['facts'] | undefined;
    for (let i = 0; i < runs; i++) {
      const r = await buildOnce(options, scratch, i === 0 ? flags : unprofiled);
      measured.push(r.run);
      facts = r.facts;
    }
    return { options, ...facts!, ...(first ? { warmup: first } : {}), runs: measured, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Output sizes only: compiled until `lower` (verify checks the resources, it does not change them), so a full mesh of 300 stays affordable. */
async function sizes(options: MeshOptions): Promise<SizesReport> {
  const { proxies } = await compileOrThrow(generateMesh(options), 'lower');
  let st: OutputFiles | undefined = emit(proxies, { mode: 'static', format: 'json' });
  const staticFacts = { files: st.size, bytes: totalBytes(st) };
  st = undefined;
  const xds = emit(proxies, { mode: 'xds', format: 'json' });
  const byName = (suffix: string): number => {
    let bytes = 0;
    for (const [rel, text] of xds) if (rel.endsWith(suffix)) bytes += Buffer.byteLength(text);
    return bytes;
  };
  return {
    options,
    proxies: proxies.length,
    static: staticFacts,
    xds: { files: xds.size, bytes: totalBytes(xds), bootstrap: byName('/bootstrap.json'), cds: byName('/cds.json'), lds: byName('/lds.json') },
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
    report = await build(options, runs, rest.includes('--warmup'), {
      baseline: !rest.includes('--no-baseline'),
      replace: rest.includes('--replace'),
      ...(profile !== undefined ? { profile } : {}),
    }, value('--scratch'));
  } else if (command === 'sizes') report = await sizes(options);
  else throw new Error(`usage: child.js build|sizes '<options JSON>' [--runs K] [--warmup] [--replace] [--no-baseline] [--profile FILE] [--scratch DIR]`);
  process.stdout.write(JSON.stringify(report) + '\n');
}

await main(process.argv.slice(2));
