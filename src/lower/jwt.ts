/**
 * JWT validation (RequestAuthentication) as Envoy's jwt_authn filter, and the
 * clusters that fetch remote JWKS.
 */
import type { JwksIr, JwtIr, MeshSettingsIr } from '../ir/index.js';
import { envoyDuration } from '../util/duration.js';
import { singleLoadAssignment } from './endpoint.js';
import { socketAddress, T, typedExtension, type Json } from './envoy.js';
import { JWT_AUTHN_FILTER, JWT_PAYLOAD_KEY } from './rbac.js';
import { tlsOrigination } from './tls.js';

/** How long a fetched JWKS is cached before it is fetched again (Envoy's default is 10 minutes). */
export const JWKS_CACHE_DURATION_MS = 5 * 60 * 1000;
/** Timeout of one JWKS fetch. */
export const JWKS_FETCH_TIMEOUT_MS = 5000;

/** The cluster that fetches JWKS from one host and port. */
export function jwksClusterName(jwks: Extract<JwksIr, { kind: 'remote' }>): string {
  return `jwks|${jwks.host.includes(':') ? `[${jwks.host}]` : jwks.host}:${jwks.port}`;
}

/**
 * The jwt_authn filter: one provider per meshc provider, and one rule for
 * every path. `requireToken: true` makes a request without a valid token
 * fail with 401 (a requirement naming the provider, or any of them);
 * `false` adds `allow_missing`, so a request without a token passes, but a
 * request with an invalid one does not. Every provider writes the payload of
 * a token it validated to the same metadata key, where claim conditions of
 * the RBAC filter read it.
 */
export function jwtAuthnFilter(jwt: JwtIr): Json {
  const providers: Json = {};
  for (const p of jwt.providers) {
    providers[p.name] = {
      issuer: p.issuer,
      ...(p.audiences.length > 0 ? { audiences: p.audiences } : {}),
      ...jwksSource(p.jwks),
      from_headers: p.fromHeaders.map((h) => ({ name: h.name, ...(h.prefix !== undefined ? { value_prefix: h.prefix } : {}) })),
      payload_in_metadata: JWT_PAYLOAD_KEY,
      ...(p.forwardClaims.length > 0
        ? { claim_to_headers: p.forwardClaims.map((c) => ({ header_name: c.header, claim_name: c.claim })) }
        : {}),
    };
  }
  const byName = jwt.providers.map((p): Json => ({ provider_name: p.name }));
  const alternatives = jwt.requireToken ? byName : [...byName, { allow_missing: {} }];
  const requires = alternatives.length === 1 ? alternatives[0]! : { requires_any: { requirements: alternatives } };
  return typedExtension(JWT_AUTHN_FILTER, T.JwtAuthentication, { providers, rules: [{ match: { prefix: '/' }, requires }] });
}

function jwksSource(j: JwksIr): Json {
  switch (j.kind) {
    case 'file':
      return { local_jwks: { filename: j.path } };
    case 'inline':
      return { local_jwks: { inline_string: j.text } };
    case 'remote':
      return {
        remote_jwks: {
          http_uri: { uri: j.uri, cluster: jwksClusterName(j), timeout: envoyDuration(JWKS_FETCH_TIMEOUT_MS) },
          cache_duration: envoyDuration(JWKS_CACHE_DURATION_MS),
          // Fetched once in the main thread before the listener starts, not by the first requests of each worker.
          async_fetch: {},
        },
      };
  }
}

/**
 * The clusters for the remote JWKS of some JWT configurations, one per
 * host:port, sorted by name: found by DNS (or static for an IP address),
 * and over https with TLS origination that verifies the host against the
 * system CAs, like an external service.
 */
export function jwksClusters(settings: MeshSettingsIr, jwts: readonly (JwtIr | undefined)[]): Json[] {
  const byName = new Map<string, Json>();
  for (const jwt of jwts) {
    for (const p of jwt?.providers ?? []) {
      const j = p.jwks;
      if (j.kind !== 'remote') continue;
      const name = jwksClusterName(j);
      if (byName.has(name)) continue;
      const ip = isIpAddress(j.host);
      byName.set(name, {
        name,
        type: ip ? 'STATIC' : 'STRICT_DNS',
        connect_timeout: envoyDuration(settings.connectTimeoutMs),
        load_assignment: singleLoadAssignment(name, socketAddress(j.host, j.port)),
        ...(j.tls ? { transport_socket: tlsOrigination(j.host, ip, ['http/1.1']) } : {}),
      });
    }
  }
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/** Whether a host is an IPv4 or IPv6 address rather than a DNS name. */
export function isIpAddress(host: string): boolean {
  return host.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}
