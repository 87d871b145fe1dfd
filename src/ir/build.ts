import { declaredUpstreams, isHttp, selects, serviceKey, sidecarServices, type CheckContext } from '../check/index.js';
import { spanAt } from '../parse/index.js';
import type { MatchSpec, Resource, RetriesSpec, StringMatchSpec } from '../schema/index.js';
import { fileSpan } from '../source/index.js';
import { parseDuration } from '../util/duration.js';
import type {
  CertificateSourceIr,
  ClusterRefIr,
  EndpointIr,
  MatchIr,
  MeshIr,
  MeshSettingsIr,
  RetriesIr,
  RouteIr,
  ServiceIr,
  SidecarIr,
  StringMatchIr,
  WeightedClusterIr,
} from './types.js';

/** The language's defaults for the Mesh resource (docs/language.md lists them). */
export const MESH_DEFAULTS = {
  trustDomain: 'cluster.local',
  domain: 'svc.cluster.local',
  mtls: 'strict',
  sdsSocket: '/run/spire/sockets/agent.sock',
  adminPort: 9901,
  inboundPort: 15006,
  outboundAddress: '127.0.0.1',
  timeout: '15s',
  connectTimeout: '1s',
  retries: { attempts: 2, on: ['connect-failure', 'reset'] },
} as const;

/**
 * Builds the IR from a checked model. Runs only when checking reported no
 * error, so every reference resolves and every value has its schema's form.
 */
export function buildIr(ctx: CheckContext): MeshIr {
  const settings = buildSettings(ctx.mesh);
  const splits = new Map<string, Resource<'TrafficSplit'>>();
  for (const s of ctx.ofKind('TrafficSplit')) splits.set(ctx.resolveRef(s.spec.service, s.namespace), s);
  const routes = new Map<string, Resource<'HTTPRoute'>>();
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.service !== undefined) routes.set(ctx.resolveRef(r.spec.service, r.namespace), r);
  }

  /** Expands a backend through TrafficSplits into leaf clusters with fractions of the traffic. */
  const expand = (ref: ClusterRefIr, share: number, out: { cluster: ClusterRefIr; share: number }[]): void => {
    const split = ref.subset === undefined ? splits.get(ref.service) : undefined;
    if (!split) {
      out.push({ cluster: ref, share });
      return;
    }
    for (const b of split.spec.backends) {
      const service = ctx.resolveRef(b.service ?? split.spec.service, split.namespace);
      expand(b.subset === undefined ? { service } : { service, subset: b.subset }, (share * b.weight) / 100, out);
    }
  };

  const services = [...ctx.services.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, s]) => buildService(key, s, settings, routes.get(key), ctx, expand));

  const byKey = new Map(services.map((s) => [s.key, s]));
  const sidecars = sidecarServices(ctx)
    .map((s): SidecarIr => {
      const key = serviceKey(s.name, s.namespace);
      const upstreams = declaredUpstreams(ctx, s);
      const clusters = new Map<string, ClusterRefIr>();
      for (const up of upstreams) {
        for (const route of byKey.get(up)!.routes) {
          for (const wc of route.clusters) clusters.set(clusterId(wc.cluster), wc.cluster);
        }
      }
      return {
        name: s.namespace === 'default' ? s.name : `${s.name}.${s.namespace}`,
        service: key,
        upstreams,
        clusters: [...clusters.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  return { settings, services, sidecars };
}

/** A sortable identity of a cluster reference. */
function clusterId(c: ClusterRefIr): string {
  return `${c.service}|${c.subset ?? ''}`;
}

function buildSettings(mesh: Resource<'Mesh'> | undefined): MeshSettingsIr {
  const spec = mesh?.spec ?? {};
  const files = spec.certificates?.files;
  const certificates: CertificateSourceIr = files
    ? { kind: 'files', certificateChain: files.certificateChain, privateKey: files.privateKey, trustedCA: files.trustedCA }
    : { kind: 'sds', socket: spec.certificates?.sds?.socket ?? MESH_DEFAULTS.sdsSocket };
  const builtin: RetriesIr = { attempts: MESH_DEFAULTS.retries.attempts, on: MESH_DEFAULTS.retries.on };
  const retries = spec.defaults?.retries;
  return {
    trustDomain: spec.trustDomain ?? MESH_DEFAULTS.trustDomain,
    domain: spec.domain ?? MESH_DEFAULTS.domain,
    mtls: spec.mtls?.mode ?? MESH_DEFAULTS.mtls,
    certificates,
    adminPort: spec.proxy?.adminPort ?? MESH_DEFAULTS.adminPort,
    inboundPort: spec.proxy?.inboundPort ?? MESH_DEFAULTS.inboundPort,
    outboundAddress: spec.proxy?.outboundAddress ?? MESH_DEFAULTS.outboundAddress,
    timeoutMs: parseDuration(spec.defaults?.timeout ?? MESH_DEFAULTS.timeout),
    connectTimeoutMs: parseDuration(spec.defaults?.connectTimeout ?? MESH_DEFAULTS.connectTimeout),
    retries: {
      attempts: retries?.attempts ?? builtin.attempts,
      on: retries?.on ?? builtin.on,
      ...(retries?.perTryTimeout !== undefined ? { perTryTimeoutMs: parseDuration(retries.perTryTimeout) } : {}),
      ...backoffOf(retries?.backoff),
    },
    ...(mesh ? { span: mesh.doc.span } : {}),
  };
}

type Expand = (ref: ClusterRefIr, share: number, out: { cluster: ClusterRefIr; share: number }[]) => void;

function buildService(
  key: string,
  s: Resource<'Service'>,
  settings: MeshSettingsIr,
  route: Resource<'HTTPRoute'> | undefined,
  ctx: CheckContext,
  expand: Expand,
): ServiceIr {
  const spec = s.spec;
  const external = spec.external === true;
  const endpoints: EndpointIr[] = (spec.endpoints ?? []).map((e) => ({
    address: e.address,
    labels: e.labels ?? {},
    ...(e.zone !== undefined ? { zone: e.zone } : {}),
    ...(e.weight !== undefined ? { weight: e.weight } : {}),
  }));
  const subsets = Object.entries(spec.subsets ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, selector]) => ({ name, endpoints: endpoints.filter((e) => selects(selector, e.labels)) }));
  const serviceSpan = spanAt(s.doc, ['metadata', 'name']);

  const toClusters = (backends: readonly { service: string; subset?: string; weight?: number }[], namespace: string): WeightedClusterIr[] => {
    const leaves: { cluster: ClusterRefIr; share: number }[] = [];
    for (const b of backends) {
      const service = ctx.resolveRef(b.service, namespace);
      const weight = b.weight ?? (backends.length === 1 ? 100 : 0);
      expand(b.subset === undefined ? { service } : { service, subset: b.subset }, weight, leaves);
    }
    return integerWeights(leaves);
  };

  // Routes apply to HTTP services only (an HTTPRoute on a TCP service is an error of its own).
  // A service without an HTTPRoute gets one implicit catch-all rule; a service with one gets
  // exactly its rules, so a request no rule matches gets a 404, as in Istio and the Gateway API.
  const routes: RouteIr[] =
    route && isHttp(s)
      ? route.spec.rules.map(
          (rule, i): RouteIr => ({
            name: rule.name ?? `rule-${i}`,
            matches: (rule.match ?? []).map(buildMatch),
            // A rule without backends goes to the route's own service (named fully: the route may live elsewhere).
            clusters: toClusters(rule.backends ?? [{ service: `${s.name}.${s.namespace}`, weight: 100 }], route.namespace),
            timeoutMs: rule.timeout !== undefined ? parseDuration(rule.timeout) : settings.timeoutMs,
            ...retriesOf(rule.retries, settings.retries),
            span: spanAt(route.doc, ['spec', 'rules', i]),
          }),
        )
      : [
          {
            name: 'default',
            matches: [],
            clusters: toClusters([{ service: s.name, weight: 100 }], s.namespace),
            timeoutMs: settings.timeoutMs,
            ...retriesOf(undefined, settings.retries),
            span: serviceSpan,
          },
        ];

  return {
    key,
    name: s.name,
    namespace: s.namespace,
    fqdn: `${s.name}.${s.namespace}.${settings.domain}`,
    protocol: spec.protocol ?? 'http',
    port: spec.port,
    targetPort: spec.targetPort ?? spec.port,
    ...(external ? {} : { spiffeId: `spiffe://${settings.trustDomain}/ns/${s.namespace}/sa/${spec.identity ?? s.name}` }),
    external,
    // TLS origination whenever `tls` is set; its SNI defaults to the DNS name (ExternalTlsRule demands one).
    ...(external && spec.tls !== undefined ? { tlsSni: spec.tls.sni ?? spec.dns! } : {}),
    discovery: spec.dns !== undefined ? { kind: 'dns', host: spec.dns } : { kind: 'static', endpoints },
    subsets,
    routes,
    span: s.doc.span ?? fileSpan(s.doc.file),
  };
}

/**
 * A rule's retries over the Mesh defaults, field by field: what the rule
 * sets wins, what it leaves out comes from the defaults. Zero attempts is no
 * retry policy at all.
 */
function retriesOf(rule: RetriesSpec | undefined, defaults: RetriesIr): { retries?: RetriesIr } {
  const attempts = rule?.attempts ?? defaults.attempts;
  if (attempts === 0) return {};
  const perTry = rule?.perTryTimeout !== undefined ? parseDuration(rule.perTryTimeout) : defaults.perTryTimeoutMs;
  const backoff = rule?.backoff !== undefined ? backoffOf(rule.backoff).backoff : defaults.backoff;
  return {
    retries: {
      attempts,
      on: rule?.on ?? defaults.on,
      ...(perTry !== undefined ? { perTryTimeoutMs: perTry } : {}),
      ...(backoff !== undefined ? { backoff } : {}),
    },
  };
}

function backoffOf(b: RetriesSpec['backoff']): { backoff?: NonNullable<RetriesIr['backoff']> } {
  if (b?.base === undefined) return {};
  return { backoff: { baseMs: parseDuration(b.base), ...(b.max !== undefined ? { maxMs: parseDuration(b.max) } : {}) } };
}

function buildMatch(m: MatchSpec): MatchIr {
  const p = m.path;
  const path =
    p?.exact !== undefined
      ? ({ kind: 'exact', value: p.exact } as const)
      : p?.prefix !== undefined
        ? ({ kind: 'prefix', value: p.prefix } as const)
        : p?.regex !== undefined
          ? ({ kind: 'regex', value: p.regex } as const)
          : undefined;
  return {
    ...(path ? { path } : {}),
    ...(m.method !== undefined ? { method: m.method } : {}),
    headers: Object.entries(m.headers ?? {}).map(([name, sm]) => ({ name, match: stringMatch(sm) })),
    query: Object.entries(m.query ?? {}).map(([name, sm]) => ({ name, match: stringMatch(sm) })),
  };
}

function stringMatch(sm: StringMatchSpec): StringMatchIr {
  if (sm.exact !== undefined) return { kind: 'exact', value: sm.exact };
  if (sm.prefix !== undefined) return { kind: 'prefix', value: sm.prefix };
  if (sm.suffix !== undefined) return { kind: 'suffix', value: sm.suffix };
  if (sm.regex !== undefined) return { kind: 'regex', value: sm.regex };
  return { kind: 'present' };
}

/**
 * Turns percentages (possibly fractional, possibly products of nested splits)
 * into integer weights that keep the exact proportions readable: 90/10 stays
 * 90/10, 0.5/99.5 becomes 5/995. Equal clusters are merged (first position
 * kept), zero shares dropped. Precision is capped at a millionth of a percent.
 */
export function integerWeights(leaves: readonly { cluster: ClusterRefIr; share: number }[]): WeightedClusterIr[] {
  const merged = new Map<string, { cluster: ClusterRefIr; share: number }>();
  for (const l of leaves) {
    const id = clusterId(l.cluster);
    const m = merged.get(id);
    if (m) m.share += l.share;
    else merged.set(id, { cluster: l.cluster, share: l.share });
  }
  const kept = [...merged.values()].filter((l) => l.share > 1e-9);
  let scale = 1;
  for (let k = 0; k <= 6; k++, scale *= 10) {
    if (kept.every((l) => Math.abs(l.share * scale - Math.round(l.share * scale)) < 1e-6)) break;
  }
  if (scale > 1e6) scale = 1e6;
  return kept.map((l) => ({ cluster: l.cluster, weight: Math.max(1, Math.round(l.share * scale)) }));
}
