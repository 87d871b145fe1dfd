/** The schema files themselves: names, ids, strict compilation and the conventions the compiler relies on. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { ID_BASE, KINDS, newAjv, readSchema, schemaFiles, type JsonSchema } from './schemaAjv.js';

const ALL = ['common', ...KINDS];

/** Visits every subschema with its JSON pointer. */
function walk(schema: unknown, at: string, visit: (s: JsonSchema, at: string) => void): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
  const s = schema as JsonSchema;
  visit(s, at);
  for (const key of ['properties', '$defs', 'definitions']) {
    const map = s[key] as Record<string, unknown> | undefined;
    if (map) for (const [name, sub] of Object.entries(map)) walk(sub, `${at}/${key}/${name}`, visit);
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames']) walk(s[key], `${at}/${key}`, visit);
}

/** Follows a `$ref` (`#/$defs/x` or `common.json#/$defs/x`) from the schema file `file`. */
function deref(s: JsonSchema, file: string): JsonSchema {
  const ref = s['$ref'];
  if (typeof ref !== 'string') return s;
  const [target, pointer] = ref.split('#');
  const doc = readSchema(target ? target.replace(/\.json$/, '') : file);
  let cur: unknown = doc;
  for (const seg of (pointer ?? '').split('/').filter(Boolean)) cur = (cur as Record<string, unknown>)[seg];
  assert.ok(cur, `${file}: unresolved $ref ${ref}`);
  return deref(cur as JsonSchema, target ? target.replace(/\.json$/, '') : file);
}

describe('schema files', () => {
  it('exist for every kind and common, and nothing else', () => {
    assert.deepEqual(schemaFiles(), ALL.map((n) => `${n}.json`).sort());
  });

  it('are draft-07 with a unique $id named after the file', () => {
    const ids = new Set<string>();
    for (const name of ALL) {
      const s = readSchema(name);
      assert.equal(s['$schema'], 'http://json-schema.org/draft-07/schema#', name);
      assert.equal(s['$id'], `${ID_BASE}${name}.json`, name);
      assert.ok(!ids.has(s['$id'] as string), `duplicate $id ${String(s['$id'])}`);
      ids.add(s['$id'] as string);
    }
  });

  for (const kind of KINDS) {
    it(`${kind} compiles with ajv in strict mode`, () => {
      const ajv = newAjv();
      ajv.addSchema(readSchema('common'));
      assert.doesNotThrow(() => ajv.compile(readSchema(kind)));
    });
  }

  it('compile together to standalone validator code', () => {
    const ajv = newAjv({ source: true });
    ajv.addSchema(readSchema('common'));
    for (const kind of KINDS) ajv.addSchema(readSchema(kind));
    const code = standaloneCode.default(ajv, Object.fromEntries(KINDS.map((k) => [k, `${ID_BASE}${k}.json`])));
    for (const kind of KINDS) assert.match(code, new RegExp(`exports\\.${kind} = `));
  });

  it('describe the whole document of their kind', () => {
    for (const kind of KINDS) {
      const s = readSchema(kind);
      assert.deepEqual(s['required'], ['apiVersion', 'kind', 'metadata', 'spec'], kind);
      const props = s['properties'] as Record<string, JsonSchema>;
      assert.deepEqual(props['kind'], { type: 'string', description: 'The kind of this resource.', const: kind });
      assert.equal(props['apiVersion']!['$ref'], 'common.json#/$defs/apiVersion');
      assert.equal(props['metadata']!['$ref'], 'common.json#/$defs/metadata');
      assert.equal(props['spec']!['type'], 'object');
    }
  });

  for (const name of ALL) {
    it(`${name}: every object is closed or a typed map, every property is described, no combinators`, () => {
      walk(readSchema(name), '#', (s, at) => {
        for (const k of ['oneOf', 'anyOf', 'allOf', 'if', 'then', 'else', 'not']) {
          assert.ok(!(k in s), `${name}${at}: uses ${k}`);
        }
        assert.ok(!Array.isArray(s['type']), `${name}${at}: union type`);
        if (s['type'] === 'object') {
          const ap = s['additionalProperties'];
          assert.ok(ap === false || (typeof ap === 'object' && ap !== null), `${name}${at}: additionalProperties must be false or a schema`);
          if (typeof ap === 'object') {
            assert.ok(!('properties' in s), `${name}${at}: a map must not also list properties`);
            assert.ok('propertyNames' in s, `${name}${at}: a map needs propertyNames`);
          }
        }
        // The compiler reads minProperties/maxProperties as "exactly one of"; nothing else may use them.
        if ('minProperties' in s || 'maxProperties' in s) {
          assert.equal(s['minProperties'], 1, `${name}${at}`);
          assert.equal(s['maxProperties'], 1, `${name}${at}`);
          assert.equal(s['additionalProperties'], false, `${name}${at}`);
        }
        const props = s['properties'] as Record<string, JsonSchema> | undefined;
        for (const [prop, sub] of Object.entries(props ?? {})) {
          const description = sub['description'] ?? deref(sub, name)['description'];
          assert.ok(typeof description === 'string' && description.length > 0, `${name}${at}/properties/${prop}: no description`);
        }
      });
    });
  }

  it('give every Mesh field the defaults of the language', () => {
    const spec = (readSchema('Mesh')['properties'] as Record<string, JsonSchema>)['spec']!;
    const p = (s: JsonSchema, ...path: string[]): JsonSchema =>
      path.reduce((cur, key) => (cur['properties'] as Record<string, JsonSchema>)[key]!, s);
    assert.equal(p(spec, 'trustDomain')['default'], 'cluster.local');
    assert.equal(p(spec, 'domain')['default'], 'svc.cluster.local');
    assert.equal(p(spec, 'mtls', 'mode')['default'], 'strict');
    assert.equal(p(spec, 'proxy', 'adminPort')['default'], 9901);
    assert.equal(p(spec, 'proxy', 'inboundPort')['default'], 15006);
    assert.equal(p(spec, 'proxy', 'outboundAddress')['default'], '127.0.0.1');
    assert.equal(p(spec, 'defaults', 'timeout')['default'], '15s');
    assert.equal(p(spec, 'defaults', 'connectTimeout')['default'], '1s');
    assert.deepEqual(p(spec, 'defaults', 'retries')['default'], { attempts: 2, on: ['connect-failure', 'reset'] });
  });
});
