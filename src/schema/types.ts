/**
 * The typed form of meshc resources, as the schemas in `schemas/` accept
 * them. These types are trusted only after schema validation succeeded.
 */
import type { ParsedDocument } from '../parse/index.js';

/** Every kind of the meshc language, v1. */
export const ALL_KINDS = [
  'Mesh',
  'Service',
  'HTTPRoute',
  'TrafficSplit',
  'TrafficPolicy',
  'AuthorizationPolicy',
  'RequestAuthentication',
  'Gateway',
] as const;
export type Kind = (typeof ALL_KINDS)[number];


export const API_VERSION = 'meshc.dev/v1';

/** A duration string such as `250ms`, `1.5s`, `2m`, `1h`. */
export type Duration = string;

export interface MeshSpec {
  trustDomain?: string;
  domain?: string;
  mtls?: { mode?: MtlsMode; namespaces?: Record<string, MtlsMode> };
  certificates?: {
    sds?: { socket: string };
    files?: { certificateChain: string; privateKey: string; trustedCA: string };
  };
  proxy?: { adminPort?: number; inboundPort?: number; outboundAddress?: string };
  defaults?: {
    timeout?: Duration;
    connectTimeout?: Duration;
    retries?: RetriesSpec;
  };
  observability?: ObservabilitySpec;
}

/** An mTLS mode of inbound listeners. */
export type MtlsMode = 'strict' | 'permissive' | 'disabled';

export interface ObservabilitySpec {
  accessLog?: { format?: 'json' | 'text'; path?: string };
  tracing?: { provider?: 'opentelemetry' | 'zipkin'; collector: string; samplingPercent?: number };
  metrics?: { prometheus?: { port?: number; path?: string } };
}

export interface AuthorizationPolicySpec {
  service?: string;
  gateway?: string;
  action?: 'allow' | 'deny';
  rules?: AuthorizationRuleSpec[];
}

export interface AuthorizationRuleSpec {
  from?: { service?: string; identity?: string; namespace?: string; ipBlock?: string }[];
  to?: { methods?: string[]; paths?: string[]; ports?: number[] }[];
  when?: { header?: string; claim?: string; values: string[] }[];
}

export interface RequestAuthenticationSpec {
  service?: string;
  gateway?: string;
  providers: JwtProviderSpec[];
  requireToken?: boolean;
}

export interface JwtProviderSpec {
  name: string;
  issuer: string;
  audiences?: string[];
  jwks: { uri?: string; file?: string; inline?: string };
  fromHeaders?: { name: string; prefix?: string }[];
  forwardClaims?: Record<string, string>;
}

export interface EndpointSpec {
  address: string;
  labels?: Record<string, string>;
  zone?: string;
  weight?: number;
}

export interface ServiceSpec {
  protocol?: 'http' | 'http2' | 'grpc' | 'tcp';
  port: number;
  targetPort?: number;
  identity?: string;
  endpoints?: EndpointSpec[];
  dns?: string;
  subsets?: Record<string, Record<string, string>>;
  upstreams?: string[];
  external?: boolean;
  tls?: { sni?: string };
}

export interface StringMatchSpec {
  exact?: string;
  prefix?: string;
  suffix?: string;
  regex?: string;
  present?: boolean;
}

export interface MatchSpec {
  path?: { exact?: string; prefix?: string; regex?: string };
  method?: string;
  headers?: Record<string, StringMatchSpec>;
  query?: Record<string, StringMatchSpec>;
}

export interface BackendSpec {
  service: string;
  subset?: string;
  weight?: number;
}

export interface RetriesSpec {
  attempts?: number;
  perTryTimeout?: Duration;
  on?: string[];
  backoff?: { base?: Duration; max?: Duration };
}

export interface RuleSpec {
  name?: string;
  match?: MatchSpec[];
  backends?: BackendSpec[];
  timeout?: Duration;
  retries?: RetriesSpec;
  fault?: FaultSpec;
  mirror?: MirrorSpec;
  rewrite?: RewriteSpec;
  headers?: { request?: HeaderOpsSpec; response?: HeaderOpsSpec };
  cors?: CorsSpec;
  rateLimit?: { requests: number; per: Duration };
  redirect?: RedirectSpec;
}

export interface FaultSpec {
  delay?: { fixed: Duration; percent?: number };
  abort?: { status: number; percent?: number };
}

export interface MirrorSpec {
  service: string;
  subset?: string;
  percent?: number;
}

export interface RewriteSpec {
  path?: { prefix?: string; regex?: string; substitution?: string };
  host?: string;
}

export interface HeaderOpsSpec {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

export interface CorsSpec {
  allowOrigins?: string[];
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  maxAge?: Duration;
  allowCredentials?: boolean;
}

export interface RedirectSpec {
  scheme?: 'http' | 'https';
  host?: string;
  path?: string;
  port?: number;
  status?: 301 | 302 | 303 | 307 | 308;
}

export interface TrafficPolicySpec {
  service: string;
  subset?: string;
  connectTimeout?: Duration;
  loadBalancer?: {
    algorithm?: 'round-robin' | 'least-request' | 'random' | 'ring-hash' | 'maglev';
    hash?: { header?: string; cookie?: { name: string; ttl?: Duration }; sourceIP?: true };
  };
  circuitBreaker?: { maxConnections?: number; maxPendingRequests?: number; maxRequests?: number; maxRetries?: number };
  outlierDetection?: { consecutive5xx?: number; interval?: Duration; baseEjectionTime?: Duration; maxEjectionPercent?: number };
  healthCheck?: {
    http?: { path?: string };
    tcp?: Record<string, never>;
    interval?: Duration;
    timeout?: Duration;
    healthyThreshold?: number;
    unhealthyThreshold?: number;
  };
  connection?: { idleTimeout?: Duration; maxRequestsPerConnection?: number };
}

export interface GatewayListenerSpec {
  name: string;
  port: number;
  protocol: 'http' | 'https' | 'tls' | 'tcp';
  hosts?: string[];
  tls?: { certificateChain?: string; privateKey?: string; sds?: { secret: string }; minVersion?: '1.0' | '1.1' | '1.2' | '1.3' };
  redirectToHttps?: boolean;
  backend?: { service: string; subset?: string };
}

export interface GatewaySpec {
  listeners: GatewayListenerSpec[];
}

export interface HTTPRouteSpec {
  service?: string;
  gateway?: string;
  hosts?: string[];
  rules: RuleSpec[];
}

export interface TrafficSplitSpec {
  service: string;
  backends: { service?: string; subset?: string; weight: number }[];
}

/** The spec type of each kind. */
export interface SpecOf {
  Mesh: MeshSpec;
  Service: ServiceSpec;
  HTTPRoute: HTTPRouteSpec;
  TrafficSplit: TrafficSplitSpec;
  TrafficPolicy: TrafficPolicySpec;
  AuthorizationPolicy: AuthorizationPolicySpec;
  RequestAuthentication: RequestAuthenticationSpec;
  Gateway: GatewaySpec;
}

/** A schema-valid resource with its identity and the document it came from. */
export interface Resource<K extends Kind = Kind> {
  readonly kind: K;
  readonly name: string;
  /** The namespace, defaulted to `default`. */
  readonly namespace: string;
  readonly spec: SpecOf[K];
  /** The document, for spans of any field. */
  readonly doc: ParsedDocument;
}

/** A resource of any kind, narrowed by its `kind`. */
export type AnyResource = { [K in Kind]: Resource<K> }[Kind];
