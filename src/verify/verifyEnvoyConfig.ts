import { envoyApi } from './bundle.js';
import { SemanticCollector, type FileIssue } from './semantic.js';
import { WalkContext, WalkMemo, Walker, type EnvoyIssue, type LocatedIssue } from './walker.js';

/** The short names of the documents that can be verified, and the message each is. */
export const ENVOY_CONFIG_TYPES = {
  bootstrap: 'envoy.config.bootstrap.v3.Bootstrap',
  'discovery-response': 'envoy.service.discovery.v3.DiscoveryResponse',
  cluster: 'envoy.config.cluster.v3.Cluster',
  listener: 'envoy.config.listener.v3.Listener',
  route: 'envoy.config.route.v3.RouteConfiguration',
  'virtual-host': 'envoy.config.route.v3.VirtualHost',
  endpoint: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
  secret: 'envoy.extensions.transport_sockets.tls.v3.Secret',
} as const;

/** A short document type name, e.g. `bootstrap` or `cluster`. */
export type EnvoyConfigType = keyof typeof ENVOY_CONFIG_TYPES;

/** The resource type each xDS file of a config set must hold. */
const XDS_FILE_TYPES = {
  lds: ENVOY_CONFIG_TYPES.listener,
  cds: ENVOY_CONFIG_TYPES.cluster,
  rds: ENVOY_CONFIG_TYPES.route,
  eds: ENVOY_CONFIG_TYPES.endpoint,
} as const;

/** A proxy's config as bootstrap + xDS DiscoveryResponse files (any may be absent). */
export interface EnvoyConfigSet {
  readonly bootstrap?: unknown;
  readonly lds?: unknown;
  readonly cds?: unknown;
  readonly rds?: unknown;
  readonly eds?: unknown;
}

let walker: Walker | undefined;

/** The walker over the lazily loaded bundle; its compiled validators are reused by every call. */
function sharedWalker(): Walker {
  const api = envoyApi();
  if (!walker || walker.api !== api) walker = new Walker(api);
  return walker;
}

/** The full message name for a short type name (or a full name given as is). */
export function messageTypeOf(type: EnvoyConfigType | string): string {
  return (ENVOY_CONFIG_TYPES as Record<string, string>)[type] ?? type;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a bootstrap gets clusters from CDS (so its static clusters are not all of them). */
function bootstrapUsesCds(b: unknown): boolean {
  if (!isObj(b)) return false;
  const dyn = b.dynamic_resources ?? b.dynamicResources;
  if (!isObj(dyn)) return false;
  return ['cds_config', 'cdsConfig', 'cds_resources_locator', 'cdsResourcesLocator'].some((k) => dyn[k] !== undefined && dyn[k] !== null);
}

/**
 * A cache for one verification pass over documents that share objects, such
 * as compile()'s lowered proxies (an outbound cluster or a route is one object
 * used by every proxy that has it). Pass the same memo to each
 * verifyEnvoyConfig call of the pass: each object is then checked once and
 * its issues, and what the cross-resource checks need from it, are replayed
 * wherever it appears again, with that document's paths, so the issues are
 * exactly those of verifying every document in full. Keyed by identity: the
 * objects must not be mutated while the memo is in use. Drop it after the pass.
 */
export class VerifyMemo {
  private memo: WalkMemo | undefined;

  /** @param types the message types to cache (full names); undefined: every message type. */
  constructor(readonly types?: readonly string[]) {}

  /** The walker memo for `walker` (a new one if the bundle was reloaded). */
  forWalker(walker: Walker): WalkMemo {
    if (this.memo?.walker !== walker) this.memo = new WalkMemo(walker, this.types ? new Set(this.types) : undefined);
    return this.memo;
  }

  /** Objects walked, and walks served from the cache, so far. */
  get stats(): { readonly misses: number; readonly hits: number } {
    return { misses: this.memo?.misses ?? 0, hits: this.memo?.hits ?? 0 };
  }
}

/** Options of verifyEnvoyConfig and verifyConfigSet. */
export interface VerifyOptions {
  /** Share checked objects with other calls of the same pass (see VerifyMemo). */
  readonly memo?: VerifyMemo;
}

function toPublic(i: LocatedIssue | EnvoyIssue): EnvoyIssue {
  return { path: i.path, rule: i.rule, message: i.message };
}

/** One walked file of a verification, with its located issues. */
export interface VerifiedFile {
  readonly file: string;
  readonly issues: LocatedIssue[];
}

/**
 * Verifies several documents together, so that cross-document references
 * resolve: walks each as its message type, then adds the cross-resource issues.
 * `clustersComplete` says whether the documents hold every cluster the proxy
 * can have (then a reference to any other cluster is dangling).
 */
export function verifyLocated(
  docs: readonly { file: string; value: unknown; type: string; expectResourceType?: string }[],
  clustersComplete: boolean,
  memo?: VerifyMemo,
): VerifiedFile[] {
  const w = sharedWalker();
  const walkMemo = memo?.forWalker(w);
  const collector = new SemanticCollector();
  collector.clustersComplete = clustersComplete;
  const out: VerifiedFile[] = [];
  for (const d of docs) {
    collector.file = d.file;
    const ctx = new WalkContext(w, collector.hooks, walkMemo, collector);
    const typeName = messageTypeOf(d.type);
    if (!w.hasMessage(typeName)) {
      ctx.report('type.unknown', `cannot verify a document of type ${JSON.stringify(d.type)}: not a message of the Envoy API bundle`);
    } else {
      w.walk(typeName, d.value, ctx);
      if (d.expectResourceType && isObj(d.value)) {
        const url = d.value.type_url ?? d.value.typeUrl;
        const want = `type.googleapis.com/${d.expectResourceType}`;
        if (typeof url === 'string' && url !== want) {
          ctx.report('discovery.type-url', `type_url ${JSON.stringify(url)} is not the ${want} this file must serve`, 'value', 'type_url' in d.value ? 'type_url' : 'typeUrl');
        }
        // Envoy's filesystem subscription hands the whole file to the one route_config_name that
        // reads it, and RDS accepts exactly one RouteConfiguration per update.
        const resources = d.value.resources;
        if (d.expectResourceType === ENVOY_CONFIG_TYPES.route && Array.isArray(resources) && resources.length !== 1) {
          ctx.report(
            'discovery.rds-one-config',
            `an RDS file must hold exactly one RouteConfiguration (Envoy rejects "Unexpected RDS resource length"); this one holds ${resources.length}`,
            'value',
            'resources',
          );
        }
      }
    }
    out.push({ file: d.file, issues: ctx.issues });
  }
  const late: FileIssue[] = collector.finish();
  for (const { file, issue } of late) {
    const f = out.find((o) => o.file === file);
    if (f) f.issues.push(issue);
  }
  return out;
}

/**
 * Checks one Envoy config document (proto3 JSON, as parsed) against Envoy's
 * API: field names, types, JSON forms, PGV rules, and the C++ checks of
 * ./semantic.ts. Returns every issue; never throws on bad input.
 */
export function verifyEnvoyConfig(value: unknown, type: EnvoyConfigType | string, options: VerifyOptions = {}): EnvoyIssue[] {
  // Only a bootstrap that does not use CDS shows every cluster there is.
  const complete = type === 'bootstrap' && !bootstrapUsesCds(value);
  const [file] = verifyLocated([{ file: '', value, type }], complete, options.memo);
  return file!.issues.map(toPublic);
}

/**
 * Checks a proxy emitted as bootstrap + xDS DiscoveryResponse files, with the
 * cross-file checks (clusters referenced by routes in rds/lds must be in cds or
 * the bootstrap). Issue paths are prefixed with the file, e.g.
 * `cds.json:resources[0].name`.
 */
export function verifyConfigSet(files: EnvoyConfigSet, options: VerifyOptions = {}): EnvoyIssue[] {
  const docs: { file: string; value: unknown; type: string; expectResourceType?: string }[] = [];
  if (files.bootstrap !== undefined) docs.push({ file: 'bootstrap.json', value: files.bootstrap, type: 'bootstrap' });
  for (const k of ['lds', 'cds', 'rds', 'eds'] as const) {
    if (files[k] !== undefined) docs.push({ file: `${k}.json`, value: files[k], type: 'discovery-response', expectResourceType: XDS_FILE_TYPES[k] });
  }
  const complete = files.cds !== undefined || (files.bootstrap !== undefined && !bootstrapUsesCds(files.bootstrap));
  return verifyLocated(docs, complete, options.memo).flatMap((f) => f.issues.map((i) => ({ ...toPublic(i), path: `${f.file}:${i.path}` })));
}
