/** Deterministic serialization: the same resources always give the same bytes. */
import { createHash } from 'node:crypto';
import { stringify as yamlStringify } from 'yaml';
import { SHARED_DIR } from './layout.js';
import {
  byName,
  discoveryResponse,
  inlineRouteConfigs,
  isOutboundListener,
  staticBootstrap,
  withRds,
  XDS_TYPES,
  xdsBootstrap,
  type Json,
  type ProxyConfig,
  type XdsSource,
} from '../lower/index.js';

/** Output files by path relative to the output directory, e.g. `reviews/bootstrap.json`. */
export type OutputFiles = ReadonlyMap<string, string>;

/** `static`: one self-contained bootstrap per proxy; `xds`: bootstrap + LDS/CDS DiscoveryResponse files. */
export type OutputMode = 'static' | 'xds';
/** The file format of emitted config. */
export type OutputFormat = 'json' | 'yaml';

export interface EmitOptions {
  readonly mode?: OutputMode;
  readonly format?: OutputFormat;
  /** xds mode: the directory the proxy's files are deployed to, written into the bootstrap. Default `/etc/envoy`. */
  readonly configDir?: string;
}

/** The default deploy directory of xds-mode files on the proxy's machine. */
export const DEFAULT_CONFIG_DIR = '/etc/envoy';

/**
 * JSON as meshc writes it: 2-space indentation and a trailing newline. Key
 * order is the order the emitters built the objects in, which is fixed in
 * code, never the order of some map iteration.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** YAML with the same key order; long strings are never folded, so diffs stay line-stable. */
export function toYaml(value: unknown): string {
  return yamlStringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** One output file: its path relative to the output directory and its text. */
export type OutputFile = readonly [path: string, text: string];

export { SHARED_DIR } from './layout.js';

/**
 * The files of every proxy, produced lazily one proxy at a time:
 * `<proxy>/bootstrap.<format>` (static), plus `cds` and `lds` (xds). Each
 * text is made only when the consumer asks for the next file, so a consumer
 * that writes each file as it comes holds one file's text at a time, not the
 * whole output. This is the only serialization path: `emit` collects it.
 *
 * In xds mode, what full-mesh sidecars have in common is written once, first:
 * `_mesh/cds` (every outbound cluster of the mesh) and
 * `_mesh/<namespace>/<port>/rds` (each outbound route configuration of that
 * namespace's full-mesh sidecars, one per file). Such a sidecar's own files
 * are then its bootstrap (with its own clusters in static_resources) and its
 * `lds`, whose outbound listeners read their routes through RDS; so the
 * output grows linearly with the mesh.
 */
export function* emitEach(proxies: readonly ProxyConfig[], options: EmitOptions = {}): Generator<OutputFile, void, undefined> {
  const format = options.format ?? 'json';
  const write = format === 'json' ? toJson : toYaml;
  const mode = options.mode ?? 'static';
  const dir = (options.configDir ?? DEFAULT_CONFIG_DIR).replace(/\/+$/, '');
  if (mode === 'static') {
    for (const p of proxies) yield [`${p.name}/bootstrap.${format}`, write(staticBootstrap(p))];
    return;
  }
  const shared = sharedResources(proxies);
  const meshDir = `${dir}/${SHARED_DIR}`;
  // Every full-mesh sidecar reads this file, so it is there whenever one exists.
  if (shared.routes.size > 0) yield [`${SHARED_DIR}/cds.${format}`, write(discoveryFile(XDS_TYPES.cds, shared.clusters))];
  // One file per route configuration: an RDS file answers one route_config_name (see withRds).
  for (const [namespace, configs] of shared.routes) {
    for (const config of configs) {
      yield [`${SHARED_DIR}/${namespace}/${String(config['name'])}/rds.${format}`, write(discoveryFile(XDS_TYPES.rds, [config]))];
    }
  }
  for (const p of proxies) {
    const lds = { path: `${dir}/lds.${format}`, dir };
    if (!p.shared) {
      yield [`${p.name}/bootstrap.${format}`, write(xdsBootstrap(p, { lds, cds: { path: `${dir}/cds.${format}`, dir } }))];
      yield [`${p.name}/cds.${format}`, write(discoveryFile(XDS_TYPES.cds, p.clusters))];
      yield [`${p.name}/lds.${format}`, write(discoveryFile(XDS_TYPES.lds, p.listeners))];
      continue;
    }
    const own = [...p.clusters.filter((c) => !shared.clusterSet.has(c)), ...p.bootstrapClusters].sort(byName);
    const cds = { path: `${meshDir}/cds.${format}`, dir: meshDir };
    const rdsDir = (name: string): string => `${meshDir}/${p.shared!.namespace}/${name}`;
    const rds = (name: string): XdsSource => ({ path: `${rdsDir(name)}/rds.${format}`, dir: rdsDir(name) });
    yield [`${p.name}/bootstrap.${format}`, write(xdsBootstrap(p, { lds, cds }, own))];
    const listeners = p.listeners.map((l) => (isOutboundListener(l) ? withRds(l, rds) : l));
    yield [`${p.name}/lds.${format}`, write(discoveryFile(XDS_TYPES.lds, listeners))];
  }
}

/** The xds resources full-mesh sidecars share: every outbound cluster, and each namespace's outbound route configurations. */
interface SharedResources {
  readonly clusters: readonly Json[];
  readonly clusterSet: ReadonlySet<Json>;
  /** By namespace, sorted; each namespace's route configurations sorted by name. */
  readonly routes: ReadonlyMap<string, readonly Json[]>;
}

/**
 * Collects the shared resources from the full-mesh sidecars, and checks that
 * they really are the same in each: the one cluster array, and per namespace
 * and port one route configuration (the same virtual host objects).
 * Sidecars differ only in which ports they have a listener on (none on a
 * port that only their own service uses), so the routes are their union.
 */
function sharedResources(proxies: readonly ProxyConfig[]): SharedResources {
  let clusters: readonly Json[] | undefined;
  const byNamespace = new Map<string, Map<string, Json>>();
  for (const p of proxies) {
    if (!p.shared) continue;
    if (clusters === undefined) clusters = p.shared.clusters;
    else if (clusters !== p.shared.clusters) throw new Error(`full-mesh sidecar ${p.name} does not share the mesh's clusters`);
    let configs = byNamespace.get(p.shared.namespace);
    if (!configs) byNamespace.set(p.shared.namespace, (configs = new Map()));
    for (const listener of p.listeners) {
      if (!isOutboundListener(listener)) continue;
      for (const config of inlineRouteConfigs(listener)) {
        const name = String(config['name']);
        const seen = configs.get(name);
        if (!seen) configs.set(name, config);
        else if (!sameRouteConfig(seen, config)) throw new Error(`full-mesh sidecar ${p.name} has its own route configuration ${name}`);
      }
    }
  }
  const routes = new Map(
    [...byNamespace.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([ns, configs]) => [ns, [...configs.values()].sort(byName)] as const),
  );
  return { clusters: clusters ?? [], clusterSet: new Set(clusters), routes };
}

/** Route configurations with the same name and the same virtual host objects (they are shared per caller namespace). */
function sameRouteConfig(a: Json, b: Json): boolean {
  if (a === b) return true;
  const x = a['virtual_hosts'] as readonly Json[];
  const y = b['virtual_hosts'] as readonly Json[];
  return Object.keys(a).length === 2 && Object.keys(b).length === 2 && x.length === y.length && x.every((vh, i) => vh === y[i]);
}

/** Every file at once, in `emitEach` order: for callers that need them all (diff, tests, `--stdout`). */
export function emit(proxies: readonly ProxyConfig[], options: EmitOptions = {}): OutputFiles {
  return new Map(emitEach(proxies, options));
}

/** The static-mode files in JSON: what golden files and `--stdout` hold. */
export function emitStatic(proxies: readonly ProxyConfig[]): OutputFiles {
  return emit(proxies, { mode: 'static', format: 'json' });
}

/** A DiscoveryResponse whose version_info is a hash of its resources, so it changes exactly when they do. */
function discoveryFile(type: string, resources: readonly Json[]): Json {
  const hash = createHash('sha256').update(type).update(JSON.stringify(resources)).digest('hex').slice(0, 16);
  return discoveryResponse(type, resources, hash);
}
