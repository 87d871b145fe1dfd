/**
 * The proto3 JSON forms of scalars and well-known types, as Envoy's protobuf
 * JSON parser reads them.
 */

/** A Duration or Timestamp as seconds and nanos (nanos has the sign of seconds). */
export interface SecNanos {
  readonly seconds: number;
  readonly nanos: number;
}

/** ±10,000 years, the range protobuf allows for a Duration. */
const MAX_DURATION_SECONDS = 315_576_000_000;
const DURATION_RE = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;

/** Parses a JSON Duration ("1.5s", "-0.001s"); undefined when malformed or out of range. */
export function parseDuration(text: string): SecNanos | undefined {
  const m = DURATION_RE.exec(text);
  if (!m) return undefined;
  const seconds = Number(m[2]);
  if (seconds > MAX_DURATION_SECONDS) return undefined;
  const nanos = m[3] ? Number(m[3].padEnd(9, '0')) : 0;
  const sign = m[1] ? -1 : 1;
  return { seconds: sign * seconds || 0, nanos: sign * nanos || 0 };
}

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 Timestamp (years 0001-9999); undefined when malformed. */
export function parseTimestamp(text: string): SecNanos | undefined {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate();
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 ? (leap ? 29 : 28) : days)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  let seconds = Math.floor(date.getTime() / 1000);
  if (!m[8]) {
    const off = (Number(m[10]) * 60 + Number(m[11])) * 60;
    seconds += m[9] === '+' ? -off : off;
  }
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  return { seconds, nanos };
}

/** Compares two seconds+nanos values. */
export function compareSecNanos(a: SecNanos, b: SecNanos): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  return a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1;
}

/** A rule's Duration/Timestamp value ({seconds, nanos} in the .proto option) as SecNanos. */
export function ruleSecNanos(v: unknown): SecNanos {
  const o = (v ?? {}) as { seconds?: unknown; nanos?: unknown };
  return { seconds: Number(o.seconds ?? 0), nanos: Number(o.nanos ?? 0) };
}

/** Formats seconds+nanos the way JSON writes a Duration. */
export function formatDuration(d: SecNanos): string {
  if (d.nanos === 0) return `${d.seconds}s`;
  const neg = d.seconds < 0 || d.nanos < 0;
  const frac = String(Math.abs(d.nanos)).padStart(9, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${Math.abs(d.seconds)}.${frac}s`;
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]|[A-Za-z0-9\-_])*={0,2}$/;

/** Decodes standard or URL-safe base64 (padding optional), as protobuf's JSON parser does. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64_RE.test(text)) return undefined;
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  return Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Integer ranges of the proto scalar types (64-bit ones as bigint). */
export const INT_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

/** Result of reading a JSON integer: the value, or why it is not one. */
export type IntResult = { ok: true; value: number | bigint } | { ok: false; why: 'type' | 'range' };

const INT_STRING_RE = /^-?\d+$/;

/**
 * Reads an integer field: a JSON number with an integral value, or a string of
 * digits (how 64-bit integers are usually written). Values outside the safe
 * range come back as bigint.
 */
export function readInt(v: unknown, type: string): IntResult {
  const range = INT_RANGES[type]!;
  let big: bigint;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || !Number.isInteger(v)) return { ok: false, why: 'type' };
    if (Number.isSafeInteger(v)) {
      if (v < Number(range[0]) || v > Number(range[1])) return { ok: false, why: 'range' };
      return { ok: true, value: v };
    }
    big = BigInt(v);
  } else if (typeof v === 'string') {
    if (!INT_STRING_RE.test(v)) return { ok: false, why: 'type' };
    big = BigInt(v);
  } else return { ok: false, why: 'type' };
  if (big < range[0] || big > range[1]) return { ok: false, why: 'range' };
  const n = Number(big);
  return { ok: true, value: Number.isSafeInteger(n) ? n : big };
}

const FLOAT_MAX = 3.4028234663852886e38;

/** Reads a float/double field: a number, a numeric string, or "NaN"/"Infinity"/"-Infinity". */
export function readFloat(v: unknown, type: 'float' | 'double'): { ok: true; value: number } | { ok: false; why: 'type' | 'range' } {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    if (v === 'NaN') return { ok: true, value: NaN };
    if (v === 'Infinity') return { ok: true, value: Infinity };
    if (v === '-Infinity') return { ok: true, value: -Infinity };
    if (v.trim() !== v || v === '' || !/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return { ok: false, why: 'type' };
    n = Number(v);
  } else return { ok: false, why: 'type' };
  if (!Number.isFinite(n)) return { ok: false, why: 'range' };
  if (type === 'float' && Math.abs(n) > FLOAT_MAX) return { ok: false, why: 'range' };
  return { ok: true, value: n };
}

/** Compares numbers that may be bigints (integers only when either is a bigint). */
export function compareNum(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  const x = typeof a === 'bigint' ? a : BigInt(Math.trunc(a as number));
  const y = typeof b === 'bigint' ? b : BigInt(Math.trunc(b as number));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A rule operand (number, or a 64-bit value protobufjs kept as a string) as number|bigint. */
export function ruleNum(v: unknown): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'string' && INT_STRING_RE.test(v)) {
    const b = BigInt(v);
    const n = Number(b);
    return Number.isSafeInteger(n) ? n : b;
  }
  if (v && typeof v === 'object' && 'low' in v && 'high' in v) {
    // protobufjs Long
    const o = v as { low: number; high: number; unsigned?: boolean };
    const big = (BigInt(o.high >>> 0) << 32n) | BigInt(o.low >>> 0);
    const signed = o.unsigned ? big : BigInt.asIntN(64, big);
    const n = Number(signed);
    return Number.isSafeInteger(n) ? n : signed;
  }
  return Number(v);
}
