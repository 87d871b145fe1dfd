import { compile, type CompileOptions, type CompileResult } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';

/** Compiles in-memory files (path → YAML text). */
export function compileFiles(files: Readonly<Record<string, string>>, options: CompileOptions = {}): CompileResult {
  return compile(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    options,
  );
}

/** A diagnostic as tests compare it: code, 1-based position and message. */
export interface Seen {
  readonly code: string;
  readonly line?: number;
  readonly col?: number;
  readonly message: string;
}

/** The diagnostics of a result with line/column resolved, in report order. */
export function seen(result: CompileResult): Seen[] {
  return result.diagnostics.map((d: Diagnostic) => {
    const f = d.span ? result.files.get(d.span.file) : undefined;
    const at = f && d.span ? f.lineCol(d.span.start) : undefined;
    return { code: d.code, ...(at ? { line: at.line, col: at.col } : {}), message: d.message };
  });
}

/** Just the codes, for tests that only care which problems were found. */
export function codes(result: CompileResult): string[] {
  return result.diagnostics.map((d) => d.code);
}

/**
 * A minimal valid mesh to which tests add or change documents. Apps listen on
 * 3000, away from the services' port 8080 that sidecars' outbound listeners take.
 */
export const BASE = {
  svc: (name: string, extra = '', ns = 'default'): string => `apiVersion: meshc.dev/v1
kind: Service
metadata: { name: ${name}, namespace: ${ns} }
spec:
  port: 8080
  endpoints:
    - address: 10.0.0.1
      labels: { version: v1 }
    - address: 10.0.0.2
      labels: { version: v2 }
  subsets:
    v1: { version: v1 }
    v2: { version: v2 }
  targetPort: 3000
${extra}`,
};
