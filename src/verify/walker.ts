/**
 * A proto3-JSON walker over Envoy's descriptors with protoc-gen-validate rules.
 *
 * protobufjs's fromObject/verify implement neither the proto3 JSON mapping
 * (Duration strings, Any with @type, wrappers as bare scalars, json_name
 * aliases) nor PGV, so this walks the JSON itself. Each message type is
 * compiled on first use into a table of per-field closures; a walk then only
 * looks keys up and calls closures. Every problem is collected with its path.
 */
import type { EnumDesc, EnvoyApiBundle, FieldDesc, FieldRules, MessageDesc, RuleSet, ScalarType } from './bundle.js';
import {
  checkAny,
  checkBool,
  checkBytes,
  checkDuration,
  checkEnum,
  checkNumber,
  checkString,
  checkTimestamp,
  show,
  type Violation,
} from './pgv.js';
import { decodeBase64, parseDuration, parseTimestamp, readFloat, readInt } from './wellKnown.js';

/** A problem found in an Envoy config: where (a JSON path), which rule, and what. */
export interface EnvoyIssue {
  /** JSON path of the offending value, e.g. `static_resources.clusters[3].name`. */
  readonly path: string;
  /** The rule broken, e.g. `uint32.lte`, `unknown-field`, `dangling-cluster`. */
  readonly rule: string;
  /** What is wrong, without the path. */
  readonly message: string;
}

/** A map key in a path (rendered `["key"]`), as opposed to a field name. */
export class MapKey {
  constructor(readonly key: string) {}
}

/** One step of a path: a field key as written in the input, an array index, or a map key. */
export type Segment = string | number | MapKey;

/** An issue with its path as segments, so that it can be mapped back to a source node. */
export interface LocatedIssue extends EnvoyIssue {
  readonly segments: readonly Segment[];
  /** `key` when the problem is the key itself (an unknown field), else the value. */
  readonly at: 'key' | 'value';
}

const IDENT = /^[A-Za-z_@][A-Za-z0-9_]*$/;

/** Renders path segments as `a.b[3]["k"].c`. */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (s instanceof MapKey) out += `[${JSON.stringify(s.key)}]`;
    else if (IDENT.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Called after an object of a given message type was walked; `ctx.path` is its path. */
export type TypeHook = (value: Record<string, unknown>, ctx: WalkContext) => void;

/**
 * What hooks record outside the issue list while a subtree is walked (the
 * SemanticCollector's cluster definitions, references, listener names, …),
 * so that a memoized subtree can record it again under another path.
 * Recorded segments are made relative to the subtree, and prefixed with the
 * current path on replay.
 */
export interface SubtreeRecorder {
  /** A mark of everything recorded so far. */
  mark(): unknown;
  /** What was recorded since `mark`, relative to a subtree at a path of `depth` segments; undefined when nothing was. */
  capture(mark: unknown, depth: number): unknown;
  /** Records `captured` (from `capture`, possibly of another recorder of the same kind) again, under `prefix`. */
  replay(captured: unknown, prefix: readonly Segment[]): void;
}

/** An issue of a memoized subtree, its segments relative to the subtree. */
export interface RelativeIssue {
  readonly rule: string;
  readonly message: string;
  readonly at: 'key' | 'value';
  readonly segments: readonly Segment[];
}

/** What walking one object as one message type produced, relative to the object (WalkMemo's entries). */
export interface MemoEntry {
  /** The compiled message type it was walked as (compared by identity). */
  readonly cm: object;
  /** 1: walked as an Any (its `@type` skipped); 2: PGV rules were off (inside `message.skip` or a disabled message). */
  readonly flags: number;
  readonly issues: readonly RelativeIssue[];
  readonly captured: unknown;
}

const NO_ISSUES: readonly RelativeIssue[] = [];

/**
 * A cache of walk results by object identity, for one verification pass over
 * objects that may be shared (compile()'s lowered proxies share clusters and
 * routes). An object walked as a message type is walked once; where it appears
 * again (as the same type, in the same PGV state), its issues and what the
 * context's recorder recorded inside it are replayed under the current path,
 * so the result is exactly that of walking it again. Only results that depend
 * on the subtree alone are cached: every hook must report and record from the
 * object it is given (and `ctx.path`), never from state outside it. The memo
 * is valid for one walker and one kind of hooks and recorder; objects must not
 * be mutated while it lives (it holds them weakly, so drop it after the pass).
 */
export class WalkMemo {
  private readonly entries = new WeakMap<object, MemoEntry>();
  /** Objects walked, and walks served from the cache (for measurements and tests). */
  misses = 0;
  hits = 0;

  /** @param types the message types to memoize (full names); undefined: every message type. */
  constructor(
    readonly walker: Walker,
    readonly types?: ReadonlySet<string>,
  ) {}

  /** The cached result for an object (used by the Walker). */
  get(obj: object): MemoEntry | undefined {
    return this.entries.get(obj);
  }

  /** Caches an object's result (used by the Walker). */
  set(obj: object, entry: MemoEntry): void {
    this.entries.set(obj, entry);
  }
}

/** State of one walk. */
export class WalkContext {
  readonly issues: LocatedIssue[] = [];
  readonly path: Segment[] = [];
  /** >0 inside a message whose PGV rules are skipped (`message.skip`, `validate.disabled`). */
  pgvOff = 0;

  /**
   * @param memo results shared across walks of one pass (see WalkMemo); with it, `recorder`
   *   must be what `hooks` record into, so that cached subtrees replay it.
   */
  constructor(
    readonly walker: Walker,
    readonly hooks: ReadonlyMap<string, TypeHook> = new Map(),
    readonly memo?: WalkMemo,
    readonly recorder?: SubtreeRecorder,
  ) {}

  /** Records an issue at the current path (plus `extra` segments). */
  report(rule: string, message: string, at: 'key' | 'value' = 'value', ...extra: Segment[]): void {
    const segments = extra.length ? [...this.path, ...extra] : this.path.slice();
    this.issues.push({ path: formatPath(segments), rule, message, segments, at });
  }

  reportViolation(v: Violation): void {
    this.report(v.rule, v.message);
  }
}

type Check = (v: unknown, ctx: WalkContext) => void;

interface CompiledField {
  readonly desc: FieldDesc;
  /** Checks a present, non-null value. */
  readonly check: Check;
  /** PGV rules that apply when the field is absent (proto3 defaults, required, min_items). */
  readonly absent: ((ctx: WalkContext) => void) | undefined;
  /** Whether JSON null is a value (google.protobuf.Value) rather than "absent". */
  readonly nullIsValue: boolean;
}

interface CompiledMessage {
  readonly name: string;
  readonly desc: MessageDesc;
  readonly byKey: Map<string, CompiledField>;
  readonly fields: readonly CompiledField[];
  readonly absent: readonly CompiledField[];
  readonly oneofs: readonly { readonly name: string; readonly required: boolean; readonly members: readonly CompiledField[] }[];
}

const WRAPPERS: Readonly<Record<string, ScalarType>> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

/** Message types whose JSON form is not an object of their fields. */
const SPECIAL_JSON = new Set([
  ...Object.keys(WRAPPERS),
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'google.protobuf.FieldMask',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
]);

const TYPED_STRUCTS = new Set(['udpa.type.v1.TypedStruct', 'xds.type.v3.TypedStruct']);

const INT_TYPES = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64']);

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${show(v)}`;
  return `${typeof v} ${show(v)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The part of a type URL after its last '/', which is how protobuf resolves it. */
export function typeNameOfUrl(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/**
 * Validates proto3 JSON against the bundle. One Walker per bundle; compiled
 * message validators are cached on it, so reuse it across calls.
 */
export class Walker {
  private readonly compiled = new Map<string, CompiledMessage>();

  constructor(readonly api: EnvoyApiBundle) {}

  /** Walks `value` as the message `typeName`; issues go to ctx. */
  walk(typeName: string, value: unknown, ctx: WalkContext): void {
    this.messageCheck(typeName, undefined)(value, ctx);
  }

  hasMessage(typeName: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.api.messages, typeName);
  }

  // ── compilation ──────────────────────────────────────────────────────────

  private message(name: string): CompiledMessage {
    let cm = this.compiled.get(name);
    if (cm) return cm;
    const desc = this.api.messages[name];
    if (!desc) throw new Error(`bug: message ${name} is not in the Envoy API bundle`);
    const byKey = new Map<string, CompiledField>();
    const fields: CompiledField[] = [];
    const absent: CompiledField[] = [];
    // Registered before its fields are compiled: message types are recursive.
    cm = { name, desc, byKey, fields, absent, oneofs: [] };
    this.compiled.set(name, cm);
    for (const fd of desc.fields) {
      const f: CompiledField = {
        desc: fd,
        check: this.fieldCheck(fd),
        absent: this.absentCheck(fd),
        nullIsValue: fd.kind === 'm' && fd.type === 'google.protobuf.Value' && fd.label === undefined,
      };
      fields.push(f);
      byKey.set(fd.name, f);
      if (fd.json !== fd.name) byKey.set(fd.json, f);
      if (f.absent) absent.push(f);
    }
    (cm as { oneofs: CompiledMessage['oneofs'] }).oneofs = (desc.oneofs ?? []).map((o, i) => ({
      name: o.name,
      required: o.required === true,
      members: fields.filter((f) => f.desc.oneof === i),
    }));
    return cm;
  }

  private fieldCheck(fd: FieldDesc): Check {
    const rules = fd.rules;
    if (fd.label === 'repeated') return this.repeatedCheck(fd, rules?.repeated);
    if (fd.label === 'map') return this.mapCheck(fd, rules?.map);
    return this.elementCheck(fd.kind, fd.type, rules);
  }

  /** A checker for one value of a type (a field's value, a list item, a map value). */
  private elementCheck(kind: 's' | 'e' | 'm', type: string, rules: FieldRules | undefined): Check {
    if (kind === 's') return this.scalarCheck(type as ScalarType, rules?.[type]);
    if (kind === 'e') return this.enumCheck(type, rules?.enum);
    return this.messageCheck(type, rules);
  }

  private scalarCheck(type: ScalarType, r: RuleSet | undefined): Check {
    if (INT_TYPES.has(type)) {
      return (v, ctx) => {
        const res = readInt(v, type);
        if (!res.ok) {
          if (res.why === 'range') ctx.report(`type.${type}`, `${show(v)} is out of range for ${type}`);
          else ctx.report(`type.${type}`, `must be ${type} (an integer, or a string of digits), not ${jsonType(v)}`);
          return;
        }
        if (r && ctx.pgvOff === 0) {
          const bad = checkNumber(type, r, res.value);
          if (bad) ctx.reportViolation(bad);
        }
      };
    }
    switch (type) {
      case 'float':
      case 'double':
        return (v, ctx) => {
          const res = readFloat(v, type);
          if (!res.ok) {
            ctx.report(`type.${type}`, res.why === 'range' ? `${show(v)} is out of range for ${type}` : `must be a number, not ${jsonType(v)}`);
            return;
          }
          if (r && ctx.pgvOff === 0) {
            const bad = checkNumber(type, r, res.value);
            if (bad) ctx.reportViolation(bad);
          }
        };
      case 'bool':
        return (v, ctx) => {
          if (typeof v !== 'boolean') {
            ctx.report('type.bool', `must be true or false, not ${jsonType(v)}`);
            return;
          }
          if (r && ctx.pgvOff === 0) {
            const bad = checkBool(r, v);
            if (bad) ctx.reportViolation(bad);
          }
        };
      case 'string':
        return (v, ctx) => {
          if (typeof v !== 'string') {
            ctx.report('type.string', `must be a string, not ${jsonType(v)}`);
            return;
          }
          if (r && ctx.pgvOff === 0) {
            const bad = checkString(r, v);
            if (bad) ctx.reportViolation(bad);
          }
        };
      case 'bytes':
        return (v, ctx) => {
          const b = typeof v === 'string' ? decodeBase64(v) : undefined;
          if (!b) {
            ctx.report('type.bytes', `must be base64-encoded bytes, not ${jsonType(v)}`);
            return;
          }
          if (r && ctx.pgvOff === 0) {
            const bad = checkBytes(r, b);
            if (bad) ctx.reportViolation(bad);
          }
        };
      default:
        throw new Error(`bug: unknown scalar type ${String(type)}`);
    }
  }

  private enumCheck(type: string, r: RuleSet | undefined): Check {
    const e: EnumDesc | undefined = this.api.enums[type];
    if (!e) throw new Error(`bug: enum ${type} is not in the Envoy API bundle`);
    if (type === 'google.protobuf.NullValue') {
      return (v, ctx) => {
        if (v !== null && v !== 'NULL_VALUE' && v !== 0) ctx.report('type.enum', `must be null, not ${jsonType(v)}`);
      };
    }
    const names = Object.keys(e.values);
    return (v, ctx) => {
      let num: number;
      let name = '';
      if (typeof v === 'string') {
        const n = e.values[v];
        if (n === undefined) {
          ctx.report('type.enum', `${show(v)} is not a value of ${type} (${names.join(', ')})`);
          return;
        }
        num = n;
        name = v;
      } else if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) {
        num = v;
      } else {
        ctx.report('type.enum', `must be a name of ${type} (${names.join(', ')}), not ${jsonType(v)}`);
        return;
      }
      if (r && ctx.pgvOff === 0) {
        const bad = checkEnum(r, num, e, name);
        if (bad) ctx.reportViolation(bad);
      }
    };
  }

  /** Checks a value of a message type, honouring the field's rules (message.skip, duration/any rules, wrapper rules). */
  private messageCheck(type: string, rules: FieldRules | undefined): Check {
    const wrapped = WRAPPERS[type];
    if (wrapped) return this.scalarCheck(wrapped, rules?.[wrapped]);
    switch (type) {
      case 'google.protobuf.Duration': {
        const r = rules?.duration;
        return (v, ctx) => {
          const d = typeof v === 'string' ? parseDuration(v) : undefined;
          if (!d) {
            ctx.report('type.duration', `must be a duration string in seconds such as "1.5s" or "0.250s", not ${jsonType(v)}`);
            return;
          }
          if (r && ctx.pgvOff === 0) {
            const bad = checkDuration(r, d);
            if (bad) ctx.reportViolation(bad);
          }
        };
      }
      case 'google.protobuf.Timestamp': {
        const r = rules?.timestamp;
        return (v, ctx) => {
          const t = typeof v === 'string' ? parseTimestamp(v) : undefined;
          if (!t) {
            ctx.report('type.timestamp', `must be an RFC 3339 timestamp such as "2024-05-01T12:00:00Z", not ${jsonType(v)}`);
            return;
          }
          if (r && ctx.pgvOff === 0) {
            const bad = checkTimestamp(r, t);
            if (bad) ctx.reportViolation(bad);
          }
        };
      }
      case 'google.protobuf.FieldMask':
        return (v, ctx) => {
          if (typeof v !== 'string') ctx.report('type.field_mask', `must be a string of comma-separated paths, not ${jsonType(v)}`);
        };
      case 'google.protobuf.Value':
        return (v, ctx) => checkJsonValue(v, ctx);
      case 'google.protobuf.Struct':
        return (v, ctx) => {
          if (!isObject(v)) ctx.report('type.struct', `must be an object, not ${jsonType(v)}`);
          else for (const k in v) {
            ctx.path.push(new MapKey(k));
            checkJsonValue(v[k], ctx);
            ctx.path.pop();
          }
        };
      case 'google.protobuf.ListValue':
        return (v, ctx) => {
          if (!Array.isArray(v)) ctx.report('type.list', `must be an array, not ${jsonType(v)}`);
          else v.forEach((x, i) => {
            ctx.path.push(i);
            checkJsonValue(x, ctx);
            ctx.path.pop();
          });
        };
      case 'google.protobuf.Any':
        return this.anyCheck(rules?.any);
      default:
        break;
    }
    const skip = rules?.message?.skip === true;
    let cm: CompiledMessage | undefined;
    return (v, ctx) => {
      if (!isObject(v)) {
        ctx.report('type.message', `must be an object (${type}), not ${jsonType(v)}`);
        return;
      }
      cm ??= this.message(type);
      if (skip) ctx.pgvOff++;
      this.walkObject(cm, v, ctx, false);
      if (skip) ctx.pgvOff--;
    };
  }

  private anyCheck(r: RuleSet | undefined): Check {
    return (v, ctx) => {
      if (!isObject(v)) {
        ctx.report('type.message', `must be an object with "@type" (google.protobuf.Any), not ${jsonType(v)}`);
        return;
      }
      const url = v['@type'];
      if (url === undefined || url === null) {
        ctx.report('any.type', 'an Any must have "@type" naming the message it holds');
        return;
      }
      if (typeof url !== 'string') {
        ctx.report('type.string', `must be a string, not ${jsonType(url)}`, 'value', '@type');
        return;
      }
      if (r && ctx.pgvOff === 0) {
        const bad = checkAny(r, url);
        if (bad) ctx.report(bad.rule, bad.message, 'value', '@type');
      }
      const name = typeNameOfUrl(url);
      if (!url.includes('/') || name === '' || !this.hasMessage(name)) {
        ctx.report('any.unknown-type', `unknown @type ${show(url)}: not a message of Envoy's API (as bundled by meshc)`, 'value', '@type');
        return;
      }
      if (SPECIAL_JSON.has(name)) {
        // {"@type": ".../google.protobuf.Duration", "value": "1s"}
        for (const k in v) {
          if (k !== '@type' && k !== 'value') ctx.report('unknown-field', `unknown field ${show(k)} in an Any holding ${name} (only "value")`, 'key', k);
        }
        if ('value' in v) {
          ctx.path.push('value');
          this.messageCheck(name, undefined)(v.value, ctx);
          ctx.path.pop();
        }
        return;
      }
      this.walkObject(this.message(name), v, ctx, true);
    };
  }

  private repeatedCheck(fd: FieldDesc, r: RuleSet | undefined): Check {
    const items = r?.items as FieldRules | undefined;
    const elem = this.elementCheck(fd.kind, fd.type, items);
    const minItems = r?.min_items === undefined ? undefined : Number(r.min_items);
    const maxItems = r?.max_items === undefined ? undefined : Number(r.max_items);
    const unique = r?.unique === true;
    const ignoreEmpty = r?.ignore_empty === true;
    return (v, ctx) => {
      if (!Array.isArray(v)) {
        ctx.report('type.array', `must be an array, not ${jsonType(v)}`);
        return;
      }
      for (let i = 0; i < v.length; i++) {
        ctx.path.push(i);
        if (v[i] === null && fd.type !== 'google.protobuf.Value') ctx.report('type.null', 'a list item cannot be null');
        else elem(v[i], ctx);
        ctx.path.pop();
      }
      if (ctx.pgvOff > 0 || (ignoreEmpty && v.length === 0)) return;
      if (minItems !== undefined && v.length < minItems) ctx.report('repeated.min_items', `has ${v.length} items, must have at least ${minItems}`);
      if (maxItems !== undefined && v.length > maxItems) ctx.report('repeated.max_items', `has ${v.length} items, must have at most ${maxItems}`);
      if (unique) {
        const seen = new Set<string>();
        for (let i = 0; i < v.length; i++) {
          const k = JSON.stringify(v[i]);
          if (seen.has(k)) {
            ctx.report('repeated.unique', `${show(v[i])} appears more than once; items must be unique`, 'value', i);
            break;
          }
          seen.add(k);
        }
      }
    };
  }

  private mapCheck(fd: FieldDesc, r: RuleSet | undefined): Check {
    const keyType = fd.keyType!;
    const keyRules = r?.keys as FieldRules | undefined;
    const keyCheck = this.scalarCheck(keyType, keyRules?.[keyType]);
    const value = this.elementCheck(fd.kind, fd.type, r?.values as FieldRules | undefined);
    const minPairs = r?.min_pairs === undefined ? undefined : Number(r.min_pairs);
    const maxPairs = r?.max_pairs === undefined ? undefined : Number(r.max_pairs);
    const noSparse = r?.no_sparse === true;
    const ignoreEmpty = r?.ignore_empty === true;
    return (v, ctx) => {
      if (!isObject(v)) {
        ctx.report('type.map', `must be an object (a map of ${keyType} to ${fd.type}), not ${jsonType(v)}`);
        return;
      }
      let n = 0;
      for (const k in v) {
        n++;
        ctx.path.push(new MapKey(k));
        // JSON map keys are strings; integer and bool keys are written as their text.
        keyCheck(keyType === 'string' ? k : keyType === 'bool' ? (k === 'true' ? true : k === 'false' ? false : k) : k, ctx);
        const x = v[k];
        if (x === null && fd.type !== 'google.protobuf.Value') {
          if (noSparse && ctx.pgvOff === 0) ctx.report('map.no_sparse', 'map values must not be null');
        } else value(x, ctx);
        ctx.path.pop();
      }
      if (ctx.pgvOff > 0 || (ignoreEmpty && n === 0)) return;
      if (minPairs !== undefined && n < minPairs) ctx.report('map.min_pairs', `has ${n} entries, must have at least ${minPairs}`);
      if (maxPairs !== undefined && n > maxPairs) ctx.report('map.max_pairs', `has ${n} entries, must have at most ${maxPairs}`);
    };
  }

  /**
   * The rules PGV applies to a field that is not set: proto3 scalars and enums
   * are checked at their default value (so `min_len: 1` fails on a missing
   * string), lists and maps as empty, and message fields only for `required`.
   * Members of a oneof and proto3 `optional` fields are checked only when set.
   */
  private absentCheck(fd: FieldDesc): ((ctx: WalkContext) => void) | undefined {
    const r = fd.rules;
    if (!r || fd.oneof !== undefined || fd.optional) return undefined;
    const here = (ctx: WalkContext, rule: string, message: string) => ctx.report(rule, message, 'value', fd.name);
    if (fd.label === 'repeated' || fd.label === 'map') {
      const set = fd.label === 'repeated' ? r.repeated : r.map;
      if (!set || set.ignore_empty === true) return undefined;
      const min = Number(fd.label === 'repeated' ? set.min_items ?? 0 : set.min_pairs ?? 0);
      if (min <= 0) return undefined;
      const rule = fd.label === 'repeated' ? 'repeated.min_items' : 'map.min_pairs';
      return (ctx) => here(ctx, rule, `is missing; it must have at least ${min} ${fd.label === 'repeated' ? 'item' : 'entr'}${min === 1 ? (fd.label === 'repeated' ? '' : 'y') : fd.label === 'repeated' ? 's' : 'ies'}`);
    }
    if (fd.kind === 'm') {
      const required =
        r.message?.required === true ||
        r.duration?.required === true ||
        r.timestamp?.required === true ||
        r.any?.required === true;
      if (!required) return undefined;
      const kind = r.message?.required === true ? 'message' : r.duration?.required ? 'duration' : r.timestamp?.required ? 'timestamp' : 'any';
      return (ctx) => here(ctx, `${kind}.required`, `is required (${fd.type})`);
    }
    if (fd.kind === 'e') {
      const set = r.enum;
      if (!set) return undefined;
      const e = this.api.enums[fd.type];
      const zero = e ? Object.keys(e.values).find((k) => e.values[k] === 0) ?? '' : '';
      return (ctx) => {
        const bad = checkEnum(set, 0, e, zero);
        if (bad) here(ctx, bad.rule, `is missing (defaults to ${zero || 0}): ${bad.message}`);
      };
    }
    const set = r[fd.type];
    if (!set) return undefined;
    const type = fd.type as ScalarType;
    const check = (): Violation | undefined => {
      if (type === 'string') return checkString(set, '');
      if (type === 'bool') return checkBool(set, false);
      if (type === 'bytes') return checkBytes(set, new Uint8Array(0));
      return checkNumber(type, set, 0);
    };
    return (ctx) => {
      const bad = check();
      if (bad) here(ctx, bad.rule, type === 'string' && bad.rule === 'string.min_len' ? `is missing; it must be a non-empty string` : `is missing (defaults to ${type === 'string' ? '""' : type === 'bool' ? 'false' : '0'}): ${bad.message}`);
    };
  }

  // ── walking ──────────────────────────────────────────────────────────────

  /** Walks an object as a message, through the context's memo when it has one for this type. */
  private walkObject(cm: CompiledMessage, obj: Record<string, unknown>, ctx: WalkContext, isAny: boolean): void {
    const memo = ctx.memo;
    if (memo === undefined || memo.walker !== this || (memo.types !== undefined && !memo.types.has(cm.name))) {
      this.walkFields(cm, obj, ctx, isAny);
      return;
    }
    const flags = (isAny ? 1 : 0) | (ctx.pgvOff > 0 ? 2 : 0);
    const entry = memo.get(obj);
    if (entry !== undefined) {
      if (entry.cm === cm && entry.flags === flags) {
        memo.hits++;
        for (const i of entry.issues) {
          const segments = [...ctx.path, ...i.segments];
          ctx.issues.push({ path: formatPath(segments), rule: i.rule, message: i.message, segments, at: i.at });
        }
        if (entry.captured !== undefined) ctx.recorder?.replay(entry.captured, ctx.path);
      } else {
        // The same object as another type (or PGV state): walked, the first result stays cached.
        this.walkFields(cm, obj, ctx, isAny);
      }
      return;
    }
    memo.misses++;
    const depth = ctx.path.length;
    const from = ctx.issues.length;
    const recorder = ctx.recorder;
    const mark = recorder?.mark();
    this.walkFields(cm, obj, ctx, isAny);
    const issues =
      ctx.issues.length === from
        ? NO_ISSUES
        : ctx.issues.slice(from).map((i) => ({ rule: i.rule, message: i.message, at: i.at, segments: i.segments.slice(depth) }));
    memo.set(obj, { cm, flags, issues, captured: recorder?.capture(mark, depth) });
  }

  private walkFields(cm: CompiledMessage, obj: Record<string, unknown>, ctx: WalkContext, isAny: boolean): void {
    const disabled = cm.desc.disabled === true || cm.desc.ignored === true;
    if (disabled) ctx.pgvOff++;
    // Fields set in this object, found while walking its keys (cheaper than
    // probing the object again for every oneof member and rule).
    const seen: CompiledField[] = [];
    const seenKeys: string[] = [];
    for (const key in obj) {
      if (isAny && key === '@type') continue;
      const f = cm.byKey.get(key);
      if (!f) {
        const hint = suggest(key, cm.fields);
        ctx.report('unknown-field', `unknown field ${show(key)} in ${cm.name}${hint}`, 'key', key);
        continue;
      }
      const v = obj[key];
      if (v === null && !f.nullIsValue) continue;
      if (seen.includes(f)) {
        ctx.report('duplicate-field', `${show(key)} and ${show(f.desc.name)} are the same field; set it once`, 'key', key);
        continue;
      }
      seen.push(f);
      seenKeys.push(key);
      ctx.path.push(key);
      f.check(v, ctx);
      ctx.path.pop();
    }
    if (cm.oneofs.length > 0) {
      let firstKeys: (string | undefined)[] | undefined;
      for (let i = 0; i < seen.length; i++) {
        const o = seen[i]!.desc.oneof;
        if (o === undefined) continue;
        firstKeys ??= new Array<string | undefined>(cm.oneofs.length);
        const first = firstKeys[o];
        if (first === undefined) firstKeys[o] = seenKeys[i];
        else {
          ctx.report(
            'oneof.multiple',
            `${show(first)} and ${show(seenKeys[i])} are both set, but only one field of the oneof "${cm.oneofs[o]!.name}" may be`,
            'key',
            seenKeys[i]!,
          );
        }
      }
      if (ctx.pgvOff === 0) {
        cm.oneofs.forEach((o, i) => {
          if (o.required && firstKeys?.[i] === undefined) {
            ctx.report('oneof.required', `one of ${o.members.map((m) => m.desc.name).join(', ')} must be set (oneof "${o.name}" is required)`);
          }
        });
      }
    }
    if (ctx.pgvOff === 0) {
      for (const f of cm.absent) if (!seen.includes(f)) f.absent!(ctx);
    }
    if (TYPED_STRUCTS.has(cm.name)) this.walkTypedStruct(obj, ctx);
    const hook = ctx.hooks.get(cm.name);
    if (hook) hook(obj, ctx);
    if (disabled) ctx.pgvOff--;
  }

  /** TypedStruct: `value` must be a valid JSON form of the message named by `type_url`. */
  private walkTypedStruct(obj: Record<string, unknown>, ctx: WalkContext): void {
    const url = obj.type_url ?? obj.typeUrl;
    if (typeof url !== 'string') return;
    const name = typeNameOfUrl(url);
    if (!this.hasMessage(name)) {
      ctx.report('typed-struct.unknown-type', `unknown type_url ${show(url)}: not a message of Envoy's API (as bundled by meshc)`, 'value', obj.type_url !== undefined ? 'type_url' : 'typeUrl');
      return;
    }
    const value = obj.value ?? {};
    if (!isObject(value)) return; // already reported as a Struct type error
    ctx.path.push('value');
    this.messageCheck(name, undefined)(value, ctx);
    ctx.path.pop();
  }
}

function checkJsonValue(v: unknown, ctx: WalkContext): void {
  if (typeof v === 'number' && !Number.isFinite(v)) ctx.report('type.value', `${show(v)} is not a JSON number`);
}

function suggest(key: string, fields: readonly CompiledField[]): string {
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(key.length / 3)) + 1;
  const lower = key.toLowerCase().replace(/_/g, '');
  for (const f of fields) {
    if (f.desc.name.replace(/_/g, '').toLowerCase() === lower) return `; did you mean "${f.desc.name}"?`;
    const d = editDistance(key, f.desc.name);
    if (d < bestD) {
      bestD = d;
      best = f.desc.name;
    }
  }
  return best ? `; did you mean "${best}"?` : '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
