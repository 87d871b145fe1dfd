/**
 * Every user-facing diagnostic text, with its stable code (design rule 4).
 *
 * Codes are never reused or renumbered: a removed message keeps its code
 * retired. Ranges: MESH1xxx parse, 2xxx schema, 3xxx semantic, 4xxx lowering,
 * 5xxx Envoy API verification, 9xxx internal (compiler bugs).
 * `{name}` in a text is filled from the arguments given when reporting.
 */
export type Severity = 'error' | 'warning';

/** One entry of the message table. */
export interface MessageDef {
  /** Stable code, `MESH` + four digits. */
  readonly code: string;
  /** Default severity. */
  readonly severity: Severity;
  /** Message template; `{name}` placeholders are filled from report arguments. */
  readonly text: string;
  /** Optional hint template, printed under the code frame. */
  readonly hint?: string;
}

export const Messages = {
  // ── 1xxx: reading and parsing ──────────────────────────────────────────
  YamlSyntax: { code: 'MESH1001', severity: 'error', text: 'YAML syntax error: {detail}' },
  YamlDuplicateKey: {
    code: 'MESH1002',
    severity: 'error',
    text: 'duplicate key "{key}" in a mapping',
    hint: 'a key may appear once per mapping; merge the two entries',
  },
  YamlWarning: { code: 'MESH1003', severity: 'warning', text: 'YAML: {detail}' },
  ReadFailed: { code: 'MESH1004', severity: 'error', text: 'cannot read {path}: {detail}' },
  NoInputs: {
    code: 'MESH1005',
    severity: 'error',
    text: 'no input files: {path} contains no .yaml or .yml file',
  },
  YamlAliasLimit: {
    code: 'MESH1006',
    severity: 'error',
    text: 'YAML aliases expand too far ({detail})',
    hint: 'meshc refuses documents whose aliases expand exponentially ("billion laughs")',
  },
  DocumentNotMapping: {
    code: 'MESH1007',
    severity: 'error',
    text: 'a document must be a mapping with apiVersion, kind, metadata and spec, not {found}',
  },
  NotUtf8: {
    code: 'MESH1008',
    severity: 'error',
    text: '{path} is not UTF-8 text',
    hint: 'meshc reads YAML files in UTF-8; is this a binary file?',
  },
  FileTooLarge: {
    code: 'MESH1009',
    severity: 'error',
    text: '{path} is {size} bytes, over the limit of {limit} bytes',
    hint: 'raise the limit with --max-file-size if this is really a policy file',
  },
  UnknownProxy: { code: 'MESH1010', severity: 'error', text: 'no proxy named "{name}"', hint: '{hint}' },
  StdoutNeedsOneProxy: {
    code: 'MESH1011',
    severity: 'error',
    text: '--stdout prints one proxy, but {count} are selected',
    hint: 'choose one with --proxy NAME (proxies: {names})',
  },
  OutputFailed: { code: 'MESH1012', severity: 'error', text: '{detail}' },
  UsageError: { code: 'MESH1013', severity: 'error', text: '{detail}' },

  // ── 2xxx: schema ───────────────────────────────────────────────────────
  UnknownApiVersion: {
    code: 'MESH2001',
    severity: 'error',
    text: 'unknown apiVersion "{found}"',
    hint: 'meshc understands apiVersion: meshc.dev/v1',
  },
  UnknownKind: { code: 'MESH2002', severity: 'error', text: 'unknown kind "{found}"', hint: '{hint}' },
  KindNotSupportedYet: {
    code: 'MESH2003',
    severity: 'error',
    text: 'kind {kind} is part of the meshc language but not supported by this version of meshc yet',
    hint: 'remove the resource for now; see docs/language.md for what is supported',
  },
  UnknownField: { code: 'MESH2004', severity: 'error', text: 'unknown field "{field}" in {where}', hint: '{hint}' },
  MissingField: { code: 'MESH2005', severity: 'error', text: 'missing required field "{field}" in {where}' },
  WrongType: { code: 'MESH2006', severity: 'error', text: '{where} must be {expected}, not {found}' },
  BadEnum: { code: 'MESH2007', severity: 'error', text: '{where} must be one of {allowed}, not {found}', hint: '{hint}' },
  BadFormat: { code: 'MESH2008', severity: 'error', text: '{where}: {detail}', hint: '{hint}' },
  OutOfRange: { code: 'MESH2009', severity: 'error', text: '{where} must be {limit}, not {found}' },
  ExactlyOneOf: { code: 'MESH2010', severity: 'error', text: '{where} must set exactly one of {fields}' },
  SchemaOther: { code: 'MESH2011', severity: 'error', text: '{where}: {detail}' },
  BadDuration: {
    code: 'MESH2012',
    severity: 'error',
    text: '{where} must be a duration such as "250ms", "1.5s", "2m" or "1h", not {found}',
  },

  // ── 3xxx: semantic rules ───────────────────────────────────────────────
  DuplicateResource: {
    code: 'MESH3001',
    severity: 'error',
    text: 'duplicate {kind} "{name}" in namespace "{namespace}"',
    hint: '(kind, namespace, name) must be unique across all inputs',
  },
  MultipleMeshes: {
    code: 'MESH3002',
    severity: 'error',
    text: 'more than one Mesh resource; a mesh is configured by exactly one',
  },
  UnknownService: { code: 'MESH3003', severity: 'error', text: 'unknown service "{name}"', hint: '{hint}' },
  UnknownSubset: {
    code: 'MESH3004',
    severity: 'error',
    text: 'service "{service}" has no subset "{subset}"',
    hint: '{hint}',
  },
  EmptySubset: {
    code: 'MESH3005',
    severity: 'error',
    text: 'subset "{subset}" of service "{service}" selects no endpoint',
    hint: 'no endpoint has all of the labels {labels}',
  },
  WeightsNotHundred: {
    code: 'MESH3006',
    severity: 'error',
    text: 'backend weights sum to {sum}, not 100',
    hint: 'weights are percentages of the traffic; make them add up to 100',
  },
  SplitCycle: {
    code: 'MESH3007',
    severity: 'error',
    text: 'TrafficSplits form a cycle: {cycle}',
    hint: 'a split may send traffic to another split service, but never back to itself',
  },
  MultipleSplits: {
    code: 'MESH3008',
    severity: 'error',
    text: 'service "{service}" has more than one TrafficSplit',
    hint: 'merge them into one',
  },
  UnreachableRule: {
    code: 'MESH3009',
    severity: 'error',
    text: 'rule {rule} can never match: rule {catchAll} before it matches every request',
    hint: 'move the catch-all rule (the one without "match") to the end',
  },
  UnknownUpstream: {
    code: 'MESH3010',
    severity: 'error',
    text: 'upstreams names unknown service "{name}"',
    hint: '{hint}',
  },
  InvalidRegex: {
    code: 'MESH3011',
    severity: 'error',
    text: 'invalid RE2 regular expression: {detail}',
    hint: 'Envoy uses RE2: no lookaround and no backreferences',
  },
  EndpointsXorDns: {
    code: 'MESH3012',
    severity: 'error',
    text: 'service "{service}" must set exactly one of endpoints or dns',
    hint: 'endpoints lists static addresses; dns names a host that resolves to them',
  },
  RouteTargetXor: {
    code: 'MESH3013',
    severity: 'error',
    text: 'an HTTPRoute must set either service or gateway (with hosts)',
  },
  CertificatesXor: {
    code: 'MESH3014',
    severity: 'error',
    text: 'certificates must set exactly one of sds or files',
  },
  NotSupportedYet: {
    code: 'MESH3015',
    severity: 'error',
    text: '{feature} is part of the meshc language but not supported by this version of meshc yet',
    hint: 'remove it for now; see docs/language.md for what is supported',
  },
  SplitBackendXor: {
    code: 'MESH3016',
    severity: 'error',
    text: 'a TrafficSplit backend needs a subset, a service, or both',
  },
  SubsetOnDnsService: {
    code: 'MESH3017',
    severity: 'error',
    text: 'service "{service}" resolves by dns and cannot have subsets',
    hint: 'subsets select endpoints by labels; list the endpoints to use subsets',
  },
  ExternalOnlyField: {
    code: 'MESH3018',
    severity: 'error',
    text: '{field} is only allowed on an external service',
  },
  UpstreamsOnExternal: {
    code: 'MESH3019',
    severity: 'error',
    text: 'external service "{service}" gets no sidecar, so it cannot have {field}',
  },
  DuplicatePort: {
    code: 'MESH3020',
    severity: 'error',
    text: 'services "{a}" and "{b}" are both reachable on port {port} but {reason}',
    hint: 'a sidecar listens on one outbound port per HTTP port and one per TCP service; give one of them another port or limit upstreams',
  },
  PermissiveMtls: {
    code: 'MESH3021',
    severity: 'warning',
    text: 'mtls mode "permissive" accepts plaintext connections on every inbound listener',
    hint: 'use it while migrating, then switch to strict',
  },
  DisabledMtls: {
    code: 'MESH3022',
    severity: 'warning',
    text: 'mtls mode "disabled": traffic between sidecars is neither encrypted nor authenticated',
  },
  PortClash: {
    code: 'MESH3023',
    severity: 'error',
    text: 'port {port} is used by both {a} and {b} of the sidecar "{proxy}"',
  },
  MultipleRoutes: {
    code: 'MESH3024',
    severity: 'error',
    text: 'more than one HTTPRoute for service "{service}"',
    hint: 'one HTTPRoute per service holds all of its rules, in order',
  },
  HttpFeatureOnTcp: {
    code: 'MESH3025',
    severity: 'error',
    text: 'service "{service}" speaks TCP, so it cannot have {feature}',
    hint: 'HTTP routing needs protocol http, http2 or grpc; a TCP service is split with a TrafficSplit only',
  },
  BackendWeightMissing: {
    code: 'MESH3026',
    severity: 'error',
    text: 'this backend has no weight, but the rule has {count} backends',
    hint: 'a weight may be left out only when it is the only backend; give every backend its percentage',
  },
  DurationNotPositive: {
    code: 'MESH3027',
    severity: 'error',
    text: '{where} must be longer than 0',
    hint: 'Envoy rejects a zero {what}',
  },
  BackoffMaxBelowBase: {
    code: 'MESH3028',
    severity: 'error',
    text: 'retry backoff max ({max}) is shorter than its base ({base})',
    hint: 'Envoy requires max >= base',
  },
  HostsOnServiceRoute: {
    code: 'MESH3029',
    severity: 'error',
    text: 'hosts applies to gateway routes only; a mesh route matches the names of its service',
    hint: 'remove hosts, or attach the route to a gateway',
  },
  ExternalTlsNeedsSni: {
    code: 'MESH3030',
    severity: 'error',
    text: 'external service "{service}" originates TLS but has no name to send as SNI and verify the certificate for',
    hint: 'set tls.sni (its endpoints are IP addresses, so there is no DNS name to default to)',
  },
  AppPortClash: {
    code: 'MESH3031',
    severity: 'error',
    text: 'the sidecar "{proxy}" would listen on {address}:{port} for service "{upstream}", where its own app listens (127.0.0.1:{port})',
    hint: 'give the app another targetPort, or move the outbound listeners with Mesh spec.proxy.outboundAddress (e.g. 127.0.0.2)',
  },

  // ── 4xxx: lowering ─────────────────────────────────────────────────────
  // (none yet: everything lowering needs is checked before it runs)

  // ── 5xxx: Envoy API verification (of meshc's own output: a bug) ───────
  EnvoyApiViolation: {
    code: 'MESH5001',
    severity: 'error',
    text: 'generated Envoy config for {proxy} fails the Envoy API check: {path}: {detail}',
    hint: 'this is a meshc bug; please report it with the input files',
  },
  // `meshc verify` on Envoy config files: one code per family of problem.
  EnvoyUnknownField: {
    code: 'MESH5002',
    severity: 'error',
    text: '{path}: {detail} [{rule}]',
    hint: 'Envoy rejects fields its API does not define',
  },
  EnvoyWrongType: { code: 'MESH5003', severity: 'error', text: '{path}: {detail} [{rule}]' },
  EnvoyRuleViolation: {
    code: 'MESH5004',
    severity: 'error',
    text: '{path}: {detail} [{rule}]',
    hint: "a protoc-gen-validate rule of Envoy's API; Envoy rejects the config",
  },
  EnvoyOneof: { code: 'MESH5005', severity: 'error', text: '{path}: {detail} [{rule}]' },
  EnvoyUnknownType: {
    code: 'MESH5006',
    severity: 'error',
    text: '{path}: {detail} [{rule}]',
    hint: 'type URLs are "type.googleapis.com/" followed by the full message name',
  },
  EnvoyDanglingReference: {
    code: 'MESH5007',
    severity: 'error',
    text: '{path}: {detail} [{rule}]',
    hint: 'define the cluster, or fix the name',
  },
  EnvoyDuplicate: { code: 'MESH5008', severity: 'error', text: '{path}: {detail} [{rule}]' },
  EnvoyRegex: {
    code: 'MESH5009',
    severity: 'error',
    text: '{path}: {detail} [{rule}]',
    hint: 'Envoy uses RE2: no lookaround, no backreferences, and a program size of at most 100 by default',
  },
  EnvoyFilterChain: { code: 'MESH5010', severity: 'error', text: '{path}: {detail} [{rule}]' },

  // ── 9xxx: internal ─────────────────────────────────────────────────────
  InternalError: {
    code: 'MESH9001',
    severity: 'error',
    text: 'internal compiler error: {detail}',
    hint: 'this is a meshc bug; please report it with the input files',
  },
} as const satisfies Record<string, MessageDef>;

/** The name of an entry of the message table. */
export type MessageId = keyof typeof Messages;

/** Fills `{name}` placeholders; an unknown placeholder is left visible so tests catch it. */
export function format(template: string, args: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole,
  );
}

/**
 * Texts of the notes attached to a diagnostic to point at a second place
 * (TypeScript's related information). They carry no code of their own: they
 * belong to the coded diagnostic they are attached to.
 */
export const Notes = {
  FirstDefinedHere: 'first defined here',
  OtherOneHere: 'the other one is here',
} as const;
export type NoteId = keyof typeof Notes;
