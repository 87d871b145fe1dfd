/** Deterministic serialization: the same resources always give the same bytes. */
import { staticBootstrap, type ProxyConfig } from '../lower/index.js';

/** Output files by path relative to the output directory, e.g. `reviews/bootstrap.json`. */
export type OutputFiles = ReadonlyMap<string, string>;

/**
 * JSON as meshc writes it: 2-space indentation and a trailing newline. Key
 * order is the order the emitters built the objects in, which is fixed in
 * code, never the order of some map iteration.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** The files of a static-mode build: one bootstrap per proxy, in proxy order. */
export function emitStatic(proxies: readonly ProxyConfig[]): OutputFiles {
  const files = new Map<string, string>();
  for (const p of proxies) files.set(`${p.name}/bootstrap.json`, toJson(staticBootstrap(p)));
  return files;
}
