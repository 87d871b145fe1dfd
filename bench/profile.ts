/**
 * CPU profile of one `build` measurement: runs `bench/child.ts`, which
 * profiles compile + emit + write (the V8 sampling profiler that
 * `node --cpu-prof` uses, started and stopped through `node:inspector` so that
 * generating the inputs and cleaning up are left out), and prints where the
 * time went, by pipeline phase and by function (self time), with the phase
 * each function's time belongs to.
 *
 *   npm run build && node dist/bench/profile.js [services] [--upstreams U] [--rules R] [--keep DIR] [--top K]
 *
 * A sample belongs to the innermost frame on its stack that lives in a phase's
 * folder (`dist/src/parse/`, `dist/validators/` for schema, …); frames in
 * shared code (`yaml`, `src/regex/`, `src/diagnostics/`, Node internals) take
 * the phase of their caller. Garbage collection is its own row, because the
 * profiler does not say which phase allocated what it collects.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
/** The `.cpuprofile` format written by `node --cpu-prof` (Chrome DevTools protocol `Profile`). */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a folder's time goes; the first match wins. */
const PHASES: readonly (readonly [RegExp, string])[] = [
  [/\/dist\/src\/parse\//, 'parse'],
  [/\/dist\/src\/schema\/|\/dist\/validators\//, 'schema'],
  [/\/dist\/src\/check\//, 'check'],
  [/\/dist\/src\/ir\//, 'ir'],
  [/\/dist\/src\/lower\//, 'lower'],
  [/\/dist\/src\/verify\//, 'verify'],
  [/\/dist\/src\/output\/serialize\./, 'emit'],
  [/\/dist\/src\/output\/write\./, 'write'],
  [/\/dist\/src\/compile\./, 'compile (glue)'],
  [/\/dist\/bench\/generate\./, 'generate (bench)'],
  [/\/dist\/bench\/child\./, 'bench glue'],
];

function phaseOf(url: string): string | undefined {
  for (const [re, phase] of PHASES) if (re.test(url)) return phase;
  return undefined;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly phases: readonly { readonly phase: string; readonly ms: number; readonly share: number }[];
  readonly functions: readonly {
    readonly name: string;
    readonly location: string;
    readonly phase: string;
    readonly selfMs: number;
    readonly share: number;
  }[];
}

/** Self time by phase and by function of a CPU profile. */
export function summarizeProfile(profile: CpuProfile, root = ''): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const phaseCache = new Map<number, string>();
  const nodePhase = (id: number): string => {
    const cached = phaseCache.get(id);
    if (cached !== undefined) return cached;
    const frame = byId.get(id)!.callFrame;
    let phase: string;
    if (frame.functionName === '(garbage collector)') phase = 'gc';
    else if (frame.functionName === '(program)' || frame.functionName === '(idle)' || frame.functionName === '(root)') phase = 'other';
    else {
      const own = phaseOf(frame.url);
      const up = parent.get(id);
      phase = own ?? (up === undefined ? 'other' : nodePhase(up));
    }
    phaseCache.set(id, phase);
    return phase;
  };

  // Sample i lasts until the next one; the last one gets the mean interval.
  const selfUs = new Map<number, number>();
  const n = profile.samples.length;
  const mean = n > 1 ? (profile.endTime - profile.startTime) / n : 0;
  for (let i = 0; i < n; i++) {
    const d = i + 1 < n ? profile.timeDeltas[i + 1]! : mean;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + d);
  }

  let total = 0;
  const phases = new Map<string, number>();
  const fns = new Map<string, { name: string; location: string; selfUs: number; phases: Map<string, number> }>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    total += us;
    const phase = nodePhase(id);
    phases.set(phase, (phases.get(phase) ?? 0) + us);
    const file = frame.url.replace(/^file:\/\//, '').replace(root, '');
    const location = file === '' ? '(native)' : `${file}:${frame.lineNumber + 1}`;
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${location}`;
    const f = fns.get(key) ?? { name, location, selfUs: 0, phases: new Map<string, number>() };
    f.selfUs += us;
    f.phases.set(phase, (f.phases.get(phase) ?? 0) + us);
    fns.set(key, f);
  }
  const share = (us: number): number => (total === 0 ? 0 : us / total);
  return {
    totalMs: total / 1000,
    phases: [...phases]
      .sort((a, b) => b[1] - a[1])
      .map(([phase, us]) => ({ phase, ms: us / 1000, share: share(us) })),
    functions: [...fns.values()]
      .sort((a, b) => b.selfUs - a.selfUs)
      .map((f) => ({
        name: f.name,
        location: f.location,
        // A function called from several phases is listed under the phase with most of its time.
        phase: [...f.phases].sort((a, b) => b[1] - a[1]).map(([p, us]) => (f.phases.size > 1 ? `${p} ${Math.round((100 * us) / f.selfUs)}%` : p)).join(', '),
        selfMs: f.selfUs / 1000,
        share: share(f.selfUs),
      })),
  };
}

/** The summary as text: phases, then the top `top` functions by self time. */
export function renderProfile(s: ProfileSummary, top: number): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(6);
  const lines = [`sampled CPU time: ${(s.totalMs / 1000).toFixed(2)} s`, '', 'by phase (self time of the frames in its folder and the shared code they call):'];
  for (const p of s.phases) lines.push(`  ${p.phase.padEnd(24)} ${(p.ms / 1000).toFixed(2).padStart(7)} s ${pct(p.share)}`);
  lines.push('', `top ${top} functions by self time:`);
  for (const f of s.functions.slice(0, top)) {
    lines.push(`  ${pct(f.share)} ${(f.selfMs / 1000).toFixed(2).padStart(6)} s  ${f.name}  ${f.location}  [${f.phase}]`);
  }
  return lines.join('\n');
}

function main(argv: readonly string[]): void {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const services = Number(argv.find((a, i) => /^\d+$/.test(a) && !argv[i - 1]?.startsWith('--')) ?? 1000);
  const upstreams = flag('--upstreams');
  const rules = flag('--rules');
  const top = Number(flag('--top') ?? 15);
  const options = {
    services,
    ...(upstreams !== undefined ? { upstreams: upstreams === 'all' ? 'all' : Number(upstreams) } : {}),
    ...(rules !== undefined ? { rules: Number(rules) } : {}),
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..', '..');
  const dir = flag('--keep') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'meshc-prof-'));
  fs.mkdirSync(dir, { recursive: true });
  const heap = services >= 5000 ? ['--max-old-space-size=16384'] : [];
  const file = `build-${services}.cpuprofile`;
  const r = spawnSync(
    process.execPath,
    [...heap, path.join(here, 'child.js'), 'build', JSON.stringify(options), '--runs', '1', '--no-baseline', '--profile', path.join(dir, file)],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`child failed (${r.status ?? r.signal}): ${r.stderr}`);
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const run = (JSON.parse(r.stdout) as { runs: { compileMs: number; emitMs: number; writeMs: number }[] }).runs[0]!;
  process.stdout.write(
    `profile of build ${JSON.stringify(options)} (1 run, compile + emit + write, while profiled: compile ${(run.compileMs / 1000).toFixed(2)} s, ` +
      `emit ${(run.emitMs / 1000).toFixed(2)} s, write ${(run.writeMs / 1000).toFixed(2)} s)\n` +
      renderProfile(summarizeProfile(profile, root + '/'), top) +
      '\n' +
      (flag('--keep') !== undefined ? `\nprofile kept: ${path.join(dir, file)} (open it in Chrome DevTools or speedscope)\n` : ''),
  );
  if (flag('--keep') === undefined) fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main(process.argv.slice(2));
