// Compiles the language's JSON Schemas into standalone ajv validators, one
// CommonJS module per kind in dist/validators/, so that `meshc validate`
// loads a few small pre-generated functions instead of compiling schemas at
// every start (which costs more than the whole rest of a run).
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = path.join(root, 'schemas');
const outDir = path.join(root, 'dist', 'validators');

const read = (name) => JSON.parse(fs.readFileSync(path.join(schemaDir, `${name}.json`), 'utf8'));
const kinds = fs
  .readdirSync(schemaDir)
  .filter((f) => f.endsWith('.json') && f !== 'common.json')
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
for (const kind of kinds) {
  // The same options as a runtime compile would use: all errors, strict schemas, parentSchema in errors.
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, code: { source: true } });
  addFormats.default(ajv);
  ajv.addSchema(read('common'));
  const validate = ajv.compile(read(kind));
  fs.writeFileSync(path.join(outDir, `${kind}.cjs`), standaloneCode.default(ajv, validate));
}
console.log(`schemas: ${kinds.length} standalone validators in dist/validators/`);
