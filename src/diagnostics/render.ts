import type { SourceFile } from '../source/index.js';
import type { Diagnostic } from './Diagnostic.js';

/** How to colour parts of a rendered diagnostic; identity functions mean no colour. */
export interface Palette {
  error(s: string): string;
  warning(s: string): string;
  location(s: string): string;
  code(s: string): string;
  gutter(s: string): string;
  caret(s: string): string;
  hint(s: string): string;
}

/** A palette that adds nothing: what tests and pipes see. */
export const plain: Palette = {
  error: (s) => s,
  warning: (s) => s,
  location: (s) => s,
  code: (s) => s,
  gutter: (s) => s,
  caret: (s) => s,
  hint: (s) => s,
};

/** Longest source line a code frame shows, and how much of it comes before the column. */
const FRAME_WIDTH = 120;
const FRAME_LEAD = 40;

/** Looks a file up by the path that spans carry. */
export type FileLookup = (path: string) => SourceFile | undefined;

/** `file:line:col` of a diagnostic, or undefined when it has no span. */
export function locationOf(d: Diagnostic, files: FileLookup): { file: string; line: number; col: number } | undefined {
  if (!d.span) return undefined;
  const f = files(d.span.file);
  if (!f) return { file: d.span.file, line: 1, col: 1 };
  const { line, col } = f.lineCol(d.span.start);
  return { file: d.span.file, line, col };
}

/**
 * Renders one diagnostic the way compilers do:
 *
 *     file:line:col: error MESH3004: message
 *        12 |       subset: v9
 *           |               ^^
 *     hint: ...
 */
export function renderText(d: Diagnostic, files: FileLookup, palette: Palette = plain): string {
  const loc = locationOf(d, files);
  const sev = d.severity === 'error' ? palette.error('error') : palette.warning('warning');
  const head = `${loc ? palette.location(`${loc.file}:${loc.line}:${loc.col}`) + ': ' : ''}${sev} ${palette.code(d.code)}: ${d.message}`;
  const lines = [head];
  const file = d.span ? files(d.span.file) : undefined;
  if (d.span && file && loc) {
    const text = file.lineText(loc.line);
    const num = String(loc.line);
    const pad = ' '.repeat(num.length);
    // Tabs would misalign the caret; show them as single spaces in the frame.
    let shown = text.replace(/\t/g, ' ');
    let from = Math.min(loc.col, shown.length + 1);
    // A very long line is shown as a window around the column, marked with ellipses.
    if (shown.length > FRAME_WIDTH) {
      const start = Math.max(0, Math.min(from - 1 - FRAME_LEAD, shown.length - FRAME_WIDTH));
      const head = start > 0 ? '…' : '';
      const tail = start + FRAME_WIDTH < shown.length ? '…' : '';
      shown = head + shown.slice(start, start + FRAME_WIDTH) + tail;
      from = from - start + head.length;
    }
    const lineEndCol = shown.length + 1;
    const width = Math.max(1, Math.min(d.span.length, lineEndCol - from));
    lines.push(`${palette.gutter(` ${num} |`)} ${shown}`);
    lines.push(`${palette.gutter(` ${pad} |`)} ${' '.repeat(from - 1)}${palette.caret('^'.repeat(width))}`);
  }
  if (d.hint) lines.push(`${palette.hint('hint')}: ${d.hint}`);
  for (const r of d.related ?? []) {
    const f = files(r.span.file);
    const at = f ? f.lineCol(r.span.start) : { line: 1, col: 1 };
    lines.push(`${palette.location(`${r.span.file}:${at.line}:${at.col}`)}: note: ${r.message}`);
  }
  return lines.join('\n');
}

/** Renders a list of diagnostics followed by a one-line summary. */
export function renderReport(diagnostics: readonly Diagnostic[], files: FileLookup, palette: Palette = plain): string {
  if (diagnostics.length === 0) return '';
  const parts = diagnostics.map((d) => renderText(d, files, palette));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  parts.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return parts.join('\n\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The machine-readable form: one object per diagnostic with 1-based line and column. */
export function renderJson(diagnostics: readonly Diagnostic[], files: FileLookup): string {
  const out = diagnostics.map((d) => {
    const loc = locationOf(d, files);
    return {
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(loc ? { file: loc.file, line: loc.line, column: loc.col } : {}),
      ...(d.span ? { offset: d.span.start, length: d.span.length } : {}),
      ...(d.hint ? { hint: d.hint } : {}),
      ...(d.related
        ? {
            related: d.related.map((r) => {
              const at = files(r.span.file)?.lineCol(r.span.start) ?? { line: 1, col: 1 };
              return { file: r.span.file, line: at.line, column: at.col, message: r.message };
            }),
          }
        : {}),
    };
  });
  return JSON.stringify({ diagnostics: out }, null, 2) + '\n';
}
