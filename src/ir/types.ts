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
  /** Every gateway proxy to generate, sorted by proxy name. */
  readonly gateways: readonly GatewayIr[];
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
  /** Per-namespace overrides of `mtls` (Mesh `mtls.namespaces`), by namespace; each service's resolved mode is `ServiceIr.mtls`. */
  readonly mtlsNamespaces: Readonly<Record<string, MtlsModeIr>>;
  /** Access logs, tracing and metrics of every proxy. */
  readonly observability: ObservabilityIr;
  /** The SDS agent's socket: the Mesh's `certificates.sds.socket`, or the default one when the mesh uses files (gateway SDS certificates come from it). */
  readonly sdsSocket: string;
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
  /** The policy of this subset's cluster: its TrafficPolicy over the service's, field by field. */
  readonly policy: ClusterPolicyIr;
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
  /**
   * The mTLS mode of this service's inbound listener: its namespace's override or the mesh mode.
   * Callers originate mTLS to it unless it is `disabled`. Always `disabled` for external services.
   */
  readonly mtls: MtlsModeIr;
  /** Who may call it (AuthorizationPolicies that select it), or undefined when no policy does: everything is allowed. */
  readonly authorization?: AuthorizationIr;
  /** JWT validation at its inbound (its RequestAuthentication), if any. */
  readonly jwt?: JwtIr;
  /** The policy of the whole-service cluster: its TrafficPolicy (without subset) over the defaults. */
  readonly policy: ClusterPolicyIr;
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
  /** What a matching request gets: forwarded to clusters, or redirected. */
  readonly action: RouteActionIr;
  /** Header changes on the request and the response, if any. */
  readonly headers?: HeaderChangesIr;
  /** Fault injection (per-route config of the fault filter), if any. */
  readonly fault?: FaultIr;
  /** CORS policy (per-route config of the CORS filter), if any. */
  readonly cors?: CorsIr;
  /** Local rate limit (per-route token bucket of the local_ratelimit filter), if any. */
  readonly rateLimit?: RateLimitIr;
  /** The span of the rule (or of the Service, for the implicit rule). */
  readonly span: Span;
}

/** A route's action. */
export type RouteActionIr = ForwardIr | RedirectIr;

/** Forward the request upstream. */
export interface ForwardIr {
  /** Discriminant. */
  readonly kind: 'forward';
  /** Weighted clusters after TrafficSplit expansion, in the order the user wrote them, merged, weights > 0. */
  readonly clusters: readonly WeightedClusterIr[];
  /** Route timeout in milliseconds (0 disables it). */
  readonly timeoutMs: number;
  /** Retry policy; undefined means no retries. */
  readonly retries?: RetriesIr;
  /** Path rewrite, if any. */
  readonly pathRewrite?: PathRewriteIr;
  /** Host header rewrite, if any. */
  readonly hostRewrite?: string;
  /** A copy of the requests sent elsewhere, if any. */
  readonly mirror?: MirrorIr;
  /** Hash policies of the clusters this route leads to (ring-hash/maglev), distinct, in cluster order. */
  readonly hashPolicies: readonly HashPolicyIr[];
}

/** Answer with a redirect; every unset part keeps the request's. */
export interface RedirectIr {
  /** Discriminant. */
  readonly kind: 'redirect';
  /** New scheme, if set. */
  readonly scheme?: 'http' | 'https';
  /** New host, if set. */
  readonly host?: string;
  /** New path, if set. */
  readonly path?: string;
  /** New port, if set. */
  readonly port?: number;
  /** HTTP status of the redirect. */
  readonly status: 301 | 302 | 303 | 307 | 308;
}

/** A path rewrite. */
export type PathRewriteIr =
  | {
      /** Replace the matched prefix. */
      readonly kind: 'prefix';
      /** The replacement. */
      readonly prefix: string;
    }
  | {
      /** Regex substitution on the path. */
      readonly kind: 'regex';
      /** RE2 pattern. */
      readonly regex: string;
      /** Replacement; `\1` … are capture groups. */
      readonly substitution: string;
    };

/** Request mirroring. */
export interface MirrorIr {
  /** The cluster that receives the copies. */
  readonly cluster: ClusterRefIr;
  /** Percentage of requests mirrored (0 to 100, fractions allowed). */
  readonly percent: number;
}

/** Header changes on a request or response. */
export interface HeaderOpsIr {
  /** Headers set, replacing existing values, in input order. */
  readonly set: readonly { readonly name: string; readonly value: string }[];
  /** Headers appended, keeping existing values, in input order. */
  readonly add: readonly { readonly name: string; readonly value: string }[];
  /** Headers removed, in input order. */
  readonly remove: readonly string[];
}

/** Header changes of a rule. */
export interface HeaderChangesIr {
  /** On the request, if any. */
  readonly request?: HeaderOpsIr;
  /** On the response, if any. */
  readonly response?: HeaderOpsIr;
}

/** Fault injection of a rule. */
export interface FaultIr {
  /** Fixed delay, if any. */
  readonly delay?: {
    /** The delay in milliseconds. */
    readonly fixedMs: number;
    /** Percentage of requests delayed. */
    readonly percent: number;
  };
  /** Abort, if any. */
  readonly abort?: {
    /** HTTP status returned. */
    readonly status: number;
    /** Percentage of requests aborted. */
    readonly percent: number;
  };
}

/** How an allowed CORS origin is matched. */
export type OriginMatchIr = {
  /** `exact` origin, `suffix` for `*.example.com`, `regex` for `*` and other wildcards. */
  readonly kind: 'exact' | 'suffix' | 'regex';
  /** The string or RE2 pattern. */
  readonly value: string;
};

/** A CORS policy. */
export interface CorsIr {
  /** Allowed origins, in input order. */
  readonly allowOrigins: readonly OriginMatchIr[];
  /** Allowed methods, in input order (empty: Envoy's default). */
  readonly allowMethods: readonly string[];
  /** Allowed request headers (empty: none listed). */
  readonly allowHeaders: readonly string[];
  /** Exposed response headers (empty: none listed). */
  readonly exposeHeaders: readonly string[];
  /** Preflight cache time in seconds, if set. */
  readonly maxAgeSeconds?: number;
  /** Whether credentials may be sent. */
  readonly allowCredentials: boolean;
}

/** A local rate limit: a token bucket per proxy and route. */
export interface RateLimitIr {
  /** Tokens in the bucket and tokens added per period. */
  readonly requests: number;
  /** The refill period in milliseconds. */
  readonly perMs: number;
}

/** What a ring-hash or maglev cluster hashes on. */
export type HashPolicyIr =
  | {
      /** A request header. */
      readonly kind: 'header';
      /** Its lowercase name. */
      readonly header: string;
    }
  | {
      /** A cookie. */
      readonly kind: 'cookie';
      /** Its name. */
      readonly name: string;
      /** With a TTL, the proxy sets the cookie when it is missing; in milliseconds. */
      readonly ttlMs?: number;
    }
  | {
      /** The client's IP address. */
      readonly kind: 'sourceIP';
    };

/** A cluster's resolved TrafficPolicy. Sections the user did not write are absent (Envoy's defaults apply). */
export interface ClusterPolicyIr {
  /** Connect timeout in milliseconds. */
  readonly connectTimeoutMs: number;
  /** Load-balancing algorithm. */
  readonly algorithm: 'round-robin' | 'least-request' | 'random' | 'ring-hash' | 'maglev';
  /** What to hash (ring-hash and maglev only), if set. */
  readonly hash?: HashPolicyIr;
  /** Circuit-breaker thresholds, if set (each defaulted). */
  readonly circuitBreaker?: {
    /** Maximum connections. */
    readonly maxConnections: number;
    /** Maximum pending requests. */
    readonly maxPendingRequests: number;
    /** Maximum parallel requests. */
    readonly maxRequests: number;
    /** Maximum parallel retries. */
    readonly maxRetries: number;
  };
  /** Outlier detection, if set (each field defaulted). */
  readonly outlierDetection?: {
    /** Consecutive 5xx answers that eject an endpoint. */
    readonly consecutive5xx: number;
    /** Time between sweeps in milliseconds. */
    readonly intervalMs: number;
    /** Base ejection time in milliseconds. */
    readonly baseEjectionTimeMs: number;
    /** Maximum percentage of endpoints ejected. */
    readonly maxEjectionPercent: number;
  };
  /** Active health checking, if set. */
  readonly healthCheck?: HealthCheckIr;
  /** HTTP connection pool settings, if set. */
  readonly connection?: {
    /** Idle timeout in milliseconds. */
    readonly idleTimeoutMs: number;
    /** Requests per connection, if limited. */
    readonly maxRequestsPerConnection?: number;
  };
}

/** An active health check. */
export interface HealthCheckIr {
  /** HTTP GET of a path (200 is healthy) or a TCP connect. */
  readonly check: { readonly kind: 'http'; readonly path: string } | { readonly kind: 'tcp' };
  /** Time between checks in milliseconds. */
  readonly intervalMs: number;
  /** Timeout of one check in milliseconds. */
  readonly timeoutMs: number;
  /** Successes before healthy. */
  readonly healthyThreshold: number;
  /** Failures before unhealthy. */
  readonly unhealthyThreshold: number;
}

/** A gateway proxy. */
export interface GatewayIr {
  /** Proxy name: `gateway-<name>`, or `gateway-<name>.<namespace>` outside `default`. */
  readonly name: string;
  /** `name.namespace` of the Gateway resource. */
  readonly key: string;
  /** The gateway's SPIFFE ID (`.../ns/<namespace>/sa/gateway-<name>`), the identity of its workload certificate. */
  readonly spiffeId: string;
  /** Its listeners, sorted by port, then by name. */
  readonly listeners: readonly GatewayListenerIr[];
  /** Every outbound cluster its routes and backends send to, sorted by service then subset. */
  readonly clusters: readonly ClusterRefIr[];
  /** Who may use its http/https listeners (the AuthorizationPolicies naming it), if any policy does. */
  readonly authorization?: AuthorizationIr;
  /** The same policies in the form for its tcp/tls listeners (HTTP attributes fail closed), if any. */
  readonly tcpAuthorization?: AuthorizationIr;
  /** JWT validation on its http/https listeners (its RequestAuthentication), if any. */
  readonly jwt?: JwtIr;
  /** The Gateway resource's span. */
  readonly span: Span;
}

/** One listener of a gateway. */
export interface GatewayListenerIr {
  /** Listener name, unique in the gateway. */
  readonly name: string;
  /** Port on 0.0.0.0. */
  readonly port: number;
  /** Protocol. */
  readonly protocol: 'http' | 'https' | 'tls' | 'tcp';
  /** Host names served (SNI for https/tls, domains for http); empty: any host. */
  readonly hosts: readonly string[];
  /** https: the server certificate and minimum TLS version. */
  readonly tls?: ServerTlsIr;
  /** http/https: the virtual hosts, from the HTTPRoutes on this gateway (or the https redirect), sorted by name. */
  readonly virtualHosts: readonly GatewayVirtualHostIr[];
  /** tls/tcp: the weighted clusters connections go to. */
  readonly clusters: readonly WeightedClusterIr[];
}

/** A virtual host of a gateway listener. */
export interface GatewayVirtualHostIr {
  /** `<route name>.<route namespace>`, or `redirect-to-https`. */
  readonly name: string;
  /** Host names it answers (the route's hosts this listener serves), `*` for any. */
  readonly domains: readonly string[];
  /** Its rules, in order. */
  readonly routes: readonly RouteIr[];
}

/** A server certificate of an https listener. */
export interface ServerTlsIr {
  /** From files, or an SDS secret of the mesh's agent. */
  readonly certificate:
    | {
        /** PEM files. */
        readonly kind: 'files';
        /** Certificate chain path. */
        readonly certificateChain: string;
        /** Private key path. */
        readonly privateKey: string;
      }
    | {
        /** SDS secret. */
        readonly kind: 'sds';
        /** Secret name. */
        readonly secret: string;
      };
  /** Minimum TLS version. */
  readonly minVersion: '1.0' | '1.1' | '1.2' | '1.3';
}

/** A sidecar proxy to generate. */
export interface SidecarIr {
  /** Proxy name: the service name, or `name.namespace` outside `default`. */
  readonly name: string;
  /** The service it fronts. */
  readonly service: ServiceKey;
  /** Services it gets a virtual host (HTTP) or a listener (TCP) for, sorted. */
  readonly upstreams: readonly ServiceKey[];
  /**
   * `upstreams` omitted: it sees every service of the mesh, its own included,
   * and its outbound clusters and route configurations are those of every
   * other full-mesh sidecar (of its namespace, for routes).
   */
  readonly fullMesh: boolean;
  /** Every outbound cluster its routes can send to (a full-mesh sidecar: every service's), sorted by service then subset. */
  readonly clusters: readonly ClusterRefIr[];
}

/** An mTLS mode of an inbound listener. */
export type MtlsModeIr = 'strict' | 'permissive' | 'disabled';

/** Access logs, tracing and metrics (Mesh `observability`); each part undefined when not configured. */
export interface ObservabilityIr {
  /** Access log of every connection manager and tcp_proxy, if configured. */
  readonly accessLog?: {
    /** One JSON object per line, or one line of text (field sets in docs/language.md). */
    readonly format: 'json' | 'text';
    /** The file written to (`/dev/stdout` allowed). */
    readonly path: string;
  };
  /** Distributed tracing, if configured. */
  readonly tracing?: TracingIr;
  /** The Prometheus scrape endpoint, if configured. */
  readonly prometheus?: {
    /** Port of the stats listener (0.0.0.0). */
    readonly port: number;
    /** The only path it answers (everything else is 404). */
    readonly path: string;
  };
}

/** Distributed tracing. */
export interface TracingIr {
  /** The tracer: OpenTelemetry (OTLP over gRPC) or Zipkin (HTTP JSON). */
  readonly provider: 'opentelemetry' | 'zipkin';
  /** Where spans are sent. */
  readonly collector:
    | {
        /** A mesh (or external) Service, reached through its whole-service outbound cluster. */
        readonly kind: 'service';
        /** The service. */
        readonly service: ServiceKey;
      }
    | {
        /** A host outside the mesh, reached through a cluster of its own (plaintext). */
        readonly kind: 'address';
        /** Host name or IP address (IPv6 without brackets). */
        readonly host: string;
        /** Port. */
        readonly port: number;
      };
  /** Percentage of requests sampled (0 to 100). */
  readonly samplingPercent: number;
}

/**
 * Who may call a service, resolved from every AuthorizationPolicy that selects
 * it (by `service`, or namespace-wide), with Istio's semantics: DENY rules are
 * checked first; when `allowEnforced`, a request that matches no ALLOW rule is
 * denied.
 */
export interface AuthorizationIr {
  /** Rules of DENY policies: a request matching any is denied. Policies sorted by (namespace, name), rules in order. */
  readonly deny: readonly AuthzRuleIr[];
  /** Rules of ALLOW policies: when `allowEnforced`, only requests matching one of them are allowed. */
  readonly allow: readonly AuthzRuleIr[];
  /** True when at least one ALLOW policy selects the service (even one whose rules match nothing). */
  readonly allowEnforced: boolean;
}

/** One rule of an AuthorizationPolicy, for one service: sources AND operations AND conditions. */
export interface AuthzRuleIr {
  /** Istio's policy id `ns[<namespace>]-policy[<name>]-rule[<index>]`: the key of the Envoy RBAC policy. */
  readonly id: string;
  /** Callers, any of which may match; undefined: any caller. */
  readonly sources?: readonly AuthzSourceIr[];
  /** Operations, any of which may match; undefined: any operation. Never empty (a rule that can never match is dropped). */
  readonly operations?: readonly AuthzOperationIr[];
  /** Conditions, all of which must match. */
  readonly conditions: readonly AuthzConditionIr[];
  /** The rule's span. */
  readonly span: Span;
}

/** A caller. */
export type AuthzSourceIr =
  | {
      /** The peer certificate's URI SAN (the caller's SPIFFE ID). */
      readonly kind: 'principal';
      /** `exact` for one identity, `prefix` for a namespace. */
      readonly match: 'exact' | 'prefix';
      /** The SPIFFE ID, or the prefix `spiffe://<trustDomain>/ns/<namespace>/`. */
      readonly value: string;
    }
  | {
      /** The directly connected peer's address is in a CIDR block. */
      readonly kind: 'ipBlock';
      /** The block's address. */
      readonly address: string;
      /** Its prefix length (32 or 128 when the block is a single address). */
      readonly prefixLen: number;
    };

/** An operation: methods AND paths AND ports (each undefined: any). */
export interface AuthzOperationIr {
  /** Destination ports, any of which may match: only at gateways, which listen on the ports themselves (a sidecar's are resolved when the IR is built). */
  readonly ports?: readonly number[];
  /** Methods, any of which may match; undefined: any method. */
  readonly methods?: readonly string[];
  /** Path patterns, any of which may match; undefined: any path. */
  readonly paths?: readonly AuthzPathIr[];
}

/** A path pattern: `/a` exact, `/a/*` prefix, `*.png` suffix, `*` any. */
export type AuthzPathIr =
  | {
      /** How the path is compared. */
      readonly kind: 'exact' | 'prefix' | 'suffix';
      /** The text compared (without the `*`). */
      readonly value: string;
    }
  | {
      /** Every path. */
      readonly kind: 'any';
    };

/** A condition on the request. */
export interface AuthzConditionIr {
  /** A request header, or a claim of the JWT the jwt_authn filter validated. */
  readonly kind: 'header' | 'claim';
  /** The header or claim name. */
  readonly name: string;
  /** Accepted values (exact), any of which may match; for a list claim, any element. */
  readonly values: readonly string[];
}

/** JWT validation of one proxy's connection managers (a RequestAuthentication). */
export interface JwtIr {
  /** The providers, in the user's order; a token must be valid for one of them. */
  readonly providers: readonly JwtProviderIr[];
  /** True: a request without a valid token gets 401; false: a token is validated only when present. */
  readonly requireToken: boolean;
  /** The RequestAuthentication's span. */
  readonly span: Span;
}

/** A JWT issuer. */
export interface JwtProviderIr {
  /** Provider name, unique in its RequestAuthentication: the key in jwt_authn `providers`. */
  readonly name: string;
  /** Required `iss`. */
  readonly issuer: string;
  /** Accepted `aud` values; empty: any audience. */
  readonly audiences: readonly string[];
  /** Where the signing keys come from. */
  readonly jwks: JwksIr;
  /** Headers that carry the token, with the text before it. */
  readonly fromHeaders: readonly {
    /** Header name. */
    readonly name: string;
    /** Text before the token, if any. */
    readonly prefix?: string;
  }[];
  /** Claims copied into request headers, in the user's order. */
  readonly forwardClaims: readonly {
    /** The claim. */
    readonly claim: string;
    /** The header it is copied to. */
    readonly header: string;
  }[];
}

/** Where a provider's JWKS comes from. */
export type JwksIr =
  | {
      /** Fetched over HTTP(S) through a cluster for its host. */
      readonly kind: 'remote';
      /** The full URI. */
      readonly uri: string;
      /** Its host (IPv6 without brackets). */
      readonly host: string;
      /** Its port (default 443 for https, 80 for http). */
      readonly port: number;
      /** True for https: the cluster originates TLS, verifying the host against the system CAs. */
      readonly tls: boolean;
    }
  | {
      /** A file on the proxy's disk. */
      readonly kind: 'file';
      /** Its path. */
      readonly path: string;
    }
  | {
      /** The JWKS text itself. */
      readonly kind: 'inline';
      /** The JSON text. */
      readonly text: string;
    };
