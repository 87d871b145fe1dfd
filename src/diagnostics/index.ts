export { Messages, format } from './messages.js';
export type { MessageDef, MessageId, Severity } from './messages.js';
export { DiagnosticBag, diagnostic, compareDiagnostics } from './Diagnostic.js';
export type { Diagnostic, MessageArgs } from './Diagnostic.js';
export { renderText, renderReport, renderJson, locationOf, plain } from './render.js';
export type { Palette, FileLookup } from './render.js';
