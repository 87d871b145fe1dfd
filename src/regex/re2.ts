/**
 * RE2, as Envoy runs it: compile errors from the real RE2 (re2-wasm), and
 * the program size that Envoy compares with `re2.max_program_size.error_level`
 * (default 100), estimated by ./re2ProgramSize.ts because re2-wasm does not
 * expose RE2::ProgramSize().
 */
import { createRequire } from 'node:module';
import { estimateProgramSize } from './re2ProgramSize.js';

interface WrappedRE2 {
  ok(): boolean;
  error(): string;
  match(input: string, start: number, groups: boolean): { index: number };
  delete?(): void;
}
interface Re2Wasm {
  WrappedRE2: new (pattern: string, ignoreCase: boolean, multiline: boolean, dotAll: boolean) => WrappedRE2;
}

let wasm: Re2Wasm | undefined;

/**
 * The RE2 binding, loaded on first use. The raw WrappedRE2 class is used, not
 * re2-wasm's RE2 wrapper, because the wrapper translates JavaScript regex
 * syntax (`\u0041`, `/`) and would accept patterns that Envoy's RE2 rejects.
 */
function re2(): Re2Wasm {
  if (!wasm) wasm = createRequire(import.meta.url)('re2-wasm/build/wasm/re2.js') as Re2Wasm;
  return wasm;
}

/**
 * Envoy's RE2 (2024) accepts `(?<name>re)` like `(?P<name>re)`; the RE2 inside
 * re2-wasm predates that, so the newer spelling is rewritten before compiling.
 */
function modernise(pattern: string): string {
  return pattern.replace(/(^|[^\\])((?:\\\\)*)\(\?<(?=[A-Za-z_])/g, '$1$2(?P<');
}

/** The RE2 compile error of a pattern, or undefined when it compiles. */
export function re2CompileError(pattern: string): string | undefined {
  const r = new (re2().WrappedRE2)(modernise(pattern), false, false, false);
  try {
    return r.ok() ? undefined : r.error();
  } finally {
    r.delete?.();
  }
}

const matchers = new Map<string, ((s: string) => boolean) | undefined>();

/**
 * A partial-match test with RE2 semantics (PGV's `pattern` rule uses
 * RE2::PartialMatch), cached per pattern; undefined if the pattern is invalid.
 */
export function re2Matcher(pattern: string): ((s: string) => boolean) | undefined {
  if (matchers.has(pattern)) return matchers.get(pattern);
  const r = new (re2().WrappedRE2)(modernise(pattern), false, false, false);
  const fn = r.ok() ? (s: string) => r.match(s, 0, false).index >= 0 : undefined;
  if (!fn) r.delete?.();
  matchers.set(pattern, fn);
  return fn;
}

/** Envoy's default `re2.max_program_size.error_level`. */
export const ENVOY_MAX_PROGRAM_SIZE = 100;

/** What is wrong with a regex that Envoy would compile, if anything. */
export type RegexProblem = { kind: 'invalid'; detail: string } | { kind: 'program-size'; size: number; limit: number };

const checked = new Map<string, { error: string | undefined; size: number | undefined }>();
const MAX_CACHED = 10_000;

/**
 * Checks a `safe_regex` the way Envoy's CompiledGoogleReMatcher does. Results
 * are cached per pattern: a mesh repeats the same regexes across proxies.
 */
export function checkEnvoyRegex(pattern: string, limit = ENVOY_MAX_PROGRAM_SIZE): RegexProblem | undefined {
  let c = checked.get(pattern);
  if (!c) {
    const error = re2CompileError(pattern);
    c = { error, size: error === undefined ? estimateProgramSize(pattern) : undefined };
    if (checked.size >= MAX_CACHED) checked.clear();
    checked.set(pattern, c);
  }
  if (c.error !== undefined) return { kind: 'invalid', detail: c.error };
  if (c.size !== undefined && c.size > limit) return { kind: 'program-size', size: c.size, limit };
  return undefined;
}
