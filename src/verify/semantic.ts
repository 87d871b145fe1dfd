/**
 * What Envoy checks in C++ beyond the protos and PGV: references to clusters,
 * unique names and addresses, virtual host domains, RE2 regexes, and terminal
 * filters. These are the mistakes that pass a schema and fail at load time
 * (or, for a dangling cluster, black-hole traffic).
 *
 * The checks ride on the walker as type hooks, so they see every message of
 * the right type wherever it sits (inside Any, TypedStruct or inline), and
 * the cross-resource ones are resolved once all files were walked.
 */
import { checkEnvoyRegex } from '../regex/re2.js';
import { formatPath, typeNameOfUrl, type LocatedIssue, type Segment, type SubtreeRecorder, type TypeHook, type WalkContext } from './walker.js';

/** Network filters that end a filter chain (Envoy's isTerminalFilterByProto), by config type and by name. */
const TERMINAL_NETWORK_TYPES = new Set([
  'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  'envoy.extensions.filters.network.redis_proxy.v3.RedisProxy',
  'envoy.extensions.filters.network.direct_response.v3.Config',
  'envoy.extensions.filters.network.echo.v3.Echo',
  'envoy.extensions.filters.network.thrift_proxy.v3.ThriftProxy',
  'envoy.extensions.filters.network.dubbo_proxy.v3.DubboProxy',
  'envoy.extensions.filters.network.generic_proxy.v3.GenericProxy',
  'envoy.extensions.filters.network.kafka_mesh.v3alpha.KafkaMesh',
  'envoy.extensions.filters.network.rocketmq_proxy.v3.RocketmqProxy',
]);
const TERMINAL_NETWORK_NAMES = new Set([
  'envoy.filters.network.http_connection_manager',
  'envoy.filters.network.tcp_proxy',
  'envoy.filters.network.redis_proxy',
  'envoy.filters.network.direct_response',
  'envoy.filters.network.echo',
  'envoy.filters.network.thrift_proxy',
  'envoy.filters.network.dubbo_proxy',
  'envoy.filters.network.generic_proxy',
  'envoy.filters.network.kafka_mesh',
  'envoy.filters.network.rocketmq_proxy',
]);
const TERMINAL_HTTP_TYPES = new Set([
  'envoy.extensions.filters.http.router.v3.Router',
  'envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec',
]);
const TERMINAL_HTTP_NAMES = new Set(['envoy.filters.http.router', 'envoy.filters.http.upstream_codec']);

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const camelCache = new Map<string, string>();

function camel(name: string): string {
  let c = camelCache.get(name);
  if (c === undefined) {
    c = name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
    camelCache.set(name, c);
  }
  return c;
}

/** A field by its proto name or JSON name, with the key actually used. */
function field(o: Obj, name: string): [unknown, string] {
  if (o[name] !== undefined && o[name] !== null) return [o[name], name];
  const c = camel(name);
  if (c !== name && o[c] !== undefined && o[c] !== null) return [o[c], c];
  return [undefined, name];
}

/** The config type a filter resolves to (typed_config @type, or a TypedStruct's type_url). */
function filterType(filter: Obj): string | undefined {
  const [tc] = field(filter, 'typed_config');
  if (!isObj(tc)) return undefined;
  const url = tc['@type'];
  if (typeof url !== 'string') return undefined;
  const t = typeNameOfUrl(url);
  if (t === 'udpa.type.v1.TypedStruct' || t === 'xds.type.v3.TypedStruct') {
    const [inner] = field(tc, 'type_url');
    return typeof inner === 'string' ? typeNameOfUrl(inner) : undefined;
  }
  return t;
}

interface Ref {
  readonly file: string;
  readonly segments: readonly Segment[];
  readonly name: string;
  readonly what: string;
}

interface Named {
  readonly file: string;
  readonly segments: readonly Segment[];
  readonly key: string;
}

/** What the collector recorded inside one subtree, with segments relative to it (see SubtreeRecorder). */
interface Captured {
  readonly clusterRefs: readonly Omit<Ref, 'file'>[];
  readonly clusters: readonly Omit<Named, 'file'>[];
  readonly listenerNames: readonly Omit<Named, 'file'>[];
  readonly listenerAddrs: readonly Omit<Named, 'file'>[];
  readonly unvalidatedRoutes: readonly { readonly segments: readonly Segment[] }[];
}

/** The lengths of the collector's lists, in the order of Captured's fields. */
type Mark = readonly [number, number, number, number, number];

/** An issue that belongs to one of the walked files. */
export interface FileIssue {
  readonly file: string;
  readonly issue: LocatedIssue;
}

/**
 * Collects what the cross-resource checks need while files are walked; set
 * `file` before walking each one, then call `finish`. As a SubtreeRecorder it
 * lets a WalkMemo replay what was recorded inside a cached subtree (a shared
 * cluster or route), so the cross-resource checks stay those of this walk.
 */
export class SemanticCollector implements SubtreeRecorder {
  /** The file being walked, used to attribute references. */
  file = '';
  /** Whether every cluster that can exist is visible, so that a missing one is an error. */
  clustersComplete = false;

  private readonly clusterRefs: Ref[] = [];
  private readonly clusters: Named[] = [];
  private readonly listenerNames: Named[] = [];
  private readonly listenerAddrs: Named[] = [];
  /** Route configurations that set validate_clusters: false (Envoy then skips the check). */
  private readonly unvalidatedRoutes: { file: string; segments: readonly Segment[] }[] = [];

  readonly hooks: ReadonlyMap<string, TypeHook> = new Map<string, TypeHook>([
    ['envoy.config.cluster.v3.Cluster', (o, ctx) => this.cluster(o, ctx)],
    ['envoy.config.listener.v3.Listener', (o, ctx) => this.listener(o, ctx)],
    ['envoy.config.listener.v3.FilterChain', (o, ctx) => this.filterChain(o, ctx)],
    ['envoy.config.route.v3.RouteConfiguration', (o, ctx) => this.routeConfiguration(o, ctx)],
    ['envoy.config.route.v3.RouteAction', (o, ctx) => this.routeAction(o, ctx)],
    ['envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', (o, ctx) => this.tcpProxy(o, ctx)],
    ['envoy.config.core.v3.GrpcService.EnvoyGrpc', (o, ctx) => this.ref(ctx, o, 'cluster_name', 'gRPC service')],
    // Envoy resolves these at load time too: a JWKS fetch or a Zipkin collector naming no cluster fails the config.
    ['envoy.config.core.v3.HttpUri', (o, ctx) => this.ref(ctx, o, 'cluster', 'HTTP URI')],
    ['envoy.config.trace.v3.ZipkinConfig', (o, ctx) => this.ref(ctx, o, 'collector_cluster', 'Zipkin collector')],
    [
      'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
      (o, ctx) => this.httpConnectionManager(o, ctx),
    ],
    ['envoy.type.matcher.v3.RegexMatcher', (o, ctx) => this.regex(o, ctx)],
    ['xds.type.matcher.v3.RegexMatcher', (o, ctx) => this.regex(o, ctx)],
    ['envoy.service.discovery.v3.DiscoveryResponse', (o, ctx) => this.discoveryResponse(o, ctx)],
  ]);

  mark(): Mark {
    return [this.clusterRefs.length, this.clusters.length, this.listenerNames.length, this.listenerAddrs.length, this.unvalidatedRoutes.length];
  }

  capture(mark: unknown, depth: number): Captured | undefined {
    const m = mark as Mark;
    if (
      this.clusterRefs.length === m[0] &&
      this.clusters.length === m[1] &&
      this.listenerNames.length === m[2] &&
      this.listenerAddrs.length === m[3] &&
      this.unvalidatedRoutes.length === m[4]
    ) {
      return undefined;
    }
    const rel = (s: readonly Segment[]) => s.slice(depth);
    const named = (list: readonly Named[], from: number) => list.slice(from).map((n) => ({ segments: rel(n.segments), key: n.key }));
    return {
      clusterRefs: this.clusterRefs.slice(m[0]).map((r) => ({ segments: rel(r.segments), name: r.name, what: r.what })),
      clusters: named(this.clusters, m[1]),
      listenerNames: named(this.listenerNames, m[2]),
      listenerAddrs: named(this.listenerAddrs, m[3]),
      unvalidatedRoutes: this.unvalidatedRoutes.slice(m[4]).map((u) => ({ segments: rel(u.segments) })),
    };
  }

  replay(captured: unknown, prefix: readonly Segment[]): void {
    const c = captured as Captured;
    const file = this.file;
    const at = (s: readonly Segment[]) => [...prefix, ...s];
    for (const r of c.clusterRefs) this.clusterRefs.push({ file, segments: at(r.segments), name: r.name, what: r.what });
    for (const n of c.clusters) this.clusters.push({ file, segments: at(n.segments), key: n.key });
    for (const n of c.listenerNames) this.listenerNames.push({ file, segments: at(n.segments), key: n.key });
    for (const n of c.listenerAddrs) this.listenerAddrs.push({ file, segments: at(n.segments), key: n.key });
    for (const u of c.unvalidatedRoutes) this.unvalidatedRoutes.push({ file, segments: at(u.segments) });
  }

  private ref(ctx: WalkContext, o: Obj, name: string, what: string, ...extra: Segment[]): void {
    const [v, key] = field(o, name);
    if (typeof v === 'string' && v !== '') {
      this.clusterRefs.push({ file: this.file, segments: [...ctx.path, ...extra, key], name: v, what });
    }
  }

  private cluster(o: Obj, ctx: WalkContext): void {
    const [name, key] = field(o, 'name');
    if (typeof name === 'string') this.clusters.push({ file: this.file, segments: [...ctx.path, key], key: name });
  }

  private listener(o: Obj, ctx: WalkContext): void {
    const [name, key] = field(o, 'name');
    if (typeof name === 'string' && name !== '') this.listenerNames.push({ file: this.file, segments: [...ctx.path, key], key: name });
    const [addr, addrKey] = field(o, 'address');
    this.address(addr, [...ctx.path, addrKey]);
    const [more, moreKey] = field(o, 'additional_addresses');
    if (Array.isArray(more)) {
      more.forEach((a, i) => {
        if (isObj(a)) {
          const [inner, innerKey] = field(a, 'address');
          this.address(inner, [...ctx.path, moreKey, i, innerKey]);
        }
      });
    }
  }

  private address(addr: unknown, segments: Segment[]): void {
    if (!isObj(addr)) return;
    const [sock, sockKey] = field(addr, 'socket_address');
    if (isObj(sock)) {
      const [port] = field(sock, 'port_value');
      // Port 0 asks the kernel for a free port: many listeners may do that.
      if (port === undefined || Number(port) === 0) return;
      const [ip] = field(sock, 'address');
      const [proto] = field(sock, 'protocol');
      const key = `${typeof proto === 'string' ? proto : 'TCP'} ${String(ip)}:${String(port)}`;
      this.listenerAddrs.push({ file: this.file, segments: [...segments, sockKey], key });
      return;
    }
    const [pipe, pipeKey] = field(addr, 'pipe');
    if (isObj(pipe)) {
      const [p] = field(pipe, 'path');
      if (typeof p === 'string') this.listenerAddrs.push({ file: this.file, segments: [...segments, pipeKey], key: `pipe ${p}` });
    }
  }

  private filterChain(o: Obj, ctx: WalkContext): void {
    const [filters, key] = field(o, 'filters');
    if (!Array.isArray(filters) || filters.length === 0) return;
    filters.forEach((f, i) => {
      if (!isObj(f)) return;
      const type = filterType(f);
      const [name] = field(f, 'name');
      const terminal = type !== undefined ? TERMINAL_NETWORK_TYPES.has(type) : TERMINAL_NETWORK_NAMES.has(String(name));
      const last = i === filters.length - 1;
      const label = `${JSON.stringify(name ?? '')}${type ? ` (${type})` : ''}`;
      if (last && !terminal) {
        ctx.report(
          'filter-chain.not-terminal',
          `the last network filter ${label} is not a terminal filter; a filter chain must end in one such as http_connection_manager or tcp_proxy`,
          'value',
          key,
          i,
        );
      } else if (!last && terminal) {
        ctx.report('filter-chain.terminal-not-last', `terminal network filter ${label} must be the last filter of its chain`, 'value', key, i);
      }
    });
  }

  private httpConnectionManager(o: Obj, ctx: WalkContext): void {
    const [filters, key] = field(o, 'http_filters');
    if (!Array.isArray(filters) || filters.length === 0) {
      ctx.report('http-filter-chain.not-router', 'the HTTP filter chain is empty; it must end with envoy.filters.http.router', 'value', key);
      return;
    }
    filters.forEach((f, i) => {
      if (!isObj(f)) return;
      const type = filterType(f);
      const [name] = field(f, 'name');
      const terminal = type !== undefined ? TERMINAL_HTTP_TYPES.has(type) : TERMINAL_HTTP_NAMES.has(String(name));
      const last = i === filters.length - 1;
      const label = `${JSON.stringify(name ?? '')}${type ? ` (${type})` : ''}`;
      if (last && !terminal) {
        ctx.report('http-filter-chain.not-router', `the HTTP filter chain ends with ${label}; it must end with envoy.filters.http.router`, 'value', key, i);
      } else if (!last && terminal) {
        ctx.report('http-filter-chain.terminal-not-last', `terminal HTTP filter ${label} must be the last filter`, 'value', key, i);
      }
    });
  }

  private routeConfiguration(o: Obj, ctx: WalkContext): void {
    const [validate] = field(o, 'validate_clusters');
    if (validate === false) this.unvalidatedRoutes.push({ file: this.file, segments: ctx.path.slice() });
    const [vhosts, vkey] = field(o, 'virtual_hosts');
    if (!Array.isArray(vhosts)) return;
    // Envoy lower-cases domains and rejects any repeat, `*` included, within one route configuration.
    const seen = new Map<string, string>();
    vhosts.forEach((vh, i) => {
      if (!isObj(vh)) return;
      const [domains, dkey] = field(vh, 'domains');
      const [vname] = field(vh, 'name');
      if (!Array.isArray(domains)) return;
      domains.forEach((d, j) => {
        if (typeof d !== 'string') return;
        const k = d.toLowerCase();
        const prev = seen.get(k);
        if (prev !== undefined) {
          ctx.report(
            'duplicate-domain',
            k === '*'
              ? `only one virtual host may have the wildcard domain "*" (also in ${prev})`
              : `domain ${JSON.stringify(d)} appears more than once in the route configuration (also in ${prev})`,
            'value',
            vkey,
            i,
            dkey,
            j,
          );
        } else seen.set(k, `virtual host ${JSON.stringify(vname ?? '')}`);
      });
    });
  }

  private routeAction(o: Obj, ctx: WalkContext): void {
    this.ref(ctx, o, 'cluster', 'route');
    const [wc, wkey] = field(o, 'weighted_clusters');
    if (isObj(wc)) {
      const [cs, ckey] = field(wc, 'clusters');
      if (Array.isArray(cs)) cs.forEach((c, i) => isObj(c) && this.ref(ctx, c, 'name', 'weighted cluster', wkey, ckey, i));
    }
    const [mirrors, mkey] = field(o, 'request_mirror_policies');
    if (Array.isArray(mirrors)) mirrors.forEach((m, i) => isObj(m) && this.ref(ctx, m, 'cluster', 'request mirror', mkey, i));
  }

  private tcpProxy(o: Obj, ctx: WalkContext): void {
    this.ref(ctx, o, 'cluster', 'tcp_proxy');
    const [wc, wkey] = field(o, 'weighted_clusters');
    if (isObj(wc)) {
      const [cs, ckey] = field(wc, 'clusters');
      if (Array.isArray(cs)) cs.forEach((c, i) => isObj(c) && this.ref(ctx, c, 'name', 'tcp_proxy weighted cluster', wkey, ckey, i));
    }
  }

  private regex(o: Obj, ctx: WalkContext): void {
    const [re, key] = field(o, 'regex');
    if (typeof re !== 'string') return;
    const problem = checkEnvoyRegex(re);
    if (!problem) return;
    if (problem.kind === 'invalid') ctx.report('regex.invalid', `invalid RE2 regex ${JSON.stringify(re)}: ${problem.detail}`, 'value', key);
    else {
      ctx.report(
        'regex.program-size',
        `RE2 program size of ${JSON.stringify(re)} is about ${problem.size}, over Envoy's default limit of ${problem.limit} (re2.max_program_size.error_level)`,
        'value',
        key,
      );
    }
  }

  private discoveryResponse(o: Obj, ctx: WalkContext): void {
    const [typeUrl] = field(o, 'type_url');
    const [resources, rkey] = field(o, 'resources');
    if (!Array.isArray(resources)) return;
    resources.forEach((r, i) => {
      if (!isObj(r) || typeof r['@type'] !== 'string') return;
      if (typeof typeUrl === 'string' && r['@type'] !== typeUrl) {
        ctx.report(
          'discovery.type-mismatch',
          `resource @type ${JSON.stringify(r['@type'])} does not match the response's type_url ${JSON.stringify(typeUrl)}`,
          'value',
          rkey,
          i,
          '@type',
        );
      }
    });
  }

  /** The cross-resource issues: duplicates and dangling cluster references. */
  finish(): FileIssue[] {
    const out: FileIssue[] = [];
    const issue = (n: { file: string; segments: readonly Segment[] }, rule: string, message: string): void => {
      out.push({ file: n.file, issue: { path: formatPath(n.segments), rule, message, segments: n.segments, at: 'value' } });
    };
    const where = (n: Named) => `${n.file ? n.file + ':' : ''}${formatPath(n.segments)}`;
    const dups = (items: Named[], rule: string, what: string) => {
      const first = new Map<string, Named>();
      for (const n of items) {
        const f = first.get(n.key);
        if (f) issue(n, rule, `${what} ${JSON.stringify(n.key)} is already defined at ${where(f)}`);
        else first.set(n.key, n);
      }
    };
    dups(this.clusters.filter((c) => c.key !== ''), 'duplicate-cluster-name', 'cluster name');
    dups(this.listenerNames, 'duplicate-listener-name', 'listener name');
    dups(this.listenerAddrs, 'duplicate-listener-address', 'listener address');
    if (this.clustersComplete) {
      const names = new Set(this.clusters.map((c) => c.key));
      const unvalidated = this.unvalidatedRoutes.map((u) => ({ file: u.file, path: formatPath(u.segments) }));
      for (const r of this.clusterRefs) {
        if (names.has(r.name)) continue;
        const p = formatPath(r.segments);
        const inside = (u: { file: string; path: string }) =>
          u.file === r.file && (u.path === '' || (p.startsWith(u.path) && (p[u.path.length] === '.' || p[u.path.length] === '[')));
        if (unvalidated.some(inside)) continue;
        issue(r, 'dangling-cluster', `${r.what} refers to cluster ${JSON.stringify(r.name)}, which no cluster defines`);
      }
    }
    return out;
  }
}
