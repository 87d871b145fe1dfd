import type { Span } from '../source/index.js';
import { format, Messages, Notes, type MessageDef, type MessageId, type NoteId, type Severity } from './messages.js';

/** A problem found by the compiler, as plain data; rendering happens at the edge. */
export interface Diagnostic {
  /** Stable code from the message table, e.g. `MESH3004`. */
  readonly code: string;
  readonly severity: Severity;
  /** The filled-in message text. */
  readonly message: string;
  /** Where the problem is; absent for problems that belong to no file. */
  readonly span?: Span;
  /** A suggestion for how to fix it. */
  readonly hint?: string;
  /** Other places that explain it ("first defined here"). */
  readonly related?: readonly RelatedNote[];
}

/** A second place a diagnostic points at. */
export interface RelatedNote {
  readonly span: Span;
  readonly message: string;
}

/** Arguments that fill a message's placeholders. */
export type MessageArgs = Readonly<Record<string, string | number>>;

/** Builds a diagnostic from a message table entry. */
export function diagnostic(
  id: MessageId,
  span: Span | undefined,
  args: MessageArgs = {},
  related: readonly { span: Span; note: NoteId }[] = [],
): Diagnostic {
  const def: MessageDef = Messages[id];
  const hint = def.hint === undefined ? undefined : format(def.hint, args);
  return {
    code: def.code,
    severity: def.severity,
    message: format(def.text, args),
    ...(span ? { span } : {}),
    // An empty hint (a `{hint}` template given "") is no hint.
    ...(hint ? { hint } : {}),
    ...(related.length > 0 ? { related: related.map((r) => ({ span: r.span, message: Notes[r.note] })) } : {}),
  };
}

/**
 * Collects the diagnostics of a phase. Phases report every problem they see
 * and the pipeline stops after a phase that reported an error.
 */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];
  private errors = 0;

  /** Reports a message from the table at a span. */
  report(
    id: MessageId,
    span: Span | undefined,
    args: MessageArgs = {},
    related: readonly { span: Span; note: NoteId }[] = [],
  ): void {
    this.add(diagnostic(id, span, args, related));
  }

  /** Adds an already built diagnostic. */
  add(d: Diagnostic): void {
    this.items.push(d);
    if (d.severity === 'error') this.errors++;
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  /** Everything reported, in a stable order: by file, then offset, then code. */
  sorted(): Diagnostic[] {
    return [...this.items].sort(compareDiagnostics);
  }
}

/** Orders diagnostics by file, position and code so that output is deterministic. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.span?.file ?? '';
  const fb = b.span?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const sa = a.span?.start ?? -1;
  const sb = b.span?.start ?? -1;
  if (sa !== sb) return sa - sb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
