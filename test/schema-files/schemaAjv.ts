/**
 * Shared set-up for the schema tests: the schema files, and one ajv instance
 * configured the way the compiler uses it (draft-07 `Ajv`, strict, allErrors,
 * ajv-formats, common.json added first).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ALL_KINDS, type Kind } from '../../src/schema/types.js';
import { repoPath } from '../helpers/paths.js';

/** Every kind of the language, each with `schemas/<Kind>.json` (the compiler's own list). */
export const KINDS = ALL_KINDS;
export type KindName = Kind;

export const ID_BASE = 'https://meshc.dev/schemas/v1/';

export type JsonSchema = Record<string, unknown>;

/** The file names in `schemas/`. */
export function schemaFiles(): string[] {
  return readdirSync(repoPath('schemas')).filter((f) => f.endsWith('.json')).sort();
}

/** Reads `schemas/<name>.json`. */
export function readSchema(name: string): JsonSchema {
  return JSON.parse(readFileSync(repoPath('schemas', `${name}.json`), 'utf8')) as JsonSchema;
}

/** A fresh ajv instance as the compiler configures it. */
export function newAjv(options: { source?: boolean } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, code: { source: options.source ?? false } });
  addFormats.default(ajv);
  return ajv;
}

let validators: Map<KindName, ValidateFunction> | undefined;

/** The compiled validator of a kind (all kinds compiled once, with common.json). */
export function validatorOf(kind: KindName): ValidateFunction {
  if (!validators) {
    const ajv = newAjv();
    ajv.addSchema(readSchema('common'));
    validators = new Map(KINDS.map((k) => [k, ajv.compile(readSchema(k))]));
  }
  return validators.get(kind)!;
}

/** Validates a document against its kind's schema; [] when valid. */
export function errorsOf(kind: KindName, doc: unknown): ErrorObject[] {
  const validate = validatorOf(kind);
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}
