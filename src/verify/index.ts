/**
 * The verify phase: every emitted byte checked against Envoy's own API (the
 * v3 protos and their protoc-gen-validate rules, bundled at build time into
 * dist/envoy/envoy-api.json) and against the checks Envoy does in C++.
 * Importing this module reads nothing; the bundle is loaded on first use.
 */
export { verifyEnvoyConfig, verifyConfigSet, VerifyMemo, ENVOY_CONFIG_TYPES } from './verifyEnvoyConfig.js';
export type { EnvoyConfigType, EnvoyConfigSet, VerifyOptions } from './verifyEnvoyConfig.js';
export { verifyDocuments, detectType } from './verifyDocuments.js';
export type { VerifyDocumentsOptions } from './verifyDocuments.js';
export type { EnvoyIssue } from './walker.js';
export { envoyApi, envoyApiLoaded, defaultBundlePath } from './bundle.js';
export { checkEnvoyRegex, ENVOY_MAX_PROGRAM_SIZE } from '../regex/re2.js';
export { estimateProgramSize } from '../regex/re2ProgramSize.js';
