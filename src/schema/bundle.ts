/**
 * Self-contained JSON Schemas for editors: a kind's schema with the common
 * definitions folded in, so yaml-language-server needs no network and no
 * second file.
 */
import { ALL_KINDS, type Kind } from './types.js';
import { readSchema } from './validators.js';

type Schema = Record<string, unknown>;

/** Rewrites `common.json#/$defs/x` references to the bundle's own `#/$defs/x`. */
function localise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(localise);
  if (typeof node !== 'object' || node === null) return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace(/^common\.json#/, '#') : localise(v);
  }
  return out;
}

/**
 * The schema of one kind, or — without a kind — of any meshc document (one
 * of the kinds, told apart by `kind`), for files that hold several kinds.
 */
export function bundledSchema(kind?: Kind): Schema {
  const common = readSchema('common');
  const defs = { ...(localise(common['$defs']) as Schema) };
  if (kind !== undefined) {
    const { $id: _id, ...rest } = localise(readSchema(kind)) as Schema;
    void _id;
    return { ...rest, $defs: defs };
  }
  for (const k of ALL_KINDS) {
    const { $id: _id, $schema: _s, ...rest } = localise(readSchema(k)) as Schema;
    void _id;
    void _s;
    defs[k] = rest;
  }
  return {
    $schema: common['$schema'],
    title: 'meshc resource',
    description: 'Any meshc.dev/v1 resource; `kind` selects which.',
    anyOf: ALL_KINDS.map((k) => ({ $ref: `#/$defs/${k}` })),
    $defs: defs,
  };
}
