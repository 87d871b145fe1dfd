/**
 * protoc-gen-validate rules on single values, with PGV's semantics (its
 * templates/goshared and templates/cc): each function returns the first rule
 * the value breaks, in PGV's order, or undefined.
 *
 * Repeated/map rules (counts, unique, items/keys/values) and presence rules
 * (required, defaults of absent fields) live in the walker, which knows the
 * field's label and whether it was set.
 */
import { isIP } from 'node:net';
import type { EnumDesc, RuleSet } from './bundle.js';
import { re2Matcher } from '../regex/re2.js';
import { compareNum, compareSecNanos, formatDuration, ruleNum, ruleSecNanos, type SecNanos } from './wellKnown.js';

/** A broken rule: `rule` is `<kind>.<rule>`, e.g. `uint32.lte`. */
export interface Violation {
  readonly rule: string;
  readonly message: string;
}

/** Renders a value for a message, shortened. */
export function show(v: unknown): string {
  let s: string;
  if (typeof v === 'bigint') s = v.toString();
  else if (v instanceof Uint8Array) s = `${v.length} bytes`;
  else s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

const has = (r: RuleSet, k: string): boolean => r[k] !== undefined && r[k] !== null;

// ── ranges, shared by numbers, durations and timestamps ────────────────────

/**
 * PGV's range logic: lt/lte with gt/gte is an inside range when the upper
 * bound is above the lower one, and an outside (exclusive) range otherwise.
 */
function checkRange<T>(
  kind: string,
  r: RuleSet,
  v: T,
  toT: (x: unknown) => T,
  cmp: (a: T, b: T) => number,
  fmt: (x: T) => string,
): Violation | undefined {
  const upperKey = has(r, 'lt') ? 'lt' : has(r, 'lte') ? 'lte' : undefined;
  const lowerKey = has(r, 'gt') ? 'gt' : has(r, 'gte') ? 'gte' : undefined;
  const shown = fmt(v);
  const belowUpper = (u: T, key: string) => (key === 'lt' ? cmp(v, u) < 0 : cmp(v, u) <= 0);
  const aboveLower = (l: T, key: string) => (key === 'gt' ? cmp(v, l) > 0 : cmp(v, l) >= 0);
  const op = (key: string) => ({ lt: '<', lte: '<=', gt: '>', gte: '>=' })[key]!;
  if (upperKey && lowerKey) {
    const u = toT(r[upperKey]);
    const l = toT(r[lowerKey]);
    if (cmp(u, l) > 0) {
      if (!aboveLower(l, lowerKey)) return { rule: `${kind}.${lowerKey}`, message: `${shown} must be ${op(lowerKey)} ${fmt(l)}` };
      if (!belowUpper(u, upperKey)) return { rule: `${kind}.${upperKey}`, message: `${shown} must be ${op(upperKey)} ${fmt(u)}` };
      return undefined;
    }
    // Exclusive range: the value must lie outside [upper, lower].
    if (!belowUpper(u, upperKey) && !aboveLower(l, lowerKey)) {
      return {
        rule: `${kind}.${upperKey}`,
        message: `${shown} must be ${op(upperKey)} ${fmt(u)} or ${op(lowerKey)} ${fmt(l)}`,
      };
    }
    return undefined;
  }
  if (upperKey) {
    const u = toT(r[upperKey]);
    if (!belowUpper(u, upperKey)) return { rule: `${kind}.${upperKey}`, message: `${shown} must be ${op(upperKey)} ${fmt(u)}` };
  }
  if (lowerKey) {
    const l = toT(r[lowerKey]);
    if (!aboveLower(l, lowerKey)) return { rule: `${kind}.${lowerKey}`, message: `${shown} must be ${op(lowerKey)} ${fmt(l)}` };
  }
  return undefined;
}

const fmtNum = (x: number | bigint): string => String(x);

/** Rules of the numeric kinds (int32 … double); `kind` names the rule set. */
export function checkNumber(kind: string, r: RuleSet, v: number | bigint): Violation | undefined {
  if (r.ignore_empty === true && (v === 0 || v === 0n)) return undefined;
  if (has(r, 'const') && compareNum(v, ruleNum(r.const)) !== 0) {
    return { rule: `${kind}.const`, message: `${fmtNum(v)} must equal ${fmtNum(ruleNum(r.const))}` };
  }
  const range = checkRange(kind, r, v, ruleNum, compareNum, fmtNum);
  if (range) return range;
  if (Array.isArray(r.in) && !r.in.some((x) => compareNum(v, ruleNum(x)) === 0)) {
    return { rule: `${kind}.in`, message: `${fmtNum(v)} must be one of [${r.in.join(', ')}]` };
  }
  if (Array.isArray(r.not_in) && r.not_in.some((x) => compareNum(v, ruleNum(x)) === 0)) {
    return { rule: `${kind}.not_in`, message: `${fmtNum(v)} must not be one of [${r.not_in.join(', ')}]` };
  }
  return undefined;
}

export function checkBool(r: RuleSet, v: boolean): Violation | undefined {
  if (has(r, 'const') && v !== r.const) return { rule: 'bool.const', message: `${v} must be ${String(r.const)}` };
  return undefined;
}

export function checkEnum(r: RuleSet, v: number, e: EnumDesc | undefined, name: string): Violation | undefined {
  const shown = name || String(v);
  if (has(r, 'const') && v !== Number(r.const)) return { rule: 'enum.const', message: `${shown} must be ${String(r.const)}` };
  if (r.defined_only === true && e && !Object.values(e.values).includes(v)) {
    return { rule: 'enum.defined_only', message: `${shown} is not a defined value` };
  }
  if (Array.isArray(r.in) && !r.in.map(Number).includes(v)) {
    return { rule: 'enum.in', message: `${shown} must be one of ${enumNames(r.in, e)}` };
  }
  if (Array.isArray(r.not_in) && r.not_in.map(Number).includes(v)) {
    return { rule: 'enum.not_in', message: `${shown} must not be ${enumNames(r.not_in, e)}` };
  }
  return undefined;
}

function enumNames(nums: readonly unknown[], e: EnumDesc | undefined): string {
  const byNum = new Map<number, string>();
  if (e) for (const [k, n] of Object.entries(e.values)) if (!byNum.has(n)) byNum.set(n, k);
  return nums.map((n) => byNum.get(Number(n)) ?? String(n)).join(', ');
}

// ── strings and bytes ──────────────────────────────────────────────────────

/** PGV's well_known_regex patterns (templates/goshared/register.go), as JS classes of the same characters. */
const HTTP_HEADER_NAME = /^:?[0-9a-zA-Z!#$%&'*+-.^_|~`]+$/;
const HTTP_HEADER_VALUE = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/;
const HEADER_STRING = /^[^\u0000\u000A\u000D]*$/;

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}

function isHostname(s: string): boolean {
  const h = s.endsWith('.') ? s.slice(0, -1) : s;
  if (h.length === 0 || h.length > 253) return false;
  return h.split('.').every((l) => l.length > 0 && l.length <= 63 && /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(l));
}

function wellKnownString(r: RuleSet, v: string): Violation | undefined {
  if (r.hostname === true && !isHostname(v)) return { rule: 'string.hostname', message: `${show(v)} must be a valid hostname` };
  if (r.ip === true && isIP(v) === 0) return { rule: 'string.ip', message: `${show(v)} must be a valid IP address` };
  if (r.ipv4 === true && isIP(v) !== 4) return { rule: 'string.ipv4', message: `${show(v)} must be a valid IPv4 address` };
  if (r.ipv6 === true && isIP(v) !== 6) return { rule: 'string.ipv6', message: `${show(v)} must be a valid IPv6 address` };
  if (r.address === true && isIP(v) === 0 && !isHostname(v)) {
    return { rule: 'string.address', message: `${show(v)} must be a valid hostname or IP address` };
  }
  if (r.email === true && !/^[^@\s]+@[^@\s]+$/.test(v)) return { rule: 'string.email', message: `${show(v)} must be a valid email address` };
  if (r.uri === true && !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(v)) return { rule: 'string.uri', message: `${show(v)} must be an absolute URI` };
  if (r.uri_ref === true && /\s/.test(v)) return { rule: 'string.uri_ref', message: `${show(v)} must be a URI reference` };
  if (r.uuid === true && !/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)) {
    return { rule: 'string.uuid', message: `${show(v)} must be a UUID` };
  }
  if (has(r, 'well_known_regex')) {
    const which = String(r.well_known_regex);
    const strict = r.strict !== false;
    let re: RegExp | undefined;
    if (!strict && (which === 'HTTP_HEADER_NAME' || which === 'HTTP_HEADER_VALUE' || which === '1' || which === '2')) re = HEADER_STRING;
    else if (which === 'HTTP_HEADER_NAME' || which === '1') re = HTTP_HEADER_NAME;
    else if (which === 'HTTP_HEADER_VALUE' || which === '2') re = HTTP_HEADER_VALUE;
    if (re && !re.test(v)) {
      const what = which === 'HTTP_HEADER_NAME' || which === '1' ? 'HTTP header name' : 'HTTP header value';
      return {
        rule: 'string.well_known_regex',
        message: strict ? `${show(v)} is not a valid ${what}` : `${show(v)} is not a valid ${what}: it must not contain NUL, CR or LF`,
      };
    }
  }
  return undefined;
}

export function checkString(r: RuleSet, v: string): Violation | undefined {
  if (r.ignore_empty === true && v === '') return undefined;
  if (has(r, 'const') && v !== r.const) return { rule: 'string.const', message: `${show(v)} must equal ${show(r.const)}` };
  const needRunes = has(r, 'len') || has(r, 'min_len') || has(r, 'max_len');
  const runes = needRunes ? runeCount(v) : 0;
  if (has(r, 'len') && runes !== Number(r.len)) return { rule: 'string.len', message: `${show(v)} must be exactly ${String(r.len)} characters long` };
  if (has(r, 'min_len') && runes < Number(r.min_len)) {
    return {
      rule: 'string.min_len',
      message: v === '' ? `must not be empty (min_len ${String(r.min_len)})` : `${show(v)} must be at least ${String(r.min_len)} characters long`,
    };
  }
  if (has(r, 'max_len') && runes > Number(r.max_len)) return { rule: 'string.max_len', message: `${show(v)} must be at most ${String(r.max_len)} characters long` };
  const needBytes = has(r, 'len_bytes') || has(r, 'min_bytes') || has(r, 'max_bytes');
  const bytes = needBytes ? Buffer.byteLength(v, 'utf8') : 0;
  if (has(r, 'len_bytes') && bytes !== Number(r.len_bytes)) return { rule: 'string.len_bytes', message: `${show(v)} must be exactly ${String(r.len_bytes)} bytes long` };
  if (has(r, 'min_bytes') && bytes < Number(r.min_bytes)) {
    return {
      rule: 'string.min_bytes',
      message: v === '' ? `must not be empty (min_bytes ${String(r.min_bytes)})` : `${show(v)} must be at least ${String(r.min_bytes)} bytes long`,
    };
  }
  if (has(r, 'max_bytes') && bytes > Number(r.max_bytes)) return { rule: 'string.max_bytes', message: `${show(v)} must be at most ${String(r.max_bytes)} bytes long` };
  if (has(r, 'pattern')) {
    const m = re2Matcher(String(r.pattern));
    if (m && !m(v)) return { rule: 'string.pattern', message: `${show(v)} does not match the pattern ${show(r.pattern)}` };
  }
  if (has(r, 'prefix') && !v.startsWith(String(r.prefix))) return { rule: 'string.prefix', message: `${show(v)} must start with ${show(r.prefix)}` };
  if (has(r, 'suffix') && !v.endsWith(String(r.suffix))) return { rule: 'string.suffix', message: `${show(v)} must end with ${show(r.suffix)}` };
  if (has(r, 'contains') && !v.includes(String(r.contains))) return { rule: 'string.contains', message: `${show(v)} must contain ${show(r.contains)}` };
  if (has(r, 'not_contains') && v.includes(String(r.not_contains))) {
    return { rule: 'string.not_contains', message: `${show(v)} must not contain ${show(r.not_contains)}` };
  }
  if (Array.isArray(r.in) && !r.in.includes(v)) return { rule: 'string.in', message: `${show(v)} must be one of ${r.in.map(show).join(', ')}` };
  if (Array.isArray(r.not_in) && r.not_in.includes(v)) return { rule: 'string.not_in', message: `${show(v)} must not be one of ${r.not_in.map(show).join(', ')}` };
  return wellKnownString(r, v);
}

function bytesOf(x: unknown): Buffer {
  // Bytes rule values arrive from the .proto text as strings of their bytes.
  if (x instanceof Uint8Array) return Buffer.from(x);
  return Buffer.from(String(x), 'latin1');
}

export function checkBytes(r: RuleSet, v: Uint8Array): Violation | undefined {
  if (r.ignore_empty === true && v.length === 0) return undefined;
  const b = Buffer.from(v);
  if (has(r, 'const') && !b.equals(bytesOf(r.const))) return { rule: 'bytes.const', message: `value must equal the constant bytes` };
  if (has(r, 'len') && b.length !== Number(r.len)) return { rule: 'bytes.len', message: `${b.length} bytes, must be exactly ${String(r.len)}` };
  if (has(r, 'min_len') && b.length < Number(r.min_len)) return { rule: 'bytes.min_len', message: `${b.length} bytes, must be at least ${String(r.min_len)}` };
  if (has(r, 'max_len') && b.length > Number(r.max_len)) return { rule: 'bytes.max_len', message: `${b.length} bytes, must be at most ${String(r.max_len)}` };
  if (has(r, 'prefix') && !b.subarray(0, bytesOf(r.prefix).length).equals(bytesOf(r.prefix))) return { rule: 'bytes.prefix', message: 'bytes must start with the given prefix' };
  if (has(r, 'suffix') && !b.subarray(Math.max(0, b.length - bytesOf(r.suffix).length)).equals(bytesOf(r.suffix))) {
    return { rule: 'bytes.suffix', message: 'bytes must end with the given suffix' };
  }
  if (has(r, 'contains') && b.indexOf(bytesOf(r.contains)) < 0) return { rule: 'bytes.contains', message: 'bytes must contain the given sequence' };
  if (Array.isArray(r.in) && !r.in.some((x) => b.equals(bytesOf(x)))) return { rule: 'bytes.in', message: 'bytes must be one of the allowed values' };
  if (Array.isArray(r.not_in) && r.not_in.some((x) => b.equals(bytesOf(x)))) return { rule: 'bytes.not_in', message: 'bytes must not be one of the listed values' };
  if (r.ip === true && b.length !== 4 && b.length !== 16) return { rule: 'bytes.ip', message: `${b.length} bytes is not an IP address` };
  if (r.ipv4 === true && b.length !== 4) return { rule: 'bytes.ipv4', message: `${b.length} bytes is not an IPv4 address` };
  if (r.ipv6 === true && b.length !== 16) return { rule: 'bytes.ipv6', message: `${b.length} bytes is not an IPv6 address` };
  return undefined;
}

// ── well-known messages ────────────────────────────────────────────────────

export function checkDuration(r: RuleSet, v: SecNanos): Violation | undefined {
  if (has(r, 'const') && compareSecNanos(v, ruleSecNanos(r.const)) !== 0) {
    return { rule: 'duration.const', message: `${formatDuration(v)} must be ${formatDuration(ruleSecNanos(r.const))}` };
  }
  const range = checkRange('duration', r, v, ruleSecNanos, compareSecNanos, formatDuration);
  if (range) return range;
  if (Array.isArray(r.in) && !r.in.some((x) => compareSecNanos(v, ruleSecNanos(x)) === 0)) {
    return { rule: 'duration.in', message: `${formatDuration(v)} must be one of ${r.in.map((x) => formatDuration(ruleSecNanos(x))).join(', ')}` };
  }
  if (Array.isArray(r.not_in) && r.not_in.some((x) => compareSecNanos(v, ruleSecNanos(x)) === 0)) {
    return { rule: 'duration.not_in', message: `${formatDuration(v)} must not be ${r.not_in.map((x) => formatDuration(ruleSecNanos(x))).join(', ')}` };
  }
  return undefined;
}

const fmtTs = (t: SecNanos): string => {
  const d = new Date(t.seconds * 1000);
  return Number.isNaN(d.getTime()) ? `${t.seconds}s` : d.toISOString();
};

export function checkTimestamp(r: RuleSet, v: SecNanos, now: () => number = Date.now): Violation | undefined {
  if (has(r, 'const') && compareSecNanos(v, ruleSecNanos(r.const)) !== 0) return { rule: 'timestamp.const', message: `${fmtTs(v)} must be ${fmtTs(ruleSecNanos(r.const))}` };
  const range = checkRange('timestamp', r, v, ruleSecNanos, compareSecNanos, fmtTs);
  if (range) return range;
  const nowT: SecNanos = { seconds: Math.floor(now() / 1000), nanos: 0 };
  if (r.lt_now === true && compareSecNanos(v, nowT) >= 0) return { rule: 'timestamp.lt_now', message: `${fmtTs(v)} must be in the past` };
  if (r.gt_now === true && compareSecNanos(v, nowT) <= 0) return { rule: 'timestamp.gt_now', message: `${fmtTs(v)} must be in the future` };
  if (has(r, 'within')) {
    const w = ruleSecNanos(r.within);
    if (Math.abs(v.seconds - nowT.seconds) > w.seconds) return { rule: 'timestamp.within', message: `${fmtTs(v)} must be within ${formatDuration(w)} of now` };
  }
  return undefined;
}

export function checkAny(r: RuleSet, typeUrl: string): Violation | undefined {
  if (Array.isArray(r.in) && !r.in.includes(typeUrl)) return { rule: 'any.in', message: `${show(typeUrl)} must be one of ${r.in.map(show).join(', ')}` };
  if (Array.isArray(r.not_in) && r.not_in.includes(typeUrl)) return { rule: 'any.not_in', message: `${show(typeUrl)} is not allowed here` };
  return undefined;
}
