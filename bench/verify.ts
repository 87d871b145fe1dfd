/**
 * Benchmark of the verify phase: bundle load (cold), first verification
 * (compiles the per-type validators) and warm verification (median) of a
 * generated bootstrap with 1,000 clusters and 1,000 routes.
 *
 *   npm run build && node dist/bench/verify.js [clusters]
 */
import { performance } from 'node:perf_hooks';
import { envoyApi, verifyEnvoyConfig } from '../src/verify/index.js';

const T = 'type.googleapis.com/';

/** A static bootstrap with `n` clusters (with TLS) and `n` routes spread over 10 virtual hosts. */
export function generateBootstrap(n: number): unknown {
  const clusters = [];
  for (let i = 0; i < n; i++) {
    const name = `outbound|9080||svc-${i}.default.svc.cluster.local`;
    clusters.push({
      name,
      type: 'STATIC',
      connect_timeout: '1s',
      lb_policy: 'ROUND_ROBIN',
      circuit_breakers: { thresholds: [{ max_connections: 1024, max_pending_requests: 1024, max_retries: 3 }] },
      load_assignment: {
        cluster_name: name,
        endpoints: [
          {
            lb_endpoints: [0, 1].map((k) => ({
              endpoint: { address: { socket_address: { address: `10.${(i >> 8) & 255}.${i & 255}.${k + 1}`, port_value: 15006 } } },
            })),
          },
        ],
      },
      transport_socket: {
        name: 'envoy.transport_sockets.tls',
        typed_config: {
          '@type': `${T}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`,
          sni: `svc-${i}.default.svc.cluster.local`,
          common_tls_context: {
            tls_certificate_sds_secret_configs: [{ name: 'default', sds_config: { resource_api_version: 'V3', ads: {} } }],
            combined_validation_context: {
              default_validation_context: {
                match_typed_subject_alt_names: [{ san_type: 'URI', matcher: { exact: `spiffe://cluster.local/ns/default/sa/svc-${i}` } }],
              },
              validation_context_sds_secret_config: { name: 'ROOTCA', sds_config: { resource_api_version: 'V3', ads: {} } },
            },
          },
        },
      },
    });
  }
  const vhosts = [];
  const perHost = Math.ceil(n / 10);
  for (let h = 0; h < 10; h++) {
    const routes = [];
    for (let r = h * perHost; r < Math.min(n, (h + 1) * perHost); r++) {
      routes.push({
        name: `r${r}`,
        match: r % 3 === 0 ? { safe_regex: { regex: `^/api/v[0-9]+/svc-${r}/.*$` } } : { prefix: `/svc-${r}/`, headers: [{ name: 'x-version', string_match: { exact: 'v1' } }] },
        route: {
          ...(r % 5 === 0
            ? { weighted_clusters: { clusters: [{ name: clusters[r]!.name, weight: 90 }, { name: clusters[(r + 1) % n]!.name, weight: 10 }] } }
            : { cluster: clusters[r]!.name }),
          timeout: '15s',
          retry_policy: { retry_on: 'connect-failure,reset', num_retries: 2, per_try_timeout: '0.5s' },
        },
      });
    }
    vhosts.push({ name: `host-${h}`, domains: [`host-${h}`, `host-${h}:9080`], routes });
  }
  return {
    node: { id: 'bench', cluster: 'bench' },
    admin: { address: { socket_address: { address: '127.0.0.1', port_value: 9901 } } },
    static_resources: {
      listeners: [
        {
          name: 'outbound|9080',
          address: { socket_address: { address: '127.0.0.1', port_value: 9080 } },
          filter_chains: [
            {
              filters: [
                {
                  name: 'envoy.filters.network.http_connection_manager',
                  typed_config: {
                    '@type': `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
                    stat_prefix: 'outbound_9080',
                    route_config: { name: '9080', virtual_hosts: vhosts },
                    http_filters: [{ name: 'envoy.filters.http.router', typed_config: { '@type': `${T}envoy.extensions.filters.http.router.v3.Router` } }],
                  },
                },
              ],
            },
          ],
        },
      ],
      clusters,
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function main(): void {
  const n = Number(process.argv[2] ?? 1000);
  const config = generateBootstrap(n);
  const bytes = JSON.stringify(config).length;

  let t = performance.now();
  const api = envoyApi();
  const load = performance.now() - t;

  t = performance.now();
  const first = verifyEnvoyConfig(config, 'bootstrap');
  const firstMs = performance.now() - t;
  if (first.length > 0) throw new Error(`the generated bootstrap should be valid: ${JSON.stringify(first.slice(0, 3))}`);

  const runs: number[] = [];
  for (let i = 0; i < 15; i++) {
    t = performance.now();
    verifyEnvoyConfig(config, 'bootstrap');
    runs.push(performance.now() - t);
  }
  const lines = [
    `verify bench: ${n} clusters, ${n} routes, ${(bytes / 1024).toFixed(0)} KiB of JSON`,
    `  bundle load (cold):        ${load.toFixed(1)} ms  (${Object.keys(api.messages).length} messages)`,
    `  first verification:        ${firstMs.toFixed(1)} ms  (compiles validators, loads RE2)`,
    `  warm verification median:  ${median(runs).toFixed(1)} ms  (of ${runs.length}; min ${Math.min(...runs).toFixed(1)}, max ${Math.max(...runs).toFixed(1)})`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main();
