export { validateSchema, pathName } from './validate.js';
export type { SchemaResult } from './validate.js';
export { readSchema, SCHEMA_DIR } from './validators.js';
export * from './types.js';
export { bundledSchema } from './bundle.js';
