/** Transport sockets: the mesh's mTLS in both directions, and TLS origination to external services. */
import type { MeshSettingsIr, ServerTlsIr, ServiceIr } from '../ir/index.js';
import { T, typedExtension, type Json } from './envoy.js';
import { SDS_CLUSTER, SDS_TRUST_BUNDLE_SECRET, SDS_WORKLOAD_SECRET } from './names.js';

/** Where meshc expects the system's CA bundle for verifying external services (Debian/Ubuntu/Alpine path). */
export const SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** An SDS secret reference served by the local agent's SDS cluster. */
function sdsSecret(name: string): Json {
  return {
    name,
    sds_config: {
      resource_api_version: 'V3',
      api_config_source: {
        api_type: 'GRPC',
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: SDS_CLUSTER } }],
      },
    },
  };
}

/** A URI SAN matcher: `exact` for one peer identity, `prefix` for a whole trust domain. */
function uriSan(kind: 'exact' | 'prefix', value: string): Json {
  return { san_type: 'URI', matcher: { [kind]: value } };
}

/** The workload certificate and the peer validation, from SDS or from files. */
function commonTlsContext(settings: MeshSettingsIr, san: Json): Json {
  const c = settings.certificates;
  if (c.kind === 'sds') {
    return {
      tls_certificate_sds_secret_configs: [sdsSecret(SDS_WORKLOAD_SECRET)],
      combined_validation_context: {
        default_validation_context: { match_typed_subject_alt_names: [san] },
        validation_context_sds_secret_config: sdsSecret(SDS_TRUST_BUNDLE_SECRET),
      },
    };
  }
  return {
    tls_certificates: [{ certificate_chain: { filename: c.certificateChain }, private_key: { filename: c.privateKey } }],
    validation_context: { trusted_ca: { filename: c.trustedCA }, match_typed_subject_alt_names: [san] },
  };
}

/**
 * Inbound mTLS: present the workload certificate, demand a client
 * certificate, and accept any identity of the trust domain (who may call is
 * the authorization policies' business, not the handshake's).
 */
export function downstreamMtls(settings: MeshSettingsIr): Json {
  return typedExtension('envoy.transport_sockets.tls', T.DownstreamTlsContext, {
    require_client_certificate: true,
    common_tls_context: commonTlsContext(settings, uriSan('prefix', `spiffe://${settings.trustDomain}/`)),
  });
}

/** Outbound mTLS to a mesh service: present our certificate, verify the upstream's exact SPIFFE ID. */
export function upstreamMtls(settings: MeshSettingsIr, service: ServiceIr): Json {
  return typedExtension('envoy.transport_sockets.tls', T.UpstreamTlsContext, {
    sni: service.fqdn,
    common_tls_context: commonTlsContext(settings, uriSan('exact', service.spiffeId!)),
  });
}

/**
 * TLS origination to an external service: SNI, ALPN for the protocol the
 * cluster speaks (servers refuse HTTP/2 that was not negotiated), and the
 * server certificate checked against the system CAs for that name.
 */
export function upstreamTlsOrigination(service: ServiceIr, sni: string): Json {
  const alpn = service.protocol === 'tcp' ? [] : service.protocol === 'http' ? ['http/1.1'] : ['h2'];
  return typedExtension('envoy.transport_sockets.tls', T.UpstreamTlsContext, {
    sni,
    common_tls_context: {
      ...(alpn.length > 0 ? { alpn_protocols: alpn } : {}),
      validation_context: {
        trusted_ca: { filename: SYSTEM_CA_BUNDLE },
        match_typed_subject_alt_names: [{ san_type: 'DNS', matcher: { exact: sni } }],
      },
    },
  });
}

const TLS_VERSION = { '1.0': 'TLSv1_0', '1.1': 'TLSv1_1', '1.2': 'TLSv1_2', '1.3': 'TLSv1_3' } as const;

/**
 * TLS termination on a gateway's https listener: the server certificate (files,
 * or an SDS secret of the mesh's agent), the minimum TLS version, and ALPN
 * for HTTP/2 and HTTP/1.1. No client certificate is asked for: clients at
 * the edge are not mesh workloads.
 */
export function downstreamServerTls(tls: ServerTlsIr): Json {
  const c = tls.certificate;
  return typedExtension('envoy.transport_sockets.tls', T.DownstreamTlsContext, {
    common_tls_context: {
      tls_params: { tls_minimum_protocol_version: TLS_VERSION[tls.minVersion] },
      ...(c.kind === 'sds'
        ? { tls_certificate_sds_secret_configs: [sdsSecret(c.secret)] }
        : { tls_certificates: [{ certificate_chain: { filename: c.certificateChain }, private_key: { filename: c.privateKey } }] }),
      alpn_protocols: ['h2', 'http/1.1'],
    },
  });
}

/**
 * TLS origination to a host outside the mesh (a JWKS server): SNI for a DNS
 * name, the offered ALPN, and the server certificate verified against the
 * system CAs for that name (or IP address).
 */
export function tlsOrigination(host: string, ip: boolean, alpn: readonly string[]): Json {
  return typedExtension('envoy.transport_sockets.tls', T.UpstreamTlsContext, {
    ...(ip ? {} : { sni: host }),
    common_tls_context: {
      ...(alpn.length > 0 ? { alpn_protocols: alpn } : {}),
      validation_context: {
        trusted_ca: { filename: SYSTEM_CA_BUNDLE },
        match_typed_subject_alt_names: [{ san_type: ip ? 'IP_ADDRESS' : 'DNS', matcher: { exact: host } }],
      },
    },
  });
}
