/**
 * MeshIr: the whole mesh after checking, as readonly plain data (design rule 6).
 *
 * Everything here is resolved: references are keys, defaults are applied,
 * splits are expanded into weighted clusters and durations are milliseconds.
 * Lowering reads nothing else. Elements carry the span of the policy they came
 * from so that a late error can still point at the user's line.
 */
import type { Span } from '../source/index.js';

/** `name.namespace` of a service. */
export type ServiceKey = string;

/** The compiled mesh. */
export interface MeshIr {
  /** Mesh-wide settings, every default filled in. */
  readonly settings: MeshSettingsIr;
  /** Every service, external ones included, sorted by key. */
  readonly services: readonly ServiceIr[];
  /** Every sidecar proxy to generate, sorted by proxy name. */
  readonly sidecars: readonly SidecarIr[];
}

/** Where workload certificates come from. */
export type CertificateSourceIr =
  | {
      /** SDS from a local agent (SPIRE-style) over a Unix socket. */
      readonly kind: 'sds';
      /** Path of the agent's Unix socket. */
      readonly socket: string;
    }
  | {
      /** PEM files on the proxy's disk. */
      readonly kind: 'files';
      /** The workload certificate chain. */
      readonly certificateChain: string;
      /** The workload private key. */
      readonly privateKey: string;
      /** The trust domain's CA bundle. */
      readonly trustedCA: string;
    };

/** A retry policy. */
export interface RetriesIr {
  /** Number of retries after the first try (Envoy's num_retries). */
  readonly attempts: number;
  /** Conditions that trigger a retry, in Envoy's `retry_on` vocabulary, in the user's order. */
  readonly on: readonly string[];
  /** Timeout of each try in milliseconds, if set. */
  readonly perTryTimeoutMs?: number;
  /** Exponential backoff, if set. */
  readonly backoff?: {
    /** Base interval in milliseconds. */
    readonly baseMs: number;
    /** Maximum interval in milliseconds, if set. */
    readonly maxMs?: number;
  };
}

/** The Mesh resource with all defaults applied. */
export interface MeshSettingsIr {
  /** SPIFFE trust domain. */
  readonly trustDomain: string;
  /** DNS suffix of service FQDNs: `<name>.<namespace>.<domain>`. */
  readonly domain: string;
  /** mTLS between sidecars. */
  readonly mtls: 'strict' | 'permissive' | 'disabled';
  /** Source of workload certificates. */
  readonly certificates: CertificateSourceIr;
  /** Admin port, bound to 127.0.0.1. */
  readonly adminPort: number;
  /** Port every sidecar accepts mesh traffic on (0.0.0.0). */
  readonly inboundPort: number;
  /** Address the outbound listeners bind to, where the app reaches its upstreams. */
  readonly outboundAddress: string;
  /** Route timeout where a rule sets none, in milliseconds. */
  readonly timeoutMs: number;
  /** Cluster connect timeout where a policy sets none, in milliseconds. */
  readonly connectTimeoutMs: number;
  /** Retries where a rule sets none. */
  readonly retries: RetriesIr;
  /** The Mesh resource's span, if there was one. */
  readonly span?: Span;
}

/** One static endpoint of a service. */
export interface EndpointIr {
  /** IP address. */
  readonly address: string;
  /** Labels that subsets select on. */
  readonly labels: Readonly<Record<string, string>>;
  /** Zone for locality-aware balancing, if given. */
  readonly zone?: string;
  /** Load-balancing weight, if given. */
  readonly weight?: number;
}

/** How a service's instances are found. */
export type DiscoveryIr =
  | {
      /** A fixed list of addresses (Envoy STATIC). */
      readonly kind: 'static';
      /** Every endpoint, in input order. */
      readonly endpoints: readonly EndpointIr[];
    }
  | {
      /** A DNS name that resolves to the instances (Envoy STRICT_DNS). */
      readonly kind: 'dns';
      /** The host name. */
      readonly host: string;
    };

/** A named label selector over a service's endpoints. */
export interface SubsetIr {
  /** Subset name, unique within its service. */
  readonly name: string;
  /** The endpoints it selects, in input order. */
  readonly endpoints: readonly EndpointIr[];
}

/** A service of the mesh. */
export interface ServiceIr {
  /** `name.namespace`. */
  readonly key: ServiceKey;
  /** metadata.name. */
  readonly name: string;
  /** metadata.namespace. */
  readonly namespace: string;
  /** `<name>.<namespace>.<mesh domain>`. */
  readonly fqdn: string;
  /** Application protocol. */
  readonly protocol: 'http' | 'http2' | 'grpc' | 'tcp';
  /** Port callers use. */
  readonly port: number;
  /** Port the app listens on inside the workload (or, for an external service, on the remote host). */
  readonly targetPort: number;
  /** The workload's SPIFFE ID; undefined for external services. */
  readonly spiffeId?: string;
  /** True for destinations outside the mesh: no sidecar, no mesh mTLS. */
  readonly external: boolean;
  /** SNI for TLS origination to an external service, if it speaks TLS. */
  readonly tlsSni?: string;
  /** How the instances are found. */
  readonly discovery: DiscoveryIr;
  /** Named subsets, sorted by name. */
  readonly subsets: readonly SubsetIr[];
  /** The routing rules callers apply to traffic for this service, in order (one implicit catch-all without an HTTPRoute). */
  readonly routes: readonly RouteIr[];
  /** The Service resource's span. */
  readonly span: Span;
}

/** A reference to the cluster of a whole service or of one subset. */
export interface ClusterRefIr {
  /** The service. */
  readonly service: ServiceKey;
  /** The subset, or undefined for the whole service. */
  readonly subset?: string;
}

/** A share of a route's traffic. */
export interface WeightedClusterIr {
  /** Where it goes. */
  readonly cluster: ClusterRefIr;
  /** Integer weight; the weights of one route are in proportion to the user's percentages. */
  readonly weight: number;
}

/** How a string is matched. */
export type StringMatchIr =
  | { readonly kind: 'exact' | 'prefix' | 'suffix' | 'regex'; readonly value: string }
  | {
      /** Matches when the header or parameter is there, whatever its value. */
      readonly kind: 'present';
    };

/** One alternative of a rule's match list: every field must match. */
export interface MatchIr {
  /** Path match; undefined matches every path. */
  readonly path?: { readonly kind: 'exact' | 'prefix' | 'regex'; readonly value: string };
  /** HTTP method, if constrained. */
  readonly method?: string;
  /** Header matches, in input order. */
  readonly headers: readonly { readonly name: string; readonly match: StringMatchIr }[];
  /** Query parameter matches, in input order. */
  readonly query: readonly { readonly name: string; readonly match: StringMatchIr }[];
}

/** One routing rule. */
export interface RouteIr {
  /** The rule's name, or `rule-<index>` (`default` for the implicit rule). */
  readonly name: string;
  /** Alternatives (OR); an empty list matches every request. */
  readonly matches: readonly MatchIr[];
  /** Weighted clusters after TrafficSplit expansion, in the order the user wrote them, merged, weights > 0. */
  readonly clusters: readonly WeightedClusterIr[];
  /** Route timeout in milliseconds (0 disables it). */
  readonly timeoutMs: number;
  /** Retry policy; undefined means no retries. */
  readonly retries?: RetriesIr;
  /** The span of the rule (or of the Service, for the implicit rule). */
  readonly span: Span;
}

/** A sidecar proxy to generate. */
export interface SidecarIr {
  /** Proxy name: the service name, or `name.namespace` outside `default`. */
  readonly name: string;
  /** The service it fronts. */
  readonly service: ServiceKey;
  /** Services it gets a virtual host (HTTP) or a listener (TCP) for, sorted. */
  readonly upstreams: readonly ServiceKey[];
  /** Every outbound cluster its routes can send to, sorted by service then subset. */
  readonly clusters: readonly ClusterRefIr[];
}
