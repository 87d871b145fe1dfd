import { declaredUpstreams, isFullMesh, isHttp, selects, serviceKey, sidecarServices, type CheckContext } from '../check/index.js';
import { lazySpanAt } from '../parse/index.js';
import type { Resource } from '../schema/index.js';
import { fileSpan } from '../source/index.js';
import { parseDuration } from '../util/duration.js';
import { buildGateways } from './gateway.js';
import { buildPolicies } from './policy.js';
import { buildObservability, mtlsNamespaces, securityOf } from './security.js';
import { backoffOf, buildRule, clusterId, forward, retriesOf, routeClusters, toClusters, type RuleEnv } from './route.js';
import type { CertificateSourceIr, ClusterRefIr, EndpointIr, MeshIr, MeshSettingsIr, RetriesIr, RouteIr, ServiceIr, SidecarIr } from './types.js';

export { integerWeights } from './route.js';

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

  const env: RuleEnv = { ctx, settings, expand, policyOf: buildPolicies(ctx, settings) };
  const services = [...ctx.services.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, s]) => buildService(key, s, routes.get(key), env));

  const byKey = new Map(services.map((s) => [s.key, s]));
  const sidecars = sidecarServices(ctx)
    .map((s): SidecarIr => {
      const key = serviceKey(s.name, s.namespace);
      const upstreams = declaredUpstreams(ctx, s);
      const fullMesh = isFullMesh(s);
      // A full-mesh sidecar has every service's clusters, its own too even where it gets no
      // listener for it, so that all full-mesh sidecars have the same ones (xds mode writes them once).
      const clusterSources = fullMesh && !upstreams.includes(key) ? [...upstreams, key] : upstreams;
      const clusters = new Map<string, ClusterRefIr>();
      for (const up of clusterSources) {
        for (const route of byKey.get(up)!.routes) {
          for (const c of routeClusters(route)) clusters.set(clusterId(c), c);
        }
      }
      return {
        name: s.namespace === 'default' ? s.name : `${s.name}.${s.namespace}`,
        service: key,
        upstreams,
        fullMesh,
        clusters: [...clusters.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  return { settings, services, sidecars, gateways: buildGateways(env) };
}

function buildSettings(mesh: Resource<'Mesh'> | undefined): MeshSettingsIr {
  const spec = mesh?.spec ?? {};
  const files = spec.certificates?.files;
  const certificates: CertificateSourceIr = files
    ? { kind: 'files', certificateChain: files.certificateChain, privateKey: files.privateKey, trustedCA: files.trustedCA }
    : { kind: 'sds', socket: spec.certificates?.sds?.socket ?? MESH_DEFAULTS.sdsSocket };
  const sdsSocket = spec.certificates?.sds?.socket ?? MESH_DEFAULTS.sdsSocket;
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
    sdsSocket,
    mtlsNamespaces: mtlsNamespaces(spec),
    observability: buildObservability(mesh),
    ...(mesh ? { span: mesh.doc.span } : {}),
  };
}

function buildService(key: string, s: Resource<'Service'>, route: Resource<'HTTPRoute'> | undefined, env: RuleEnv): ServiceIr {
  const { settings, policyOf } = env;
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
    .map(([name, selector]) => ({
      name,
      endpoints: endpoints.filter((e) => selects(selector, e.labels)),
      policy: policyOf(key, name),
    }));
  const serviceSpan = lazySpanAt(s.doc, ['metadata', 'name']);

  // Routes apply to HTTP services only (an HTTPRoute on a TCP service is an error of its own).
  // A service without an HTTPRoute gets one implicit catch-all rule; a service with one gets
  // exactly its rules, so a request no rule matches gets a 404, as in Istio and the Gateway API.
  const routes: RouteIr[] =
    route && isHttp(s)
      ? route.spec.rules.map((rule, i) => buildRule(env, route, rule, i, `${s.name}.${s.namespace}`))
      : [
          {
            name: 'default',
            matches: [],
            action: forward(
              env,
              toClusters(env, [{ service: s.name, weight: 100 }], s.namespace),
              settings.timeoutMs,
              retriesOf(undefined, settings.retries).retries,
            ),
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
    policy: policyOf(key, undefined),
    ...securityOf(env.ctx, s, settings),
    span: s.doc.span ?? fileSpan(s.doc.file),
  };
}
