/** Deterministic serialization: the same resources always give the same bytes. */
import { createHash } from 'node:crypto';
import { stringify as yamlStringify } from 'yaml';
import { discoveryResponse, staticBootstrap, XDS_TYPES, xdsBootstrap, type Json, type ProxyConfig } from '../lower/index.js';

/** Output files by path relative to the output directory, e.g. `reviews/bootstrap.json`. */
export type OutputFiles = ReadonlyMap<string, string>;

/** `static`: one self-contained bootstrap per proxy; `xds`: bootstrap + LDS/CDS DiscoveryResponse files. */
export type OutputMode = 'static' | 'xds';
/** The file format of emitted config. */
export type OutputFormat = 'json' | 'yaml';

export interface EmitOptions {
  readonly mode?: OutputMode;
  readonly format?: OutputFormat;
  /** xds mode: the directory the proxy's files are deployed to, written into the bootstrap. Default `/etc/envoy`. */
  readonly configDir?: string;
}

/** The default deploy directory of xds-mode files on the proxy's machine. */
export const DEFAULT_CONFIG_DIR = '/etc/envoy';

/**
 * JSON as meshc writes it: 2-space indentation and a trailing newline. Key
 * order is the order the emitters built the objects in, which is fixed in
 * code, never the order of some map iteration.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** YAML with the same key order; long strings are never folded, so diffs stay line-stable. */
export function toYaml(value: unknown): string {
  return yamlStringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** One output file: its path relative to the output directory and its text. */
export type OutputFile = readonly [path: string, text: string];

/**
 * The files of every proxy, produced lazily one proxy at a time:
 * `<proxy>/bootstrap.<format>` (static), plus `cds` and `lds` (xds). Each
 * text is made only when the consumer asks for the next file, so a consumer
 * that writes each file as it comes holds one file's text at a time, not the
 * whole output. This is the only serialization path: `emit` collects it.
 */
export function* emitEach(proxies: readonly ProxyConfig[], options: EmitOptions = {}): Generator<OutputFile, void, undefined> {
  const format = options.format ?? 'json';
  const write = format === 'json' ? toJson : toYaml;
  const mode = options.mode ?? 'static';
  const dir = (options.configDir ?? DEFAULT_CONFIG_DIR).replace(/\/+$/, '');
  for (const p of proxies) {
    if (mode === 'static') {
      yield [`${p.name}/bootstrap.${format}`, write(staticBootstrap(p))];
      continue;
    }
    yield [`${p.name}/bootstrap.${format}`, write(xdsBootstrap(p, { dir, lds: `${dir}/lds.${format}`, cds: `${dir}/cds.${format}` }))];
    yield [`${p.name}/cds.${format}`, write(discoveryFile(XDS_TYPES.cds, p.clusters))];
    yield [`${p.name}/lds.${format}`, write(discoveryFile(XDS_TYPES.lds, p.listeners))];
  }
}

/** Every file at once, in `emitEach` order: for callers that need them all (diff, tests, `--stdout`). */
export function emit(proxies: readonly ProxyConfig[], options: EmitOptions = {}): OutputFiles {
  return new Map(emitEach(proxies, options));
}

/** The static-mode files in JSON: what golden files and `--stdout` hold. */
export function emitStatic(proxies: readonly ProxyConfig[]): OutputFiles {
  return emit(proxies, { mode: 'static', format: 'json' });
}

/** A DiscoveryResponse whose version_info is a hash of its resources, so it changes exactly when they do. */
function discoveryFile(type: string, resources: readonly Json[]): Json {
  const hash = createHash('sha256').update(type).update(JSON.stringify(resources)).digest('hex').slice(0, 16);
  return discoveryResponse(type, resources, hash);
}
