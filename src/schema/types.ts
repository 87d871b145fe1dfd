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

/** The kinds this version of meshc compiles; the others are reported as not supported yet. */
export const SUPPORTED_KINDS: ReadonlySet<Kind> = new Set<Kind>(['Mesh', 'Service', 'HTTPRoute', 'TrafficSplit']);

export const API_VERSION = 'meshc.dev/v1';

/** A duration string such as `250ms`, `1.5s`, `2m`, `1h`. */
export type Duration = string;

export interface MeshSpec {
  trustDomain?: string;
  domain?: string;
  mtls?: { mode?: 'strict' | 'permissive' | 'disabled' };
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
  observability?: Record<string, unknown>;
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
  fault?: unknown;
  mirror?: unknown;
  rewrite?: unknown;
  headers?: unknown;
  cors?: unknown;
  rateLimit?: unknown;
  redirect?: unknown;
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
  TrafficPolicy: Record<string, unknown>;
  AuthorizationPolicy: Record<string, unknown>;
  RequestAuthentication: Record<string, unknown>;
  Gateway: Record<string, unknown>;
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
