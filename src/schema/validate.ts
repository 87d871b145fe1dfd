import type { ErrorObject } from 'ajv';
import { didYouMean, type DiagnosticBag } from '../diagnostics/index.js';
import { FieldHints } from '../diagnostics/messages.js';
import { spanAt, type NodePath, type ParsedDocument } from '../parse/index.js';
import { ALL_KINDS, API_VERSION, type AnyResource, type Kind } from './types.js';
import { validatorFor } from './validators.js';

/** The duration pattern of common.json, recognised to give durations their own message. */
const DURATION_PATTERN = /\(ms\|s\|m\|h\)/;

/** The outcome of schema validation. */
export interface SchemaResult {
  /** The documents that are resources the semantic rules can safely look at. */
  readonly resources: AnyResource[];
  /**
   * False when some document had to be dropped. The semantic rules then must
   * not run: they would report every reference to it as unknown.
   */
  readonly complete: boolean;
}

/**
 * Validates every document against the JSON Schema of its kind. Every ajv
 * error becomes a diagnostic on the exact YAML node it concerns.
 *
 * Error recovery: a document whose only problems are unknown fields is kept
 * (the unknown fields are reported and otherwise ignored), so that one typo
 * does not hide the semantic errors of the rest; it still fails the build.
 */
export function validateSchema(docs: readonly ParsedDocument[], bag: DiagnosticBag): SchemaResult {
  const resources: AnyResource[] = [];
  let complete = true;
  for (const doc of docs) {
    const resource = validateDocument(doc, bag);
    if (resource) resources.push(resource);
    else complete = false;
  }
  return { resources, complete };
}

function validateDocument(doc: ParsedDocument, bag: DiagnosticBag): AnyResource | undefined {
  const v = doc.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    bag.report('DocumentNotMapping', doc.span, { found: describe(v) });
    return undefined;
  }
  const obj = v as Record<string, unknown>;
  // apiVersion and kind decide which schema applies, so they are checked first and on their own.
  if (obj['apiVersion'] !== API_VERSION) {
    if (obj['apiVersion'] === undefined) bag.report('MissingField', doc.span, { field: 'apiVersion', where: 'the document' });
    else bag.report('UnknownApiVersion', spanAt(doc, ['apiVersion']), { found: String(obj['apiVersion']) });
    return undefined;
  }
  const kind = obj['kind'];
  if (kind === undefined) {
    bag.report('MissingField', doc.span, { field: 'kind', where: 'the document' });
    return undefined;
  }
  if (typeof kind !== 'string' || !(ALL_KINDS as readonly string[]).includes(kind)) {
    bag.report('UnknownKind', spanAt(doc, ['kind']), {
      found: String(kind),
      hint: didYouMean(String(kind), ALL_KINDS) || `the kinds are ${ALL_KINDS.join(', ')}`,
    });
    return undefined;
  }
  const errors = validatorFor(kind as Kind)(obj);
  for (const e of dedupe(errors)) reportAjvError(doc, e, bag);
  if (errors.some((e) => e.keyword !== 'additionalProperties')) return undefined;
  const metadata = obj['metadata'] as { name: string; namespace?: string };
  return {
    kind,
    name: metadata.name,
    namespace: metadata.namespace ?? 'default',
    spec: obj['spec'],
    doc,
  } as AnyResource;
}

/** ajv reports `type` on both branches of some keywords and repeats errors; keep one per place and keyword. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Turns `/spec/rules/0/backends` into a path of keys and indexes. */
function toPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** `spec.rules[0].backends` — how a path is named in messages. */
export function pathName(path: NodePath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : /^[A-Za-z_][\w-]*$/.test(seg) ? `.${seg}` : `["${seg}"]`;
  }
  return out === '' ? 'the document' : out;
}

function reportAjvError(doc: ParsedDocument, e: ErrorObject, bag: DiagnosticBag): void {
  const path = toPath(e.instancePath);
  const where = pathName(path);
  const params = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as { properties?: Record<string, unknown>; description?: string };
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      const known = Object.keys(parent.properties ?? {});
      bag.report('UnknownField', spanAt(doc, [...path, field], 'key'), {
        field,
        where,
        hint:
          refusedFieldHint(path, field) ??
          (didYouMean(field, known) || (known.length > 0 ? `the fields here are ${known.join(', ')}` : '')),
      });
      return;
    }
    case 'required':
      bag.report('MissingField', spanAt(doc, path, 'key'), { field: String(params['missingProperty']), where });
      return;
    case 'type':
      bag.report('WrongType', spanAt(doc, path), {
        where,
        expected: article(String(params['type'])),
        found: describe(e.data),
      });
      return;
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'enum' ? (params['allowedValues'] as unknown[]) : [params['allowedValue']]).map((a) =>
        JSON.stringify(a),
      );
      bag.report('BadEnum', spanAt(doc, path), {
        where,
        allowed: allowed.join(', '),
        found: JSON.stringify(e.data),
        hint: didYouMean(String(e.data), allowed.map((a) => a.replace(/^"|"$/g, ''))),
      });
      return;
    }
    case 'pattern': {
      const pattern = String(params['pattern']);
      // A map key that breaks its propertyNames rule: point at the key itself.
      if (e.propertyName !== undefined) {
        bag.report('BadFormat', spanAt(doc, [...path, e.propertyName], 'key'), {
          where,
          detail: `the key ${JSON.stringify(e.propertyName)} is not valid`,
          hint: parent.description ?? `keys here must match ${pattern}`,
        });
      } else if (DURATION_PATTERN.test(pattern)) {
        bag.report('BadDuration', spanAt(doc, path), { where, found: JSON.stringify(e.data) });
      } else {
        // Users read the schema's description of the value, not its regex.
        bag.report('BadFormat', spanAt(doc, path), {
          where,
          detail: parent.description ? `${JSON.stringify(e.data)} is not valid` : `${JSON.stringify(e.data)} does not match ${pattern}`,
          hint: parent.description ?? '',
        });
      }
      return;
    }
    case 'propertyNames':
      // Always accompanied by the error of the rule the key broke, which is reported instead.
      return;
    case 'dependencies':
    case 'dependentRequired':
      bag.report('MissingField', spanAt(doc, path, 'key'), {
        field: String(params['missingProperty']),
        where: `${where} (it is needed with "${String(params['property'])}")`,
      });
      return;
    case 'format':
      bag.report('BadFormat', spanAt(doc, path), {
        where,
        detail: `${JSON.stringify(e.data)} is not a valid ${String(params['format'])}`,
        hint: '',
      });
      return;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      bag.report('OutOfRange', spanAt(doc, path), {
        where,
        limit: `${String(params['comparison'])} ${String(params['limit'])}`,
        found: JSON.stringify(e.data),
      });
      return;
    case 'minProperties':
    case 'maxProperties': {
      const choices = Object.keys(parent.properties ?? {});
      if ((e.parentSchema as { maxProperties?: number } | undefined)?.maxProperties === 1 && choices.length > 0) {
        bag.report('ExactlyOneOf', spanAt(doc, path, 'key'), { where, fields: choices.join(', ') });
        return;
      }
      break;
    }
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength': {
      const n = Number(params['limit']);
      const unit = e.keyword.endsWith('Items') ? (n === 1 ? 'item' : 'items') : n === 1 ? 'character' : 'characters';
      const bound = e.keyword.startsWith('min') ? 'at least' : 'at most';
      bag.report('SchemaOther', spanAt(doc, path), { where, detail: `must have ${bound} ${n} ${unit}` });
      return;
    }
    case 'uniqueItems':
      bag.report('SchemaOther', spanAt(doc, path), {
        where,
        detail: `lists the same value twice (items ${String(params['j'])} and ${String(params['i'])})`,
      });
      return;
    case 'multipleOf':
      if (Number(params['multipleOf']) === 1) {
        bag.report('WrongType', spanAt(doc, path), { where, expected: 'a whole number', found: describe(e.data) });
        return;
      }
      break;
  }
  bag.report('SchemaOther', spanAt(doc, path), { where, detail: e.message ?? e.keyword });
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

/** How a YAML value is described in messages: its kind and, for scalars, the value. */
function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `the number ${v}` : `the number ${v}`;
  return String(v);
}

/**
 * A field meshc refuses on purpose gets the reason rather than a did-you-mean:
 * anything that would set where the admin interface listens (it is always
 * 127.0.0.1; only Mesh `spec.proxy.adminPort` can be set).
 */
function refusedFieldHint(path: NodePath, field: string): string | undefined {
  const inMesh = path[0] === 'spec' && (path.length === 1 || (path.length === 2 && path[1] === 'proxy'));
  return inMesh && /admin/i.test(field) ? FieldHints.AdminAddress : undefined;
}
