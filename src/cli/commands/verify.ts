import * as path from 'node:path';
import type { Diagnostic } from '../../diagnostics/index.js';
import { SHARED_DIR } from '../../output/layout.js';
import { SourceFile, type SourceInput } from '../../source/index.js';
import { verifyDocuments, type EnvoyConfigType } from '../../verify/index.js';
import { readInputs } from '../inputs.js';
import { EXIT, exitCodeFor, printDiagnostics, type DiagnosticFormat } from '../terminal.js';

export interface VerifyOptions {
  /** Every document's type; detected per document (bootstrap or DiscoveryResponse) when absent. */
  readonly type?: EnvoyConfigType;
  readonly format: DiagnosticFormat;
  readonly maxFileSize?: number;
}

/** Envoy config files in directories: JSON and YAML. */
const ENVOY_FILES = /\.(json|ya?ml)$/;

/**
 * `meshc verify`: checks any Envoy config (JSON or YAML, bootstrap,
 * DiscoveryResponse or a single resource) against Envoy's API. The files of
 * one directory are one proxy's config (a bootstrap with its lds/cds files)
 * and are checked together, so references across them resolve; files of
 * different directories never see each other.
 */
export function verifyCommand(paths: readonly string[], opts: VerifyOptions): number {
  const { inputs, bag } = readInputs(paths, opts.maxFileSize, ENVOY_FILES);
  if (bag.hasErrors) {
    printDiagnostics(bag.sorted(), new Map(), opts.format);
    return EXIT.error;
  }
  const byDir = new Map<string, SourceInput[]>();
  for (const i of inputs) {
    const dir = path.dirname(i.path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), i]);
  }
  const byPath = new Map(inputs.map((i) => [path.resolve(i.path), i]));
  const diagnostics: Diagnostic[] = [];
  for (const [dir, group] of byDir) {
    const context = sharedCds(dir, group, byPath);
    diagnostics.push(
      ...verifyDocuments(group, { ...(opts.type !== undefined ? { type: opts.type } : {}), ...(context ? { context: [context] } : {}) }),
    );
  }
  const files = new Map(inputs.map((i) => [i.path, new SourceFile(i.path, i.text)]));
  printDiagnostics(diagnostics, files, opts.format);
  return exitCodeFor(diagnostics);
}

/**
 * The shared CDS file of meshc's xds output (`<out>/_mesh/cds.json`) that a
 * folder's files refer to, when it is among the inputs: for a full-mesh
 * sidecar's folder (its bootstrap reads CDS from `…/_mesh/cds.<ext>`) and for
 * a shared route configuration's folder (`<out>/_mesh/<namespace>/<port>/`).
 * It is checked on its own as well; here it only lets references resolve.
 */
function sharedCds(dir: string, group: readonly SourceInput[], byPath: ReadonlyMap<string, SourceInput>): SourceInput | undefined {
  const at = (...p: string[]): SourceInput | undefined => byPath.get(path.resolve(...p, 'cds.json')) ?? byPath.get(path.resolve(...p, 'cds.yaml'));
  const abs = path.resolve(dir);
  if (path.basename(path.dirname(path.dirname(abs))) === SHARED_DIR) return at(abs, '..', '..');
  // A full-mesh sidecar's folder: no CDS file of its own, and its bootstrap names the shared one.
  const ownCds = group.some((i) => /^cds\.(json|ya?ml)$/.test(path.basename(i.path)));
  const readsShared = group.some((i) => i.text.includes(`/${SHARED_DIR}/cds.`));
  return !ownCds && readsShared ? at(abs, '..', SHARED_DIR) : undefined;
}
