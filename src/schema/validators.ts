import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Kind } from './types.js';

/** Where the language's JSON Schemas live: `schemas/` at the package root. */
export const SCHEMA_DIR = fileURLToPath(new URL('../../../schemas/', import.meta.url));

/** Reads the JSON Schema of a kind, or of `common`. */
export function readSchema(name: Kind | 'common'): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_DIR + name + '.json', 'utf8')) as Record<string, unknown>;
}

let ajv: Ajv | undefined;
const compiled = new Map<Kind, ValidateFunction>();

/** A validator per kind, compiled on first use so that only the kinds present cost anything. */
export function validatorFor(kind: Kind): (value: unknown) => ErrorObject[] {
  let fn = compiled.get(kind);
  if (!fn) {
    if (!ajv) {
      // verbose: errors carry parentSchema, which the did-you-mean and exactly-one-of messages need.
      ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
      addFormats.default(ajv);
      ajv.addSchema(readSchema('common'));
    }
    fn = ajv.compile(readSchema(kind));
    compiled.set(kind, fn);
  }
  const validate = fn;
  return (value) => (validate(value) ? [] : [...(validate.errors ?? [])]);
}
