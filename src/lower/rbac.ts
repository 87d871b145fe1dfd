/**
 * Authorization as Envoy RBAC, with Istio's semantics and Istio's encoding:
 * two RBAC filters in a row, the first with action DENY (the rules of every
 * DENY policy), the second with action ALLOW (the rules of every ALLOW
 * policy; present whenever an ALLOW policy selects the service, so that with
 * no matching rule, or no rule at all, the request is denied). HTTP services
 * get the HTTP filters (in the HTTP filter plug-in list), TCP services the
 * network filters (in front of tcp_proxy).
 */
import type { AuthorizationIr, AuthzConditionIr, AuthzOperationIr, AuthzPathIr, AuthzRuleIr, AuthzSourceIr } from '../ir/index.js';
import { T, typedExtension, type Json } from './envoy.js';

/** The jwt_authn filter's name: the namespace of the dynamic metadata its payloads are written to. */
export const JWT_AUTHN_FILTER = 'envoy.filters.http.jwt_authn';
/** The key under which jwt_authn writes a validated token's payload (`payload_in_metadata`), read by claim conditions. */
export const JWT_PAYLOAD_KEY = 'jwt_payload';
/** The RBAC HTTP filter's name. */
export const HTTP_RBAC_FILTER = 'envoy.filters.http.rbac';
/** The RBAC network filter's name. */
export const NETWORK_RBAC_FILTER = 'envoy.filters.network.rbac';

/** Which of the two filters. */
export type RbacAction = 'DENY' | 'ALLOW';

/** The rules of one action, or undefined when that filter is not needed. */
function rulesOf(authz: AuthorizationIr, action: RbacAction): readonly AuthzRuleIr[] | undefined {
  if (action === 'DENY') return authz.deny.length > 0 ? authz.deny : undefined;
  return authz.allowEnforced ? authz.allow : undefined;
}

/** `RBAC.rules`: one Envoy policy per meshc rule, keyed by Istio's policy id, in policy then rule order. */
export function rbacRules(rules: readonly AuthzRuleIr[], action: RbacAction): Json {
  const policies: Json = {};
  for (const r of rules) policies[r.id] = { permissions: permissions(r.operations), principals: principals(r) };
  return { action, policies };
}

/** The HTTP RBAC filter for one action, or undefined when it is not needed. */
export function httpRbacFilter(authz: AuthorizationIr | undefined, action: RbacAction): Json | undefined {
  const rules = authz && rulesOf(authz, action);
  if (!rules) return undefined;
  return typedExtension(HTTP_RBAC_FILTER, T.HttpRbac, { rules: rbacRules(rules, action) });
}

/**
 * The network RBAC filters of a TCP service's inbound filter chain, deny
 * first. Each has its own stat prefix so that `<prefix>.rbac.denied` says
 * which one refused a connection.
 */
export function networkRbacFilters(authz: AuthorizationIr | undefined, statPrefix: string): Json[] {
  if (!authz) return [];
  const out: Json[] = [];
  for (const action of ['DENY', 'ALLOW'] as const) {
    const rules = rulesOf(authz, action);
    if (!rules) continue;
    out.push(
      typedExtension(NETWORK_RBAC_FILTER, T.NetworkRbac, {
        stat_prefix: `${statPrefix}_${action.toLowerCase()}`,
        rules: rbacRules(rules, action),
      }),
    );
  }
  return out;
}

/** One operation per permission (any may match); inside one, methods AND paths. */
function permissions(ops: readonly AuthzOperationIr[] | undefined): Json[] {
  if (ops === undefined) return [{ any: true }];
  return ops.map((op) => {
    const parts: Json[] = [];
    if (op.methods) parts.push(orRules(op.methods.map((m) => ({ header: { name: ':method', string_match: { exact: m } } }))));
    if (op.paths) parts.push(orRules(op.paths.map(pathPermission)));
    if (op.ports) parts.push(orRules(op.ports.map((port) => ({ destination_port: port }))));
    return parts.length === 0 ? { any: true } : parts.length === 1 ? parts[0]! : { and_rules: { rules: parts } };
  });
}

/** `url_path` compares the path without its query string, as Istio's `paths` do. */
function pathPermission(p: AuthzPathIr): Json {
  return p.kind === 'any' ? { any: true } : { url_path: { path: { [p.kind]: p.value } } };
}

/** One principal: the sources (any) AND every condition. */
function principals(r: AuthzRuleIr): Json[] {
  const parts: Json[] = [];
  if (r.sources) parts.push(orIds(r.sources.map(sourcePrincipal)));
  for (const c of r.conditions) parts.push(conditionPrincipal(c));
  if (parts.length === 0) return [{ any: true }];
  return [parts.length === 1 ? parts[0]! : { and_ids: { ids: parts } }];
}

/**
 * A mesh identity is the peer certificate's URI SAN (`authenticated.principal_name`),
 * which the inbound TLS context has already validated against the trust domain;
 * an ipBlock is the directly connected peer's address.
 */
function sourcePrincipal(s: AuthzSourceIr): Json {
  if (s.kind === 'principal') return { authenticated: { principal_name: { [s.match]: s.value } } };
  return { direct_remote_ip: { address_prefix: s.address, prefix_len: s.prefixLen } };
}

/**
 * A header condition matches the header's value exactly. A claim condition
 * reads the payload jwt_authn wrote into dynamic metadata; a claim may be a
 * string or a list of strings (`groups`), so each value is matched both
 * ways, as Istio does.
 */
function conditionPrincipal(c: AuthzConditionIr): Json {
  if (c.kind === 'header') return orIds(c.values.map((v) => ({ header: { name: c.name, string_match: { exact: v } } })));
  const metadata = (value: Json): Json => ({
    metadata: { filter: JWT_AUTHN_FILTER, path: [{ key: JWT_PAYLOAD_KEY }, { key: c.name }], value },
  });
  return orIds(
    c.values.flatMap((v) => [metadata({ string_match: { exact: v } }), metadata({ list_match: { one_of: { string_match: { exact: v } } } })]),
  );
}

function orIds(ids: Json[]): Json {
  return ids.length === 1 ? ids[0]! : { or_ids: { ids } };
}

function orRules(rules: Json[]): Json {
  return rules.length === 1 ? rules[0]! : { or_rules: { rules } };
}
