/** Small YAML builders and a compact view of diagnostics for the rule tests. */
import type { CompileResult } from '../../src/compile.js';
import { compileFiles } from '../helpers/compile.js';

export { BASE } from '../helpers/compile.js';

const HEAD = (kind: string, name: string): string => `apiVersion: meshc.dev/v1\nkind: ${kind}\nmetadata: { name: ${name} }\n`;

/** A resource whose `spec:` is line 4 and whose spec body starts on line 5. */
export const res = (kind: string, name: string, spec: string): string => `${HEAD(kind, name)}spec:\n${spec}`;

/** An HTTPRoute for `service`: line 5 is `service:`, line 6 `rules:`, the rules start on line 7. */
export const route = (service: string, rules: string, name = 'r'): string =>
  res('HTTPRoute', name, `  service: ${service}\n  rules:\n${rules}`);

/** A TrafficSplit of `service`: line 5 is `service:`, line 6 `backends:`, the backends start on line 7. */
export const split = (service: string, backends: string, name = 's'): string =>
  res('TrafficSplit', name, `  service: ${service}\n  backends:\n${backends}`);

/** A Mesh whose spec body starts on line 5. */
export const mesh = (spec: string, name = 'm'): string => res('Mesh', name, spec);

/** Runs the pipeline up to the check phase (or further with `until: 'lower'`). */
export function run(files: Readonly<Record<string, string>>, until: 'check' | 'lower' = 'check'): CompileResult {
  return compileFiles(files, { until });
}

/** Every diagnostic as `file:line:col CODE message`. */
export function found(r: CompileResult): string[] {
  return r.diagnostics.map((d) => `${where(r, d.span)} ${d.code} ${d.message}`);
}

/** Every diagnostic's hint (undefined when it has none). */
export function hints(r: CompileResult): (string | undefined)[] {
  return r.diagnostics.map((d) => d.hint);
}

/** Every diagnostic's related notes as `file:line:col message`. */
export function notes(r: CompileResult): string[][] {
  return r.diagnostics.map((d) => (d.related ?? []).map((n) => `${where(r, n.span)} ${n.message}`));
}

function where(r: CompileResult, span: { file: string; start: number } | undefined): string {
  if (!span) return '-';
  const at = r.files.get(span.file)?.lineCol(span.start);
  return at ? `${span.file}:${at.line}:${at.col}` : span.file;
}
