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

/** Where an xds-mode proxy finds its LDS and CDS files. */
export interface XdsPaths {
  /** The directory the files are deployed to on the proxy's machine (watched for replacements). */
  readonly dir: string;
  readonly lds: string;
  readonly cds: string;
}

/**
 * A bootstrap whose listeners and clusters come from files beside it
 * (Envoy's filesystem subscription). The directory is watched, so replacing
 * a file by rename makes Envoy reload it.
 */
export function xdsBootstrap(proxy: ProxyConfig, paths: XdsPaths): Json {
  const source = (path: string): Json => ({
    resource_api_version: 'V3',
    path_config_source: { path, watched_directory: { path: paths.dir } },
  });
  return {
    node: proxy.node,
    admin: proxy.admin,
    ...(proxy.bootstrapClusters.length > 0 ? { static_resources: { clusters: proxy.bootstrapClusters } } : {}),
    dynamic_resources: { lds_config: source(paths.lds), cds_config: source(paths.cds) },
  };
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
export const XDS_TYPES = { lds: T.Listener, cds: T.Cluster } as const;
