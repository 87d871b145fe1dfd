/** The public API of meshc: compile inputs, get diagnostics and Envoy resources back. */
export { compile, compileParallel } from './compile.js';
export type { CompileOptions, CompileResult, Phase } from './compile.js';
export { Messages, renderText, renderReport, renderJson } from './diagnostics/index.js';
export type { Diagnostic, Severity } from './diagnostics/index.js';
export type { SourceInput, Span } from './source/index.js';
export type { MeshIr } from './ir/index.js';
export type { ProxyConfig } from './lower/index.js';
export { emitStatic, toJson } from './output/index.js';
