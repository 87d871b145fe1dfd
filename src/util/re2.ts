import { createRequire } from 'node:module';

interface Re2Module {
  RE2: new (pattern: string, flags: string) => { test(s: string): boolean };
}

let re2: Re2Module | undefined;

/**
 * Checks a pattern with RE2 (re2-wasm, the engine gRPC uses), which is what
 * Envoy runs: lookaround and backreferences are errors. Returns the error
 * message, or undefined when the pattern compiles. The WebAssembly module is
 * loaded on first use only, so runs without regexes never pay for it.
 */
export function re2Error(pattern: string): string | undefined {
  if (!re2) re2 = createRequire(import.meta.url)('re2-wasm') as Re2Module;
  try {
    new re2.RE2(pattern, 'u');
    return undefined;
  } catch (e) {
    // re2-wasm wraps the message as "Invalid regular expression: /p/u: reason".
    const msg = (e as Error).message;
    const m = /: \/.*\/u: (.*)$/s.exec(msg);
    return m ? m[1]! : msg;
  }
}
