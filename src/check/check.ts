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
import { NotSupportedYetRule } from './rules/NotSupportedYetRule.js';
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

/** A semantic rule: looks at the whole model and reports what breaks its invariant. */
export type Rule = (ctx: CheckContext) => void;

/** Every semantic rule, in the order their diagnostics are most useful (they are sorted by position anyway). */
export const RULES: readonly Rule[] = [
  DuplicateResourceRule,
  SingleMeshRule,
  CertificatesRule,
  MtlsModeRule,
  NotSupportedYetRule,
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
];

/** Runs every semantic rule and returns the context the IR is built from. */
export function check(resources: readonly AnyResource[], bag: DiagnosticBag, rules: readonly Rule[] = RULES): CheckContext {
  const ctx = new CheckContext(resources, bag);
  for (const rule of rules) rule(ctx);
  return ctx;
}
