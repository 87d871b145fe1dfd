const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a language duration (`250ms`, `1.5s`, `2m`, `1h`); the schema has checked the form. */
export function parseDuration(text: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  // Round to whole nanoseconds' worth of milliseconds: Envoy's Duration has nanosecond precision.
  return Math.round(Number(m[1]) * UNIT_MS[m[2]!]! * 1e6) / 1e6;
}

/** The proto3-JSON form of a Duration in milliseconds: `3s`, `0.250s`, `1.5s`. */
export function envoyDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.round((ms - seconds * 1000) * 1e6);
  if (nanos === 0) return `${seconds}s`;
  return `${seconds}.${String(nanos).padStart(9, '0').replace(/0+$/, '')}s`;
}
