import * as path from 'node:path';
import type { Diagnostic } from '../../diagnostics/index.js';
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
  const diagnostics: Diagnostic[] = [];
  for (const group of byDir.values()) {
    diagnostics.push(...verifyDocuments(group, opts.type !== undefined ? { type: opts.type } : {}));
  }
  const files = new Map(inputs.map((i) => [i.path, new SourceFile(i.path, i.text)]));
  printDiagnostics(diagnostics, files, opts.format);
  return exitCodeFor(diagnostics);
}
