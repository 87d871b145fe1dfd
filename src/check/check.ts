import type { DiagnosticBag } from '../diagnostics/index.js';
import type { AnyResource } from '../schema/index.js';
import { CheckContext } from './CheckContext.js';
import { BackendWeightsRule } from './rules/BackendWeightsRule.js';
import { CertificatesRule } from './rules/CertificatesRule.js';
import { DuplicateResourceRule } from './rules/DuplicateResourceRule.js';
import { EndpointsXorDnsRule } from './rules/EndpointsXorDnsRule.js';
import { ExternalServiceRule } from './rules/ExternalServiceRule.js';
import { KnownServiceRule } from './rules/KnownServiceRule.js';
import { KnownSubsetRule } from './rules/KnownSubsetRule.js';
import { KnownUpstreamRule } from './rules/KnownUpstreamRule.js';
import { MtlsModeRule } from './rules/MtlsModeRule.js';
import { OutboundPortRule } from './rules/OutboundPortRule.js';
import { PositiveDurationRule } from './rules/PositiveDurationRule.js';
import { RouteTargetRule } from './rules/RouteTargetRule.js';
import { SingleMeshRule } from './rules/SingleMeshRule.js';
import { SingleRouteRule } from './rules/SingleRouteRule.js';
import { SingleSplitRule } from './rules/SingleSplitRule.js';
import { SplitBackendRule } from './rules/SplitBackendRule.js';
import { SplitCycleRule } from './rules/SplitCycleRule.js';
import { TcpServiceRule } from './rules/TcpServiceRule.js';
import { SubsetSelectsEndpointRule } from './rules/SubsetSelectsEndpointRule.js';
import { UnreachableRuleRule } from './rules/UnreachableRuleRule.js';
import { ValidRegexRule } from './rules/ValidRegexRule.js';
import { GatewayBackendProtocolRule } from './rules/GatewayBackendProtocolRule.js';
import { GatewayListenerRule } from './rules/GatewayListenerRule.js';
import { GatewayPortRule } from './rules/GatewayPortRule.js';
import { GatewayRouteConflictRule } from './rules/GatewayRouteConflictRule.js';
import { GatewayRouteHostsRule } from './rules/GatewayRouteHostsRule.js';
import { GatewayRuleTargetRule } from './rules/GatewayRuleTargetRule.js';
import { HashPolicyRule } from './rules/HashPolicyRule.js';
import { HealthCheckRule } from './rules/HealthCheckRule.js';
import { MirrorTargetRule } from './rules/MirrorTargetRule.js';
import { RateLimitRule } from './rules/RateLimitRule.js';
import { RedirectRule } from './rules/RedirectRule.js';
import { RewritePathRule } from './rules/RewritePathRule.js';
import { SinglePolicyRule } from './rules/SinglePolicyRule.js';
import { TcpPolicyRule } from './rules/TcpPolicyRule.js';
import { UnknownGatewayRule } from './rules/UnknownGatewayRule.js';
import { AuthorizationSourceRule } from './rules/AuthorizationSourceRule.js';
import { AuthzPortRule } from './rules/AuthzPortRule.js';
import { ClaimNeedsJwtRule } from './rules/ClaimNeedsJwtRule.js';
import { HttpAuthOnTcpRule } from './rules/HttpAuthOnTcpRule.js';
import { IdentityNeedsMtlsRule } from './rules/IdentityNeedsMtlsRule.js';
import { MtlsNamespaceRule } from './rules/MtlsNamespaceRule.js';
import { PolicyTargetRule } from './rules/PolicyTargetRule.js';
import { PrometheusPortRule } from './rules/PrometheusPortRule.js';
import { ProxyNameRule } from './rules/ProxyNameRule.js';
import { SingleRequestAuthenticationRule } from './rules/SingleRequestAuthenticationRule.js';
import { TracingCollectorRule } from './rules/TracingCollectorRule.js';
import { WhenConditionRule } from './rules/WhenConditionRule.js';

/** A semantic rule: looks at the whole model and reports what breaks its invariant. */
export type Rule = (ctx: CheckContext) => void;

/** Every semantic rule, in the order their diagnostics are most useful (they are sorted by position anyway). */
export const RULES: readonly Rule[] = [
  DuplicateResourceRule,
  SingleMeshRule,
  CertificatesRule,
  MtlsModeRule,
  EndpointsXorDnsRule,
  ExternalServiceRule,
  SubsetSelectsEndpointRule,
  KnownUpstreamRule,
  RouteTargetRule,
  KnownServiceRule,
  KnownSubsetRule,
  TcpServiceRule,
  BackendWeightsRule,
  SingleRouteRule,
  SingleSplitRule,
  SplitBackendRule,
  SplitCycleRule,
  UnreachableRuleRule,
  ValidRegexRule,
  PositiveDurationRule,
  OutboundPortRule,
  ProxyNameRule,
  // Traffic management: policies, route features, gateways.
  HashPolicyRule,
  HealthCheckRule,
  SinglePolicyRule,
  TcpPolicyRule,
  RedirectRule,
  RewritePathRule,
  MirrorTargetRule,
  RateLimitRule,
  UnknownGatewayRule,
  GatewayListenerRule,
  GatewayPortRule,
  GatewayRouteHostsRule,
  GatewayRouteConflictRule,
  GatewayRuleTargetRule,
  GatewayBackendProtocolRule,
  // Security and observability.
  AuthorizationSourceRule,
  AuthzPortRule,
  ClaimNeedsJwtRule,
  HttpAuthOnTcpRule,
  IdentityNeedsMtlsRule,
  MtlsNamespaceRule,
  PolicyTargetRule,
  PrometheusPortRule,
  SingleRequestAuthenticationRule,
  TracingCollectorRule,
  WhenConditionRule,
];

/** Runs every semantic rule and returns the context the IR is built from. */
export function check(resources: readonly AnyResource[], bag: DiagnosticBag, rules: readonly Rule[] = RULES): CheckContext {
  const ctx = new CheckContext(resources, bag);
  for (const rule of rules) rule(ctx);
  return ctx;
}
