import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The shape of dist/envoy/envoy-api.json, written by
 * scripts/build-envoy-bundle.mjs from Envoy's .proto files.
 */
export interface EnvoyApiBundle {
  readonly format: 1;
  readonly source: { readonly package: string; readonly protobufjs: string; readonly rootFiles: readonly string[] };
  /** Messages by full name without the leading dot, e.g. `envoy.config.cluster.v3.Cluster`. */
  readonly messages: Readonly<Record<string, MessageDesc>>;
  readonly enums: Readonly<Record<string, EnumDesc>>;
}

export interface MessageDesc {
  readonly fields: readonly FieldDesc[];
  readonly oneofs?: readonly OneofDesc[];
  /** `(validate.disabled)`: no PGV rule applies inside this message. */
  readonly disabled?: true;
  readonly ignored?: true;
}

export interface OneofDesc {
  readonly name: string;
  /** `option (validate.required) = true`: exactly one member must be set. */
  readonly required?: true;
}

/** Scalar type names as in .proto files. */
export type ScalarType =
  | 'double' | 'float' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'sint32' | 'sint64'
  | 'fixed32' | 'fixed64' | 'sfixed32' | 'sfixed64' | 'bool' | 'string' | 'bytes';

export interface FieldDesc {
  /** The .proto name (snake_case), what meshc emits. */
  readonly name: string;
  /** The lowerCamelCase JSON name, which Envoy accepts too. */
  readonly json: string;
  /** s: scalar, e: enum, m: message. */
  readonly kind: 's' | 'e' | 'm';
  /** Scalar name, or full name of the enum or message. */
  readonly type: string;
  readonly label?: 'repeated' | 'map';
  readonly keyType?: ScalarType;
  /** Index into the message's `oneofs`. */
  readonly oneof?: number;
  /** proto3 `optional`: explicit presence. */
  readonly optional?: true;
  /** protoc-gen-validate FieldRules, as in validate.proto (snake_case keys, `in`/`not_in` always arrays). */
  readonly rules?: FieldRules;
}

export interface EnumDesc {
  readonly values: Readonly<Record<string, number>>;
}

/** validate.FieldRules: one type-specific rule set plus optional message rules. */
export type FieldRules = Readonly<Record<string, RuleSet | undefined>>;
/** One rule set, e.g. StringRules; values are numbers, strings, booleans, arrays or nested rule objects. */
export type RuleSet = Readonly<Record<string, unknown>>;

let cached: EnvoyApiBundle | undefined;
let cachedPath: string | undefined;

/** Where `npm run build` writes the bundle: dist/envoy/envoy-api.json (this file is dist/src/verify/bundle.js). */
export function defaultBundlePath(): string {
  return fileURLToPath(new URL('../../envoy/envoy-api.json', import.meta.url));
}

/**
 * The Envoy API bundle, read on first use and cached. Nothing reads it at
 * import time, so phases that never verify never pay for it.
 */
export function envoyApi(path: string = defaultBundlePath()): EnvoyApiBundle {
  if (cached && cachedPath === path) return cached;
  const data = JSON.parse(readFileSync(path, 'utf8')) as EnvoyApiBundle;
  if (data.format !== 1 || typeof data.messages !== 'object') {
    throw new Error(`${path} is not an Envoy API bundle of format 1; run npm run build`);
  }
  cached = data;
  cachedPath = path;
  return data;
}

/** Whether the bundle has been loaded in this process (for tests of laziness). */
export function envoyApiLoaded(): boolean {
  return cached !== undefined;
}
