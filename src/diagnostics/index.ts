export { Messages, Notes, RETIRED_CODES, format } from './messages.js';
export type { MessageDef, MessageId, NoteId, Severity } from './messages.js';
export { DiagnosticBag, diagnostic, compareDiagnostics } from './Diagnostic.js';
export type { Diagnostic, MessageArgs, RelatedNote } from './Diagnostic.js';
export { renderText, renderReport, renderJson, locationOf, plain } from './render.js';
export type { Palette, FileLookup } from './render.js';
export { closest, didYouMean, editDistance } from './didYouMean.js';
export { renderGithub, renderSarif } from './ci.js';
