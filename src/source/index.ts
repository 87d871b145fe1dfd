export { SourceFile, fileSpan } from './SourceFile.js';
export type { SourceInput, Span, LineCol } from './SourceFile.js';
