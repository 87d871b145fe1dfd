/** Routing rules: one HTTPRoute rule (mesh or gateway) resolved into a RouteIr. */
import type { CheckContext } from '../check/index.js';
import { lazySpanAt } from '../parse/index.js';
import type { CorsSpec, HeaderOpsSpec, MatchSpec, Resource, RetriesSpec, RuleSpec, StringMatchSpec } from '../schema/index.js';
import { parseDuration } from '../util/duration.js';
import type { PolicyOf } from './policy.js';
import type {
  ClusterRefIr,
  CorsIr,
  ForwardIr,
  HashPolicyIr,
  HeaderChangesIr,
  HeaderOpsIr,
  MatchIr,
  MeshSettingsIr,
  OriginMatchIr,
  RetriesIr,
  RouteIr,
  StringMatchIr,
  WeightedClusterIr,
} from './types.js';

/** Expands a backend through TrafficSplits into leaf clusters with fractions of the traffic. */
export type Expand = (ref: ClusterRefIr, share: number, out: { cluster: ClusterRefIr; share: number }[]) => void;

/** What building a rule needs from the rest of the IR. */
export interface RuleEnv {
  readonly ctx: CheckContext;
  readonly settings: MeshSettingsIr;
  readonly expand: Expand;
  readonly policyOf: PolicyOf;
}

/** Backends (percentages, possibly through splits) as integer-weighted clusters. */
export function toClusters(
  env: RuleEnv,
  backends: readonly { service: string; subset?: string; weight?: number }[],
  namespace: string,
): WeightedClusterIr[] {
  const leaves: { cluster: ClusterRefIr; share: number }[] = [];
  for (const b of backends) {
    const service = env.ctx.resolveRef(b.service, namespace);
    const weight = b.weight ?? (backends.length === 1 ? 100 : 0);
    env.expand(b.subset === undefined ? { service } : { service, subset: b.subset }, weight, leaves);
  }
  return integerWeights(leaves);
}

/** A forward action to clusters with the given timeout and retries, and the hash policies those clusters ask for. */
export function forward(env: RuleEnv, clusters: WeightedClusterIr[], timeoutMs: number, retries: RetriesIr | undefined): ForwardIr {
  return { kind: 'forward', clusters, timeoutMs, ...(retries ? { retries } : {}), hashPolicies: hashPolicies(env, clusters) };
}

/**
 * The hash policies of the clusters a route leads to, distinct, in cluster
 * order: Envoy hashes on the route, so stickiness configured for a cluster
 * has to be written on every route that sends traffic there.
 */
function hashPolicies(env: RuleEnv, clusters: readonly WeightedClusterIr[]): HashPolicyIr[] {
  const seen = new Map<string, HashPolicyIr>();
  for (const c of clusters) {
    const p = env.policyOf(c.cluster.service, c.cluster.subset);
    if ((p.algorithm === 'ring-hash' || p.algorithm === 'maglev') && p.hash) {
      const id = JSON.stringify(p.hash);
      if (!seen.has(id)) seen.set(id, p.hash);
    }
  }
  return [...seen.values()];
}

/**
 * One rule of an HTTPRoute. `ownService` is where a rule without backends
 * goes (the route's service; undefined on gateways, where RuleTargetRule
 * demands backends or a redirect).
 */
export function buildRule(env: RuleEnv, route: Resource<'HTTPRoute'>, rule: RuleSpec, i: number, ownService: string | undefined): RouteIr {
  const at = ['spec', 'rules', i];
  const action: RouteIr['action'] =
    rule.redirect !== undefined
      ? {
          kind: 'redirect',
          ...(rule.redirect.scheme !== undefined ? { scheme: rule.redirect.scheme } : {}),
          ...(rule.redirect.host !== undefined ? { host: rule.redirect.host } : {}),
          ...(rule.redirect.path !== undefined ? { path: rule.redirect.path } : {}),
          ...(rule.redirect.port !== undefined ? { port: rule.redirect.port } : {}),
          status: rule.redirect.status ?? 301,
        }
      : {
          ...forward(
            env,
            // A rule without backends goes to the route's own service (named fully: the route may live elsewhere).
            toClusters(env, rule.backends ?? [{ service: ownService!, weight: 100 }], route.namespace),
            rule.timeout !== undefined ? parseDuration(rule.timeout) : env.settings.timeoutMs,
            retriesOf(rule.retries, env.settings.retries).retries,
          ),
          ...pathRewrite(rule),
          ...(rule.rewrite?.host !== undefined ? { hostRewrite: rule.rewrite.host } : {}),
          ...(rule.mirror !== undefined
            ? {
                mirror: {
                  cluster: {
                    service: env.ctx.resolveRef(rule.mirror.service, route.namespace),
                    ...(rule.mirror.subset !== undefined ? { subset: rule.mirror.subset } : {}),
                  },
                  percent: rule.mirror.percent ?? 100,
                },
              }
            : {}),
        };
  const headers = headerChanges(rule);
  const f = rule.fault;
  return {
    name: rule.name ?? `rule-${i}`,
    matches: (rule.match ?? []).map(buildMatch),
    action,
    ...(headers ? { headers } : {}),
    ...(f && (f.delay || f.abort)
      ? {
          fault: {
            ...(f.delay ? { delay: { fixedMs: parseDuration(f.delay.fixed), percent: f.delay.percent ?? 100 } } : {}),
            ...(f.abort ? { abort: { status: f.abort.status, percent: f.abort.percent ?? 100 } } : {}),
          },
        }
      : {}),
    ...(rule.cors !== undefined ? { cors: corsOf(rule.cors) } : {}),
    ...(rule.rateLimit !== undefined ? { rateLimit: { requests: rule.rateLimit.requests, perMs: parseDuration(rule.rateLimit.per) } } : {}),
    span: lazySpanAt(route.doc, at),
  };
}

function pathRewrite(rule: RuleSpec): Pick<ForwardIr, 'pathRewrite'> {
  const p = rule.rewrite?.path;
  if (p?.prefix !== undefined) return { pathRewrite: { kind: 'prefix', prefix: p.prefix } };
  if (p?.regex !== undefined) return { pathRewrite: { kind: 'regex', regex: p.regex, substitution: p.substitution ?? '' } };
  return {};
}

function headerChanges(rule: RuleSpec): HeaderChangesIr | undefined {
  const ops = (h: HeaderOpsSpec | undefined): HeaderOpsIr | undefined => {
    if (!h) return undefined;
    const set = Object.entries(h.set ?? {}).map(([name, value]) => ({ name, value }));
    const add = Object.entries(h.add ?? {}).map(([name, value]) => ({ name, value }));
    const remove = h.remove ?? [];
    return set.length + add.length + remove.length > 0 ? { set, add, remove } : undefined;
  };
  const request = ops(rule.headers?.request);
  const response = ops(rule.headers?.response);
  if (!request && !response) return undefined;
  return { ...(request ? { request } : {}), ...(response ? { response } : {}) };
}

function corsOf(c: CorsSpec): CorsIr {
  return {
    allowOrigins: (c.allowOrigins ?? []).map(originMatch),
    allowMethods: c.allowMethods ?? [],
    allowHeaders: c.allowHeaders ?? [],
    exposeHeaders: c.exposeHeaders ?? [],
    ...(c.maxAge !== undefined ? { maxAgeSeconds: Math.ceil(parseDuration(c.maxAge) / 1000) } : {}),
    allowCredentials: c.allowCredentials ?? false,
  };
}

/**
 * An allowed origin as a matcher: `*` any origin, `*.example.com` any
 * subdomain of example.com on any scheme (a suffix), another pattern with `*`
 * a regex in which `*` stands for one or more host labels, anything else
 * the exact origin.
 */
export function originMatch(origin: string): OriginMatchIr {
  if (origin === '*') return { kind: 'regex', value: '.*' };
  if (origin.startsWith('*.') && !origin.slice(2).includes('*')) return { kind: 'suffix', value: origin.slice(1) };
  if (origin.includes('*')) {
    const escaped = origin.split('*').map((part) => part.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&'));
    return { kind: 'regex', value: escaped.join('[a-z0-9-]+(\\.[a-z0-9-]+)*') };
  }
  return { kind: 'exact', value: origin };
}

/**
 * A rule's retries over the Mesh defaults, field by field: what the rule
 * sets wins, what it leaves out comes from the defaults. Zero attempts is no
 * retry policy at all.
 */
export function retriesOf(rule: RetriesSpec | undefined, defaults: RetriesIr): { retries?: RetriesIr } {
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

/** A backoff spec in milliseconds; none without a base. */
export function backoffOf(b: RetriesSpec['backoff']): { backoff?: NonNullable<RetriesIr['backoff']> } {
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

/** A sortable identity of a cluster reference. */
export function clusterId(c: ClusterRefIr): string {
  return `${c.service}|${c.subset ?? ''}`;
}

/** Every cluster a route can send to: its weighted clusters and its mirror. */
export function routeClusters(route: RouteIr): ClusterRefIr[] {
  if (route.action.kind !== 'forward') return [];
  return [...route.action.clusters.map((c) => c.cluster), ...(route.action.mirror ? [route.action.mirror.cluster] : [])];
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
