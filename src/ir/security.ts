/**
 * The security and observability parts of the IR: per-service mTLS modes,
 * authorization (AuthorizationPolicy), JWT validation (RequestAuthentication)
 * and the Mesh's observability settings. Runs on a checked model, so every
 * reference resolves.
 */
import { mtlsModeOf, type CheckContext } from '../check/index.js';
import { lazySpanAt } from '../parse/index.js';
import type { MeshSpec, Resource } from '../schema/index.js';
import type {
  AuthorizationIr,
  AuthzConditionIr,
  AuthzOperationIr,
  AuthzPathIr,
  AuthzRuleIr,
  AuthzSourceIr,
  JwksIr,
  JwtIr,
  MtlsModeIr,
  ObservabilityIr,
} from './types.js';

/** Defaults of `Mesh.observability` (docs/language.md lists them). */
export const OBSERVABILITY_DEFAULTS = {
  accessLogFormat: 'text',
  accessLogPath: '/dev/stdout',
  tracingProvider: 'opentelemetry',
  samplingPercent: 1,
  prometheusPort: 15090,
  prometheusPath: '/stats/prometheus',
} as const;

/** The default token location, as Istio and the language spec have it. */
const DEFAULT_FROM_HEADERS = [{ name: 'authorization', prefix: 'Bearer ' }] as const;

/** The Mesh's per-namespace overrides, sorted by namespace. */
export function mtlsNamespaces(spec: MeshSpec): Record<string, MtlsModeIr> {
  const out: Record<string, MtlsModeIr> = {};
  for (const ns of Object.keys(spec.mtls?.namespaces ?? {}).sort()) out[ns] = spec.mtls!.namespaces![ns]!;
  return out;
}

/** The Mesh's observability with defaults applied; a collector is `host:port` or a service reference. */
export function buildObservability(mesh: Resource<'Mesh'> | undefined): ObservabilityIr {
  const o = mesh?.spec.observability;
  if (!o) return {};
  const d = OBSERVABILITY_DEFAULTS;
  const t = o.tracing;
  let tracing: ObservabilityIr['tracing'];
  if (t) {
    const address = parseHostPort(t.collector);
    tracing = {
      provider: t.provider ?? d.tracingProvider,
      collector: address
        ? { kind: 'address', host: address.host, port: address.port }
        : { kind: 'service', service: t.collector.includes('.') ? t.collector : `${t.collector}.${mesh!.namespace}` },
      samplingPercent: t.samplingPercent ?? d.samplingPercent,
    };
  }
  const p = o.metrics?.prometheus;
  return {
    ...(o.accessLog ? { accessLog: { format: o.accessLog.format ?? d.accessLogFormat, path: o.accessLog.path ?? d.accessLogPath } } : {}),
    ...(tracing ? { tracing } : {}),
    ...(p ? { prometheus: { port: p.port ?? d.prometheusPort, path: p.path ?? d.prometheusPath } } : {}),
  };
}

/** `host:port` (host a name, an IPv4 address or a bracketed IPv6 address), or undefined for a service reference. */
export function parseHostPort(text: string): { host: string; port: number } | undefined {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:]+):(\d+)$/.exec(text);
  if (!m) return undefined;
  const host = m[1]!.startsWith('[') ? m[1]!.slice(1, -1) : m[1]!;
  return { host, port: Number(m[2]) };
}

/** The AuthorizationPolicies that select a service: those naming it, and the namespace-wide ones of its namespace. */
export function policiesOf(ctx: CheckContext, service: Resource<'Service'>): Resource<'AuthorizationPolicy'>[] {
  const key = `${service.name}.${service.namespace}`;
  return ctx
    .ofKind('AuthorizationPolicy')
    .filter((p) =>
      p.spec.service === undefined
        ? p.spec.gateway === undefined && p.namespace === service.namespace
        : ctx.resolveRef(p.spec.service, p.namespace) === key,
    );
}

/**
 * A service's authorization, or undefined when no policy selects it.
 * Ports are resolved here: the inbound listener receives the traffic of one
 * service port, so an operation whose `ports` include the service's `port`
 * or `targetPort` matches on any port, and one whose ports include neither
 * can never match and is dropped (with it, a rule whose every operation is
 * dropped). On a TCP service (only namespace-wide policies reach here with
 * HTTP attributes; a policy naming a TCP service is checked) Istio's rule
 * holds: an ALLOW rule that needs HTTP attributes is dropped, and a DENY
 * rule loses its HTTP attributes, so both fail closed.
 */
export function buildAuthorization(ctx: CheckContext, service: Resource<'Service'>, trustDomain: string): AuthorizationIr | undefined {
  const ports = new Set([service.spec.port, service.spec.targetPort ?? service.spec.port]);
  return authorizationOf(ctx, policiesOf(ctx, service), { tcp: service.spec.protocol === 'tcp', ports }, trustDomain);
}

/**
 * A gateway's authorization: the AuthorizationPolicies that name it, in the
 * form for its http/https listeners (`tcp: false`) or for its tcp/tls ones
 * (`tcp: true`). A gateway listens on the ports themselves, so `ports` stay
 * in the operations (Envoy's `destination_port`).
 */
export function buildGatewayAuthorization(ctx: CheckContext, gateway: Resource<'Gateway'>, tcp: boolean, trustDomain: string): AuthorizationIr | undefined {
  const key = `${gateway.name}.${gateway.namespace}`;
  const policies = ctx
    .ofKind('AuthorizationPolicy')
    .filter((p) => p.spec.gateway !== undefined && ctx.resolveRef(p.spec.gateway, p.namespace) === key);
  return authorizationOf(ctx, policies, { tcp }, trustDomain);
}

function authorizationOf(
  ctx: CheckContext,
  selected: readonly Resource<'AuthorizationPolicy'>[],
  target: { readonly tcp: boolean; readonly ports?: ReadonlySet<number> },
  trustDomain: string,
): AuthorizationIr | undefined {
  const policies = [...selected].sort((a, b) => cmp(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  if (policies.length === 0) return undefined;
  const { tcp, ports } = target;
  const deny: AuthzRuleIr[] = [];
  const allow: AuthzRuleIr[] = [];
  let allowEnforced = false;
  for (const p of policies) {
    const isDeny = p.spec.action === 'deny';
    if (!isDeny) allowEnforced = true;
    (p.spec.rules ?? []).forEach((rule, i) => {
      const sources = rule.from?.map((f): AuthzSourceIr => {
        if (f.service !== undefined) {
          const s = ctx.service(f.service, p.namespace)!;
          return { kind: 'principal', match: 'exact', value: spiffeId(trustDomain, s) };
        }
        if (f.identity !== undefined) return { kind: 'principal', match: 'exact', value: f.identity };
        if (f.namespace !== undefined) return { kind: 'principal', match: 'prefix', value: `spiffe://${trustDomain}/ns/${f.namespace}/` };
        return { kind: 'ipBlock', ...cidr(f.ipBlock!) };
      });
      const httpOnly =
        (rule.when ?? []).length > 0 || (rule.to ?? []).some((op) => op.methods !== undefined || op.paths !== undefined);
      if (tcp && httpOnly && !isDeny) return; // needs what a TCP connection does not have: never matches
      let operations: AuthzOperationIr[] | undefined;
      if (rule.to !== undefined) {
        operations = rule.to
          .filter((op) => ports === undefined || op.ports === undefined || op.ports.some((port) => ports.has(port)))
          .map((op) => ({
            ...(op.methods !== undefined && !tcp ? { methods: op.methods } : {}),
            ...(op.paths !== undefined && !tcp ? { paths: op.paths.map(pathPattern) } : {}),
            ...(op.ports !== undefined && ports === undefined ? { ports: op.ports } : {}),
          }));
        if (operations.length === 0) return; // no operation can match here
        if (operations.some((op) => op.methods === undefined && op.paths === undefined && op.ports === undefined)) operations = undefined; // one matches all
      }
      const conditions: AuthzConditionIr[] = tcp
        ? []
        : (rule.when ?? []).map((w) =>
            w.header !== undefined
              ? { kind: 'header', name: w.header, values: w.values }
              : { kind: 'claim', name: w.claim!, values: w.values },
          );
      (isDeny ? deny : allow).push({
        id: `ns[${p.namespace}]-policy[${p.name}]-rule[${i}]`,
        ...(sources !== undefined ? { sources } : {}),
        ...(operations !== undefined ? { operations } : {}),
        conditions,
        span: lazySpanAt(p.doc, ['spec', 'rules', i]),
      });
    });
  }
  return { deny, allow, allowEnforced };
}

/** The SPIFFE ID of a service's workload. */
export function spiffeId(trustDomain: string, s: Resource<'Service'>): string {
  return `spiffe://${trustDomain}/ns/${s.namespace}/sa/${s.spec.identity ?? s.name}`;
}

function pathPattern(p: string): AuthzPathIr {
  if (p === '*') return { kind: 'any' };
  if (p.startsWith('*')) return { kind: 'suffix', value: p.slice(1) };
  if (p.endsWith('*')) return { kind: 'prefix', value: p.slice(0, -1) };
  return { kind: 'exact', value: p };
}

function cidr(block: string): { address: string; prefixLen: number } {
  const slash = block.indexOf('/');
  if (slash >= 0) return { address: block.slice(0, slash), prefixLen: Number(block.slice(slash + 1)) };
  return { address: block, prefixLen: block.includes(':') ? 128 : 32 };
}

/** The RequestAuthentication of a service (at most one: checked), as the IR's JwtIr. */
export function buildJwt(ra: Resource<'RequestAuthentication'> | undefined): JwtIr | undefined {
  if (!ra) return undefined;
  return {
    providers: ra.spec.providers.map((p) => ({
      name: p.name,
      issuer: p.issuer,
      audiences: p.audiences ?? [],
      jwks: jwksOf(p.jwks),
      fromHeaders: (p.fromHeaders ?? DEFAULT_FROM_HEADERS).map((h) => ({ name: h.name, ...(h.prefix !== undefined ? { prefix: h.prefix } : {}) })),
      forwardClaims: Object.entries(p.forwardClaims ?? {}).map(([claim, header]) => ({ claim, header })),
    })),
    requireToken: ra.spec.requireToken ?? true,
    span: lazySpanAt(ra.doc, ['metadata', 'name']),
  };
}

function jwksOf(j: { uri?: string; file?: string; inline?: string }): JwksIr {
  if (j.file !== undefined) return { kind: 'file', path: j.file };
  if (j.inline !== undefined) return { kind: 'inline', text: j.inline };
  const url = new URL(j.uri!);
  const tls = url.protocol === 'https:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { kind: 'remote', uri: j.uri!, host, port: url.port !== '' ? Number(url.port) : tls ? 443 : 80, tls };
}

/** The RequestAuthentication that names a gateway, if any. */
export function gatewayRequestAuthentication(ctx: CheckContext, gateway: Resource<'Gateway'>): Resource<'RequestAuthentication'> | undefined {
  const key = `${gateway.name}.${gateway.namespace}`;
  return ctx
    .ofKind('RequestAuthentication')
    .find((r) => r.spec.service === undefined && r.spec.gateway !== undefined && ctx.resolveRef(r.spec.gateway, r.namespace) === key);
}

/** The security fields of a GatewayIr: authorization for its HTTP and its TCP listeners, and JWT validation. */
export function gatewaySecurityOf(
  ctx: CheckContext,
  g: Resource<'Gateway'>,
  settings: { readonly trustDomain: string },
): { authorization?: AuthorizationIr; tcpAuthorization?: AuthorizationIr; jwt?: JwtIr } {
  const authorization = buildGatewayAuthorization(ctx, g, false, settings.trustDomain);
  const tcpAuthorization = buildGatewayAuthorization(ctx, g, true, settings.trustDomain);
  const jwt = buildJwt(gatewayRequestAuthentication(ctx, g));
  return {
    ...(authorization ? { authorization } : {}),
    ...(tcpAuthorization ? { tcpAuthorization } : {}),
    ...(jwt ? { jwt } : {}),
  };
}

/** The RequestAuthentication that names a service, if any. */
export function requestAuthenticationOf(ctx: CheckContext, service: Resource<'Service'>): Resource<'RequestAuthentication'> | undefined {
  const key = `${service.name}.${service.namespace}`;
  return ctx
    .ofKind('RequestAuthentication')
    .find((r) => r.spec.service !== undefined && ctx.resolveRef(r.spec.service, r.namespace) === key);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A service's mTLS mode, authorization and JWT validation (the security fields of ServiceIr). */
export function securityOf(
  ctx: CheckContext,
  s: Resource<'Service'>,
  settings: { readonly trustDomain: string },
): { mtls: MtlsModeIr; authorization?: AuthorizationIr; jwt?: JwtIr } {
  if (s.spec.external === true) return { mtls: 'disabled' };
  const authorization = buildAuthorization(ctx, s, settings.trustDomain);
  const jwt = buildJwt(requestAuthenticationOf(ctx, s));
  return {
    mtls: mtlsModeOf(ctx, s.namespace),
    ...(authorization ? { authorization } : {}),
    ...(jwt ? { jwt } : {}),
  };
}
