import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic, type MessageId } from '../diagnostics/index.js';
import type { SourceInput, Span } from '../source/index.js';
import { verifyLocated } from './verifyEnvoyConfig.js';
import { ENVOY_CONFIG_TYPES, type EnvoyConfigType } from './verifyEnvoyConfig.js';
import { MapKey, type LocatedIssue, type Segment } from './walker.js';
import { withPlainEnv } from '../util/plainEnv.js';

/** Options of `meshc verify`. */
export interface VerifyDocumentsOptions {
  /** The type of every document; detected per document when absent. */
  readonly type?: EnvoyConfigType;
  /**
   * Files the inputs refer to that are checked elsewhere (e.g. a CDS file
   * several proxies share): they take part in the cross-file checks, so
   * references into them resolve, but their own issues are not reported here.
   */
  readonly context?: readonly SourceInput[];
}

/** The message table entry for an issue's rule family. */
function messageFor(rule: string): MessageId {
  if (rule === 'unknown-field') return 'EnvoyUnknownField';
  if (rule.startsWith('type.') || rule === 'any.type') return 'EnvoyWrongType';
  if (rule === 'discovery.rds-one-config') return 'EnvoyDiscoveryFile';
  if (rule === 'any.unknown-type' || rule.startsWith('typed-struct.') || rule.startsWith('discovery.')) return 'EnvoyUnknownType';
  if (rule.startsWith('oneof.')) return 'EnvoyOneof';
  if (rule.startsWith('dangling-')) return 'EnvoyDanglingReference';
  if (rule.startsWith('duplicate-')) return 'EnvoyDuplicate';
  if (rule.startsWith('regex.')) return 'EnvoyRegex';
  if (rule.startsWith('filter-chain.') || rule.startsWith('http-filter-chain.')) return 'EnvoyFilterChain';
  return 'EnvoyRuleViolation';
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A DiscoveryResponse has `resources` and a `type_url` or `version_info`; anything else is taken as a bootstrap. */
export function detectType(value: unknown): EnvoyConfigType {
  if (isObj(value) && 'resources' in value && ['type_url', 'typeUrl', 'version_info', 'versionInfo'].some((k) => k in value)) {
    return 'discovery-response';
  }
  return 'bootstrap';
}

/** The resource type an xDS file must serve, from its name (`lds.json`, `cds.yaml`, …). */
function resourceTypeFromName(path: string): string | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  const m = /^(lds|cds|rds|eds)\.(json|ya?ml)$/.exec(base);
  if (!m) return undefined;
  return { lds: ENVOY_CONFIG_TYPES.listener, cds: ENVOY_CONFIG_TYPES.cluster, rds: ENVOY_CONFIG_TYPES.route, eds: ENVOY_CONFIG_TYPES.endpoint }[
    m[1] as 'lds' | 'cds' | 'rds' | 'eds'
  ];
}

function spanOf(file: string, node: { range?: [number, number, number] | null } | null | undefined): Span | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return { file, start: r[0], length: Math.max(1, r[1] - r[0]) };
}

/**
 * The span of the node an issue points at: the value, or the key for an
 * unknown field; for a field that is missing, the key of the nearest
 * enclosing field.
 */
export function locate(doc: Document, file: string, issue: Pick<LocatedIssue, 'segments' | 'at'>): Span | undefined {
  let node: unknown = doc.contents;
  let lastKey: unknown;
  const segs = issue.segments;
  for (let i = 0; i < segs.length; i++) {
    const s: Segment = segs[i]!;
    let next: unknown;
    let keyNode: unknown;
    if (typeof s === 'number') {
      if (isSeq(node)) next = node.items[s];
    } else if (isMap(node)) {
      const k = s instanceof MapKey ? s.key : s;
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) === k : false));
      if (pair) {
        keyNode = pair.key;
        next = pair.value;
      }
    }
    if (next === undefined && keyNode === undefined) break;
    if (i === segs.length - 1 && issue.at === 'key' && keyNode) return spanOf(file, keyNode as YamlNode);
    if (keyNode) lastKey = keyNode;
    if (next === undefined || next === null) {
      // `key:` with no value: point at the key.
      return spanOf(file, keyNode as YamlNode);
    }
    node = next;
    if (i === segs.length - 1) return spanOf(file, node as YamlNode);
  }
  if (segs.length === 0) return spanOf(file, node as YamlNode);
  return spanOf(file, (lastKey ?? node) as YamlNode) ?? { file, start: 0, length: 0 };
}

/**
 * `meshc verify`: parses each input (JSON or YAML, which includes JSON),
 * detects bootstrap vs DiscoveryResponse unless `opts.type` says, verifies all
 * of them together (so references across files resolve) and reports every
 * issue as a diagnostic on the offending node.
 */
export function verifyDocuments(inputs: readonly SourceInput[], opts: VerifyDocumentsOptions = {}): Diagnostic[] {
  return withPlainEnv(() => verifyParsed(inputs, opts));
}

function verifyParsed(inputs: readonly SourceInput[], opts: VerifyDocumentsOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const parsed: { input: SourceInput; doc: Document; value: unknown; type: string; expect?: string; context?: true }[] = [];
  const context = new Set(opts.context ?? []);
  for (const input of [...inputs, ...context]) {
    const doc = parseDocument(input.text, { prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      if (context.has(input)) continue;
      for (const e of doc.errors) {
        diagnostics.push(
          diagnostic('YamlSyntax', { file: input.path, start: e.pos[0], length: Math.max(1, e.pos[1] - e.pos[0]) }, { detail: e.message.split('\n')[0]! }),
        );
      }
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      if (!context.has(input)) {
        diagnostics.push(diagnostic('YamlAliasLimit', { file: input.path, start: 0, length: 0 }, { detail: (e as Error).message }));
      }
      continue;
    }
    const type = opts.type ?? detectType(value);
    const expect = type === 'discovery-response' ? resourceTypeFromName(input.path) : undefined;
    parsed.push({ input, doc, value, type, ...(expect ? { expect } : {}), ...(context.has(input) ? { context: true as const } : {}) });
  }
  // Every cluster is visible when a bootstrap without CDS or a CDS response is among the inputs.
  const complete = parsed.some(
    (p) =>
      (p.type === 'bootstrap' && !usesCds(p.value)) ||
      (p.type === 'discovery-response' && isObj(p.value) && String(p.value.type_url ?? p.value.typeUrl ?? '').endsWith('envoy.config.cluster.v3.Cluster')),
  );
  const results = verifyLocated(
    parsed.map((p) => ({ file: p.input.path, value: p.value, type: p.type, ...(p.expect ? { expectResourceType: p.expect } : {}) })),
    complete,
  );
  results.forEach((r, i) => {
    const p = parsed[i]!;
    if (p.context) return;
    for (const issue of r.issues) {
      const span = locate(p.doc, p.input.path, issue);
      diagnostics.push(diagnostic(messageFor(issue.rule), span, { path: issue.path || '(document)', detail: issue.message, rule: issue.rule }));
    }
  });
  return diagnostics;
}

function usesCds(b: unknown): boolean {
  if (!isObj(b)) return false;
  const dyn = b.dynamic_resources ?? b.dynamicResources;
  return isObj(dyn) && ['cds_config', 'cdsConfig', 'cds_resources_locator', 'cdsResourcesLocator'].some((k) => dyn[k] != null);
}
