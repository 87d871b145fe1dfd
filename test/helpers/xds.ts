/**
 * Reading xds output back the way Envoy does: following each bootstrap's LDS
 * and CDS paths and each connection manager's RDS path (shared `_mesh/`
 * files included), to compare with static mode.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ProxyConfig } from '../../src/lower/index.js';
import { emit, SHARED_DIR } from '../../src/output/index.js';
import { verifyConfigSet } from '../../src/verify/index.js';

type Json = Record<string, any>;

const CONFIG_DIR = '/etc/envoy';

/** The output file a path on the proxy's machine stands for (`/etc/envoy/_mesh/cds.json` → `_mesh/cds.json`). */
function fileAt(files: ReadonlyMap<string, string>, proxy: string, onProxy: string): Json {
  assert.ok(onProxy.startsWith(`${CONFIG_DIR}/`), onProxy);
  const rel = onProxy.slice(CONFIG_DIR.length + 1);
  const text = files.get(rel.startsWith(`${SHARED_DIR}/`) ? rel : `${proxy}/${rel}`);
  assert.ok(text !== undefined, `${proxy}: ${onProxy} is not in the output`);
  return JSON.parse(text) as Json;
}

const withoutType = ({ ['@type']: _t, ...rest }: Json): Json => rest;
const byName = (a: Json, b: Json): number => (a['name'] < b['name'] ? -1 : a['name'] > b['name'] ? 1 : 0);

/** A proxy as Envoy assembles it from its xds files: node, admin, listeners with their routes inline, clusters. */
function resolveXds(files: ReadonlyMap<string, string>, proxy: string): { sets: Json[]; resolved: Json } {
  const bootstrap = JSON.parse(files.get(`${proxy}/bootstrap.json`)!) as Json;
  const dyn = bootstrap['dynamic_resources'];
  const lds = fileAt(files, proxy, dyn.lds_config.path_config_source.path);
  const cds = fileAt(files, proxy, dyn.cds_config.path_config_source.path);
  const rdsFiles = new Map<string, Json>();
  const listeners = (lds['resources'] as Json[]).map((l) => {
    const copy = structuredClone(withoutType(l));
    for (const chain of copy['filter_chains'] ?? []) {
      for (const filter of chain.filters ?? []) {
        const hcm = filter.typed_config;
        if (!hcm?.rds) continue;
        const at = hcm.rds.config_source.path_config_source.path as string;
        assert.equal(hcm.rds.config_source.path_config_source.watched_directory.path, path.posix.dirname(at));
        const rds = rdsFiles.get(at) ?? fileAt(files, proxy, at);
        rdsFiles.set(at, rds);
        // As Envoy takes a file for one route_config_name: exactly one RouteConfiguration, of that name.
        const resources = rds['resources'] as Json[];
        assert.equal(resources.length, 1, `${proxy}: ${at} holds ${resources.length} route configurations`);
        const config = resources[0]!;
        assert.equal(config['name'], hcm.rds.route_config_name, `${proxy}: ${at}`);
        const inline: Json = {};
        for (const [k, v] of Object.entries(hcm)) {
          if (k === 'rds') inline['route_config'] = withoutType(config);
          else inline[k] = v;
        }
        filter.typed_config = inline;
      }
    }
    return copy;
  });
  const clusters = [...(bootstrap['static_resources']?.clusters ?? []), ...(cds['resources'] as Json[]).map(withoutType)].sort(byName);
  return {
    sets: [{ bootstrap, lds, cds }, ...[...rdsFiles.values()].map((rds) => ({ bootstrap, cds, rds }))],
    resolved: { node: bootstrap['node'], admin: bootstrap['admin'], static_resources: { listeners, clusters } },
  };
}

/** Every proxy of the xds output (default config dir) resolves to its static bootstrap, and each proxy's files pass Envoy's API. */
export function assertXdsEquivalent(proxies: readonly ProxyConfig[]): ReadonlyMap<string, string> {
  const xds = emit(proxies, { mode: 'xds', format: 'json' });
  const stat = emit(proxies, { mode: 'static', format: 'json' });
  for (const p of proxies) {
    const { sets, resolved } = resolveXds(xds, p.name);
    const expected = JSON.parse(stat.get(`${p.name}/bootstrap.json`)!) as Json;
    expected['static_resources'].clusters.sort(byName);
    assert.deepEqual(resolved, expected, `${p.name}: xds files resolve to the static bootstrap`);
    // Its bootstrap, LDS and CDS as one set; each RDS file with the clusters its routes name.
    for (const set of sets) assert.deepEqual(verifyConfigSet(set), [], `${p.name}: its files as config sets`);
  }
  return xds;
}

