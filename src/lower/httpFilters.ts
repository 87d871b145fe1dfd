/**
 * HTTP filters as small plug-ins (design rule 7). Each plug-in decides
 * whether it applies to a connection manager and returns its filter; the
 * order of HTTP_FILTERS is the order in the filter chain, router last.
 */
import type { MeshIr, ServiceIr, SidecarIr } from '../ir/index.js';
import { T, typedExtension, type Json } from './envoy.js';

/** What a plug-in may look at when a connection manager is built. */
export interface HttpFilterContext {
  readonly ir: MeshIr;
  readonly sidecar: SidecarIr;
  /** `inbound`: in front of the sidecar's own app; `outbound`: towards upstreams. */
  readonly direction: 'inbound' | 'outbound';
  /** The service the sidecar fronts. */
  readonly service: ServiceIr;
}

/** One HTTP filter. */
export interface HttpFilterPlugin {
  /** The filter's Envoy name. */
  readonly name: string;
  /** The filter, or undefined when it does not apply here. */
  build(ctx: HttpFilterContext): Json | undefined;
}

/** The router: always present, always last. */
const router: HttpFilterPlugin = {
  name: 'envoy.filters.http.router',
  build: () => typedExtension('envoy.filters.http.router', T.Router),
};

/** Every HTTP filter meshc knows, in chain order. */
export const HTTP_FILTERS: readonly HttpFilterPlugin[] = [router];

/** The filters of one connection manager. */
export function httpFilters(ctx: HttpFilterContext): Json[] {
  const out: Json[] = [];
  for (const plugin of HTTP_FILTERS) {
    const f = plugin.build(ctx);
    if (f) out.push(f);
  }
  return out;
}
