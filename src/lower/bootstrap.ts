/** The Bootstrap: how a proxy's resources are handed to Envoy, in each output mode. */
import { T, typeUrl, type Json } from './envoy.js';
import { byName, type ProxyConfig } from './proxy.js';

/** A self-contained bootstrap with every listener and cluster in static_resources. */
export function staticBootstrap(proxy: ProxyConfig): Json {
  return {
    node: proxy.node,
    admin: proxy.admin,
    static_resources: {
      listeners: proxy.listeners,
      clusters: [...proxy.clusters, ...proxy.bootstrapClusters].sort(byName),
    },
  };
}

/** A file an xds-mode proxy reads resources from, on the proxy's machine. */
export interface XdsSource {
  readonly path: string;
  /** The directory watched for the file's replacement (by rename). */
  readonly dir: string;
}

/** Where an xds-mode proxy finds its LDS and CDS files. */
export interface XdsPaths {
  readonly lds: XdsSource;
  readonly cds: XdsSource;
}

/** Envoy's filesystem subscription to one file. */
export function fileConfigSource(source: XdsSource): Json {
  return {
    resource_api_version: 'V3',
    path_config_source: { path: source.path, watched_directory: { path: source.dir } },
  };
}

/**
 * A bootstrap whose listeners and clusters come from files (Envoy's
 * filesystem subscription). The directories are watched, so replacing a file
 * by rename makes Envoy reload it. `staticClusters` are the clusters that
 * stay in the bootstrap: the proxy's `bootstrapClusters`, and for a sidecar
 * whose CDS file is shared, its own clusters.
 */
export function xdsBootstrap(proxy: ProxyConfig, paths: XdsPaths, staticClusters: readonly Json[] = proxy.bootstrapClusters): Json {
  return {
    node: proxy.node,
    admin: proxy.admin,
    ...(staticClusters.length > 0 ? { static_resources: { clusters: staticClusters } } : {}),
    dynamic_resources: { lds_config: fileConfigSource(paths.lds), cds_config: fileConfigSource(paths.cds) },
  };
}

/**
 * A listener whose HTTP connection managers read their route configuration
 * through RDS, from the file `sourceOf` names for it, instead of holding it
 * inline. Envoy's filesystem subscription hands a whole file to one
 * `route_config_name` and accepts exactly one RouteConfiguration of that
 * name, so each route configuration needs a file of its own. The listener is
 * copied where it changes; the original (possibly shared) is left as it is.
 */
export function withRds(listener: Json, sourceOf: (routeConfigName: string) => XdsSource): Json {
  const chains = listener['filter_chains'] as Json[] | undefined;
  if (!chains) return listener;
  return {
    ...listener,
    filter_chains: chains.map((chain) => ({
      ...chain,
      filters: (chain['filters'] as Json[]).map((filter) => {
        const config = filter['typed_config'] as Json | undefined;
        const routes = config?.['route_config'] as Json | undefined;
        if (!config || !routes) return filter;
        // Same key order as the inline form: `rds` where `route_config` was.
        const typed: Json = {};
        for (const [k, v] of Object.entries(config)) {
          if (k !== 'route_config') {
            typed[k] = v;
            continue;
          }
          const name = String(routes['name']);
          typed['rds'] = { config_source: fileConfigSource(sourceOf(name)), route_config_name: name };
        }
        return { ...filter, typed_config: typed };
      }),
    })),
  };
}

/** The route configurations a listener holds inline. */
export function inlineRouteConfigs(listener: Json): Json[] {
  const out: Json[] = [];
  for (const chain of (listener['filter_chains'] as Json[] | undefined) ?? []) {
    for (const filter of (chain['filters'] as Json[] | undefined) ?? []) {
      const routes = (filter['typed_config'] as Json | undefined)?.['route_config'] as Json | undefined;
      if (routes) out.push(routes);
    }
  }
  return out;
}

/** A DiscoveryResponse holding resources of one type, as an xDS server would send it. */
export function discoveryResponse(type: string, resources: readonly Json[], versionInfo: string): Json {
  const url = typeUrl(type);
  return {
    version_info: versionInfo,
    type_url: url,
    resources: resources.map((r) => ({ '@type': url, ...r })),
  };
}

/** The resource types of the xDS files. */
export const XDS_TYPES = { lds: T.Listener, cds: T.Cluster, rds: T.RouteConfiguration } as const;
