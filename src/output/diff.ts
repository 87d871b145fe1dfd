/**
 * Comparing compiled output with a golden directory, resource by resource,
 * so that a pull-request reviewer reads "route reviews…:9080 / default
 * changed" before any JSON.
 */
import { structuredPatch, createTwoFilesPatch } from 'diff';
import { parse as parseYaml } from 'yaml';
import { SHARED_DIR } from './layout.js';
import type { OutputFiles } from './serialize.js';

/** A kind of resource a reviewer thinks in. */
export type ResourceKind = 'bootstrap' | 'listener' | 'route' | 'cluster' | 'endpoints';
export type ChangeKind = 'added' | 'removed' | 'changed';

/** One resource that differs. */
export interface ResourceChange {
  readonly proxy: string;
  readonly kind: ResourceKind;
  /** Its name: a listener or cluster name, or `<route config> / <virtual host> / <route>`. */
  readonly name: string;
  readonly change: ChangeKind;
}

/** One file that differs, with its unified diff (golden → compiled). */
export interface FileDiff {
  readonly path: string;
  readonly change: ChangeKind;
  /** The unified diff text. */
  readonly patch: string;
  /** Lines added and removed. */
  readonly added: number;
  readonly removed: number;
}

/** The whole comparison. */
export interface DiffResult {
  readonly identical: boolean;
  /** Every proxy on either side with what happened to it. */
  readonly proxies: readonly { readonly name: string; readonly change: ChangeKind | 'unchanged' }[];
  readonly changes: readonly ResourceChange[];
  readonly files: readonly FileDiff[];
}

type Json = Record<string, unknown>;

/** Compares golden files with compiled ones. Paths are `<proxy>/<file>`. */
export function diffOutputs(golden: OutputFiles, actual: OutputFiles, goldenLabel = 'golden', actualLabel = 'compiled'): DiffResult {
  const paths = [...new Set([...golden.keys(), ...actual.keys()])].sort();
  const files: FileDiff[] = [];
  for (const path of paths) {
    const a = golden.get(path);
    const b = actual.get(path);
    if (a === b) continue;
    const change: ChangeKind = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
    const patch = createTwoFilesPatch(`${goldenLabel}/${path}`, `${actualLabel}/${path}`, a ?? '', b ?? '', '', '', { context: 3 });
    let added = 0;
    let removed = 0;
    for (const hunk of structuredPatch('', '', a ?? '', b ?? '', '', '', { context: 0 }).hunks) {
      for (const line of hunk.lines) {
        if (line.startsWith('+')) added++;
        else if (line.startsWith('-')) removed++;
      }
    }
    files.push({ path, change, patch, added, removed });
  }

  const proxyNames = [...new Set(paths.map(proxyOf))].sort();
  const changes: ResourceChange[] = [];
  const proxies = proxyNames.map((proxy) => {
    const inGolden = [...golden.keys()].some((p) => proxyOf(p) === proxy);
    const inActual = [...actual.keys()].some((p) => proxyOf(p) === proxy);
    const before = resourcesOf(golden, proxy);
    const after = resourcesOf(actual, proxy);
    const mine = compareResources(proxy, before, after);
    changes.push(...mine);
    const changedFiles = files.some((f) => proxyOf(f.path) === proxy);
    const change: ChangeKind | 'unchanged' = !inGolden ? 'added' : !inActual ? 'removed' : changedFiles ? 'changed' : 'unchanged';
    return { name: proxy, change };
  });
  return { identical: files.length === 0, proxies, changes, files };
}

/**
 * What a file belongs to for a reviewer: its proxy (`reviews/bootstrap.json`),
 * or a folder of files that full-mesh sidecars share: `_mesh` for
 * `_mesh/cds.json`, `_mesh/<namespace>` for that namespace's route
 * configurations (`_mesh/<namespace>/<port>/rds.json`).
 */
function proxyOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === SHARED_DIR && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

/** The resources of a proxy (or shared folder) by `kind|name`, each as canonical JSON for comparison. */
function resourcesOf(files: OutputFiles, proxy: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of files) {
    if (proxyOf(path) !== proxy) continue;
    let doc: Json;
    try {
      doc = (path.endsWith('.yaml') ? parseYaml(text) : JSON.parse(text)) as Json;
    } catch {
      // An unparsable golden is still compared as a file; it just has no resources.
      continue;
    }
    collect(doc, out);
  }
  return out;
}

function collect(doc: Json, out: Map<string, string>): void {
  if (Array.isArray(doc['resources'])) {
    for (const r of doc['resources'] as Json[]) {
      const { ['@type']: type, ...rest } = r;
      if (String(type).endsWith('.Listener')) addListener(rest, out);
      else if (String(type).endsWith('.Cluster')) addCluster(rest, out);
      else if (String(type).endsWith('.RouteConfiguration')) addRouteConfig(rest, out);
    }
    return;
  }
  const { static_resources: st, ...bootstrap } = doc;
  out.set('bootstrap|bootstrap', JSON.stringify(bootstrap));
  const s = (st ?? {}) as { listeners?: Json[]; clusters?: Json[] };
  for (const l of s.listeners ?? []) addListener(l, out);
  for (const c of s.clusters ?? []) addCluster(c, out);
}

/** A listener is compared without its inline routes, which are compared one by one. */
function addListener(listener: Json, out: Map<string, string>): void {
  const copy = structuredClone(listener) as Json;
  for (const chain of (copy['filter_chains'] as Json[] | undefined) ?? []) {
    for (const filter of (chain['filters'] as Json[] | undefined) ?? []) {
      const rc = (filter['typed_config'] as Json | undefined)?.['route_config'] as Json | undefined;
      if (rc) takeRoutes(rc, out);
    }
  }
  out.set(`listener|${String(listener['name'])}`, JSON.stringify(copy));
}

/** A route configuration of an RDS file: its routes one by one, the rest (virtual hosts, domains) as one resource. */
function addRouteConfig(config: Json, out: Map<string, string>): void {
  const copy = structuredClone(config) as Json;
  takeRoutes(copy, out);
  out.set(`route|${String(config['name'])}`, JSON.stringify(copy));
}

/** Records each route of a route configuration and leaves only the routes' names in it. */
function takeRoutes(rc: Json, out: Map<string, string>): void {
  for (const vh of (rc['virtual_hosts'] as Json[] | undefined) ?? []) {
    const routes = (vh['routes'] as Json[] | undefined) ?? [];
    routes.forEach((r, i) => {
      out.set(`route|${String(rc['name'])} / ${String(vh['name'])} / ${String(r['name'] ?? `#${i}`)}`, JSON.stringify(r));
    });
    vh['routes'] = routes.map((r, i) => r['name'] ?? `#${i}`);
  }
}

/** A cluster is compared without its endpoints, which are a resource of their own to a reviewer. */
function addCluster(cluster: Json, out: Map<string, string>): void {
  const { load_assignment: endpoints, ...rest } = cluster;
  out.set(`cluster|${String(cluster['name'])}`, JSON.stringify(rest));
  if (endpoints !== undefined) out.set(`endpoints|${String(cluster['name'])}`, JSON.stringify(endpoints));
}

const KIND_ORDER: readonly ResourceKind[] = ['bootstrap', 'listener', 'route', 'cluster', 'endpoints'];

function compareResources(proxy: string, before: Map<string, string>, after: Map<string, string>): ResourceChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const out: ResourceChange[] = [];
  for (const key of keys) {
    const a = before.get(key);
    const b = after.get(key);
    if (a === b) continue;
    const bar = key.indexOf('|');
    out.push({
      proxy,
      kind: key.slice(0, bar) as ResourceKind,
      name: key.slice(bar + 1),
      change: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
    });
  }
  return out.sort(
    (x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
  );
}
