/** Small accessors for the lowering tests of security and observability. */
import assert from 'node:assert/strict';
import type { ProxyConfig } from '../../src/lower/index.js';
import { compileFiles } from '../helpers/compile.js';

export type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Compiles and demands no error (the Envoy API check included). */
export function build(files: Record<string, string>): ProxyConfig[] {
  const r = compileFiles(files);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  return [...r.proxies!];
}
export const proxy = (ps: ProxyConfig[], name: string): ProxyConfig => ps.find((p) => p.name === name)!;
export const listener = (p: ProxyConfig, name: string): J => p.listeners.find((l) => l['name'] === name) as J;
export const cluster = (p: ProxyConfig, name: string): J => p.clusters.find((c) => c['name'] === name) as J;
/** The typed configs of the inbound connection manager's HTTP filters (first filter chain). */
export const inboundHttpFilters = (p: ProxyConfig): J[] =>
  listener(p, 'inbound')['filter_chains'][0].filters[0].typed_config.http_filters as J[];
export const inboundHcm = (p: ProxyConfig): J => listener(p, 'inbound')['filter_chains'][0].filters[0].typed_config as J;
export const doc = (kind: string, name: string, spec: string, ns = 'default'): string =>
  `apiVersion: meshc.dev/v1\nkind: ${kind}\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n${spec}`;
export const mesh = (spec: string): string => doc('Mesh', 'm', spec);
