/** The Bootstrap: how a proxy's resources are handed to Envoy (static mode). */
import type { Json } from './envoy.js';
import type { ProxyConfig } from './proxy.js';

/** A self-contained bootstrap with every listener and cluster in static_resources. */
export function staticBootstrap(proxy: ProxyConfig): Json {
  return {
    node: proxy.node,
    admin: proxy.admin,
    static_resources: { listeners: proxy.listeners, clusters: proxy.clusters },
  };
}
