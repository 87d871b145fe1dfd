/** A file handed to the compiler: its path as the user gave it, and its text. */
export interface SourceInput {
  readonly path: string;
  readonly text: string;
}

/** A region of a source file, as a byte-free character offset and length (design rule 5: positions are offsets). */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly length: number;
}

/** A 1-based line and column, computed only when a position is printed. */
export interface LineCol {
  readonly line: number;
  readonly col: number;
}

/**
 * A source file with lazily computed line starts, so that offsets can be
 * turned into line/column only for the diagnostics that are printed.
 */
export class SourceFile {
  private starts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** Offsets at which each line begins; line 1 starts at 0. */
  get lineStarts(): readonly number[] {
    if (this.starts === undefined) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  /** The 1-based line and column of an offset (clamped to the text). */
  lineCol(offset: number): LineCol {
    const starts = this.lineStarts;
    const pos = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: pos - starts[lo]! + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts;
    const start = starts[line - 1];
    if (start === undefined) return '';
    const end = line < starts.length ? starts[line]! : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

/** A span covering a whole file's first character, for problems that belong to a file rather than a node. */
export function fileSpan(file: string): Span {
  return { file, start: 0, length: 0 };
}
