/**
 * The meshc benchmark (`npm run bench`): prints a table of figures against
 * their targets, then the same figures as JSON.
 *
 *   npm run bench                       # everything (about 5 minutes on 2 cores)
 *   npm run bench -- --quick            # without the 10,000-service build
 *   npm run bench -- --validate-only    # only validate vs node -e 0, 30 interleaved runs each
 *   npm run bench -- --json FILE        # JSON to FILE instead of stdout
 *   npm run bench -- --runs K           # runs of the 100- and 1,000-service builds (default 5 and 3)
 *   npm run bench -- --timeout-10k S    # give up on the 10,000-service build after S seconds (default 300; 0: no limit)
 *
 * What is measured, and how, is described in docs/performance.md. Every
 * build measurement runs in a fresh child process (`bench/child.ts`), so its
 * peak RSS is its own; the figures within a child are medians of its runs.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BuildReport, BuildRun, SizesReport } from './child.js';
import type { MeshOptions } from './generate.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const CHILD = path.join(HERE, 'child.js');

/** The targets of the issue "Speed, scale and robustness, measured". */
const TARGETS = { validateRatio: 2, buildOverBaseline: 3, scaling10kOver1k: 12 } as const;

interface Args {
  readonly quick: boolean;
  readonly validateOnly: boolean;
  /** Seconds after which the 10,000-service build is stopped; 0: never. */
  readonly timeout10k: number;
  readonly json?: string;
  readonly runs?: number;
}

function parseArgs(argv: readonly string[]): Args {
  let quick = false;
  let validateOnly = false;
  let json: string | undefined;
  let runs: number | undefined;
  let timeout10k = 300;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--validate-only') validateOnly = true;
    else if (a === '--timeout-10k') timeout10k = Number(argv[++i]);
    else if (a === '--json') json = argv[++i];
    else if (a === '--runs') runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${a} (use --quick, --validate-only, --json FILE, --runs K, --timeout-10k S)`);
  }
  if (json === undefined && argv.includes('--json')) throw new Error('--json needs a file name');
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1)) throw new Error('--runs needs a positive whole number');
  if (!(timeout10k >= 0)) throw new Error('--timeout-10k needs a number of seconds (0: no limit)');
  return { quick, validateOnly, timeout10k, ...(json !== undefined ? { json } : {}), ...(runs !== undefined ? { runs } : {}) };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function log(text: string): void {
  process.stderr.write(text + '\n');
}

// ── 1. meshc validate vs node -e 0 ───────────────────────────────────────────

interface ProcessTiming {
  readonly runs: number;
  readonly nodeMs: number;
  readonly validateMs: number;
  readonly ratio: number;
  readonly nodeAllMs: readonly number[];
  readonly validateAllMs: readonly number[];
}

/** Whole-process wall time, interleaved so that any drift of the machine hits both alike; one untimed warm-up each. */
function validateTiming(runs: number): ProcessTiming {
  const node = [process.execPath, ['-e', '0']] as const;
  const validate = [process.execPath, [path.join(ROOT, 'bin', 'meshc.js'), 'validate', 'examples/bookinfo']] as const;
  const once = ([cmd, args]: readonly [string, readonly string[]]): number => {
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status ?? r.signal}: ${r.stderr}`);
    return ms;
  };
  once(node);
  once(validate);
  const nodeAll: number[] = [];
  const validateAll: number[] = [];
  for (let i = 0; i < runs; i++) {
    nodeAll.push(once(node));
    validateAll.push(once(validate));
  }
  const nodeMs = median(nodeAll);
  const validateMs = median(validateAll);
  return { runs, nodeMs, validateMs, ratio: validateMs / nodeMs, nodeAllMs: nodeAll, validateAllMs: validateAll };
}

// ── 2. builds in child processes ─────────────────────────────────────────────

/** Thrown when a child ran out of its time limit. */
class TimedOut extends Error {}

function child<T>(args: readonly string[], bigHeap: boolean, timeoutMs = 0): T {
  // The build streams its output, but the serialize-only baseline that follows
  // it in the same child holds every text (about 2 GB at 10,000 services) plus
  // the objects they came from: more than V8's default old-space limit (about 4 GB here).
  const heap = bigHeap ? ['--max-old-space-size=16384'] : [];
  // The child writes its output under a directory removed here, even when the child was killed.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'meshc-bench-run-'));
  let r: SpawnSyncReturns<string>;
  try {
    r = spawnSync(process.execPath, [...heap, CHILD, ...args, '--scratch', scratch], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      ...(timeoutMs > 0 ? { timeout: timeoutMs, killSignal: 'SIGKILL' as const } : {}),
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (timeoutMs > 0 && r.signal === 'SIGKILL') throw new TimedOut(`stopped after ${timeoutMs / 1000} s`);
  if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The timings of a build run (all but generating the input), each the median of the measured runs. */
type MedianTimings = Omit<BuildRun, 'generateMs'>;

type BuildFigures = MedianTimings &
  Pick<BuildReport, 'proxies' | 'inputBytes' | 'outputFiles' | 'outputBytes' | 'maxRssBytes' | 'baselineMaxRssBytes'> & {
    readonly services: number;
    readonly runs: number;
    readonly warmup: boolean;
    readonly buildOverBaseline: number;
    /** The first (cold) run, when a warm-up was done. */
    readonly coldBuildMs?: number;
  };

const TIMINGS: readonly (keyof MedianTimings)[] = [
  'compileMs',
  'emitMs',
  'writeMs',
  'emitWriteMs',
  'replaceMs',
  'buildMs',
  'baselineStringifyMs',
  'baselineWriteMs',
  'baselineMs',
];

function buildFigures(options: MeshOptions, runs: number, warmup: boolean, replace: boolean, timeoutMs = 0): BuildFigures {
  const args = ['build', JSON.stringify(options), '--runs', String(runs), ...(warmup ? ['--warmup'] : []), ...(replace ? ['--replace'] : [])];
  const r = child<BuildReport>(args, options.services >= 5000, timeoutMs);
  const medians = Object.fromEntries(
    TIMINGS.filter((k) => k !== 'replaceMs' || replace).map((k) => [k, median(r.runs.map((x) => x[k] ?? NaN))]),
  ) as unknown as MedianTimings;
  return {
    services: options.services,
    runs,
    warmup,
    proxies: r.proxies,
    inputBytes: r.inputBytes,
    outputFiles: r.outputFiles,
    outputBytes: r.outputBytes,
    ...medians,
    buildOverBaseline: medians.buildMs / medians.baselineMs,
    maxRssBytes: r.maxRssBytes,
    ...(r.baselineMaxRssBytes !== undefined ? { baselineMaxRssBytes: r.baselineMaxRssBytes } : {}),
    ...(r.warmup ? { coldBuildMs: r.warmup.buildMs } : {}),
  };
}

// ── 3. xds vs static output size ─────────────────────────────────────────────

interface SizeFigures extends SizesReport {
  readonly xdsOverStatic: number;
}

// ── 4. bench/verify.ts ───────────────────────────────────────────────────────

interface VerifyFigures {
  readonly clusters: number;
  readonly bundleLoadMs: number;
  readonly firstMs: number;
  readonly warmMedianMs: number;
  readonly warmRuns: number;
  readonly output: string;
}

function verifyFigures(): VerifyFigures {
  const r = spawnSync(process.execPath, [path.join(HERE, 'verify.js'), '1000'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench/verify.js failed: ${r.stderr}`);
  const num = (re: RegExp): number => {
    const m = re.exec(r.stdout);
    if (!m) throw new Error(`cannot read bench/verify.js output (${re}):\n${r.stdout}`);
    return Number(m[1]);
  };
  return {
    clusters: num(/verify bench: (\d+) clusters/),
    bundleLoadMs: num(/bundle load \(cold\):\s+([\d.]+) ms/),
    firstMs: num(/first verification:\s+([\d.]+) ms/),
    warmMedianMs: num(/warm verification median:\s+([\d.]+) ms/),
    warmRuns: num(/\(of (\d+);/),
    output: r.stdout.trimEnd(),
  };
}

// ── the report ───────────────────────────────────────────────────────────────

const ms = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;
const x2 = (r: number): string => `${r.toFixed(2)}×`;
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const machine = { date: new Date().toISOString(), node: process.version, nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? '?', totalMemBytes: os.totalmem(), loadAverageAtStart: os.loadavg() };

  if (args.validateOnly) {
    log('validate examples/bookinfo vs node -e 0 (30 whole-process runs each) …');
    const v = validateTiming(30);
    const line = `validate examples/bookinfo / node -e 0 (median of ${v.runs}): ${ms(v.validateMs)} / ${ms(v.nodeMs)} = ${x2(v.ratio)} (target ≤ ${TARGETS.validateRatio}×: ${verdict(v.ratio <= TARGETS.validateRatio)}); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
    const json = JSON.stringify({ machine, validate: v }, null, 2) + '\n';
    if (args.json) fs.writeFileSync(args.json, json);
    process.stdout.write(line + '\n' + (args.json ? '' : json));
    return;
  }
  log('validate examples/bookinfo vs node -e 0 (10 whole-process runs each) …');
  const validate = validateTiming(10);

  const builds: BuildFigures[] = [];
  const scoped = (services: number): MeshOptions => ({ services, upstreams: 10, rules: 5, trafficPolicyFraction: 0.2, authorizationPolicyFraction: 0.2 });
  log(`build, 100 services (warm-up + ${args.runs ?? 5} run(s)) …`);
  builds.push(buildFigures(scoped(100), args.runs ?? 5, true, true));
  log(`build, 1,000 services (${args.runs ?? 3} run(s)) …`);
  builds.push(buildFigures(scoped(1000), args.runs ?? 3, false, true));
  // 10,000 services run once: one run is minutes (see docs/performance.md).
  let timedOut10k: number | undefined;
  if (!args.quick) {
    log(`build, 10,000 services (1 run${args.timeout10k > 0 ? `, stopped after ${args.timeout10k} s` : ''}) …`);
    try {
      builds.push(buildFigures(scoped(10_000), 1, false, false, args.timeout10k * 1000));
    } catch (e) {
      if (!(e instanceof TimedOut)) throw e;
      timedOut10k = args.timeout10k * 1000;
      log(`  10,000 services: ${e.message}`);
    }
  }

  const sizes: SizeFigures[] = [];
  for (const services of [100, 300]) {
    log(`output size, full mesh of ${services}, static vs xds …`);
    const r = child<SizesReport>(['sizes', JSON.stringify({ services, upstreams: 'all', rules: 5 } satisfies MeshOptions)], services >= 300);
    sizes.push({ ...r, xdsOverStatic: r.xds.bytes / r.static.bytes });
  }

  log('bench/verify.js (1,000 clusters + 1,000 routes) …');
  const verify = verifyFigures();

  const b1k = builds.find((b) => b.services === 1000)!;
  const b10k = builds.find((b) => b.services === 10_000);
  const scaling = b10k ? b10k.buildMs / b1k.buildMs : undefined;
  /** With the 10k build stopped, the ratio is at least this. */
  const scalingAtLeast = timedOut10k !== undefined ? timedOut10k / b1k.buildMs : undefined;
  const elapsedMs = performance.now() - started;
  const loadAverageAtEnd = os.loadavg();

  const lines: string[] = [];
  lines.push(`meshc bench — ${machine.date}, node ${machine.node}, ${machine.nproc} CPUs (${machine.cpu}), ${mib(machine.totalMemBytes)} RAM, load average ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ${loadAverageAtEnd.map((l) => l.toFixed(2)).join(' ')} at end`);
  if (Math.max(machine.loadAverageAtStart[0]!, loadAverageAtEnd[0]!) > 0.75 * machine.nproc) lines.push('WARNING: the machine was busy with other work (1-minute load average above 0.75 × CPUs); the times are inflated and noisy.');
  lines.push('');
  lines.push(
    table([
      ['check', 'measured', 'target', ''],
      [`validate examples/bookinfo / node -e 0 (median of ${validate.runs})`, `${ms(validate.validateMs)} / ${ms(validate.nodeMs)} = ${x2(validate.ratio)}`, `≤ ${TARGETS.validateRatio}×`, verdict(validate.ratio <= TARGETS.validateRatio)],
      ...builds.map((b) => [
        `build / serialize-only baseline, ${b.services} services`,
        `${ms(b.buildMs)} / ${ms(b.baselineMs)} = ${x2(b.buildOverBaseline)}`,
        `≤ ${TARGETS.buildOverBaseline}×`,
        verdict(b.buildOverBaseline <= TARGETS.buildOverBaseline),
      ]),
      scaling !== undefined
        ? ['build time 10,000 / 1,000 services', `${ms(b10k!.buildMs)} / ${ms(b1k.buildMs)} = ${x2(scaling)}`, `≤ ${TARGETS.scaling10kOver1k}`, verdict(scaling <= TARGETS.scaling10kOver1k)]
        : scalingAtLeast !== undefined
          ? [
              'build time 10,000 / 1,000 services',
              `> ${ms(timedOut10k!)} (stopped; whole child process) / ${ms(b1k.buildMs)} = > ${x2(scalingAtLeast)}`,
              `≤ ${TARGETS.scaling10kOver1k}`,
              scalingAtLeast > TARGETS.scaling10kOver1k ? verdict(false) : 'unknown',
            ]
          : ['build time 10,000 / 1,000 services', 'skipped (--quick)', `≤ ${TARGETS.scaling10kOver1k}`, ''],
    ]),
  );
  lines.push('');
  lines.push('builds (in-process; 10 upstreams and 5 rules per service; medians of the runs; build = compile() + one streamed emit + write pass into a new directory, as meshc build -o (emit = time producing files in that pass, write = the rest); rewrite = the write part of a second pass over it; peak RSS = of the builds, before the baseline ran):');
  lines.push(
    table([
      ['services', 'runs', 'compile()', 'emit()', 'write', 'build', 'rewrite', 'baseline (stringify + write)', 'peak RSS', 'output', 'input'],
      ...builds.map((b) => [
        String(b.services),
        `${b.runs}${b.warmup ? ' + warm-up' : ''}`,
        ms(b.compileMs),
        ms(b.emitMs),
        ms(b.writeMs),
        ms(b.buildMs) + (b.coldBuildMs !== undefined ? ` (cold ${ms(b.coldBuildMs)})` : ''),
        b.replaceMs !== undefined ? ms(b.replaceMs) : '–',
        `${ms(b.baselineMs)} (${ms(b.baselineStringifyMs)} + ${ms(b.baselineWriteMs)})`,
        mib(b.maxRssBytes),
        `${mib(b.outputBytes)} in ${b.outputFiles} files`,
        mib(b.inputBytes),
      ]),
    ]),
  );
  lines.push('');
  lines.push('output size, full mesh (no upstreams field), 5 rules per service:');
  lines.push(
    table([
      ['services', 'static', 'xds total', 'xds bootstrap', 'xds cds', 'xds lds', 'xds rds', 'of which _mesh/', 'xds / static'],
      ...sizes.map((s) => [
        String(s.proxies),
        mib(s.static.bytes),
        mib(s.xds.bytes),
        mib(s.xds.bootstrap),
        mib(s.xds.cds),
        mib(s.xds.lds),
        mib(s.xds.rds),
        mib(s.xds.shared),
        x2(s.xdsOverStatic),
      ]),
    ]),
  );
  const [s100, s300] = sizes;
  if (s100 && s300) {
    lines.push(
      `  300 vs 100 services: static ×${(s300.static.bytes / s100.static.bytes).toFixed(2)}, xds ×${(s300.xds.bytes / s100.xds.bytes).toFixed(2)}` +
        ` (linear would be ×3, quadratic ×9)`,
    );
  }
  lines.push('');
  lines.push(verify.output);
  lines.push('');
  lines.push(`bench took ${ms(elapsedMs)}`);
  process.stdout.write(lines.join('\n') + '\n');

  const json = JSON.stringify(
    { machine: { ...machine, loadAverageAtEnd }, targets: TARGETS, elapsedMs, validate, builds, scaling10kOver1k: scaling ?? null, ...(timedOut10k !== undefined ? { build10kStoppedAfterMs: timedOut10k, scaling10kOver1kAtLeast: scalingAtLeast } : {}), sizes, verify: { ...verify, output: undefined } },
    null,
    2,
  );
  if (args.json !== undefined) {
    fs.writeFileSync(args.json, json + '\n');
    log(`JSON written to ${args.json}`);
  } else {
    process.stdout.write('\n' + json + '\n');
  }
}

main();
