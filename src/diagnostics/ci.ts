/** Diagnostics in the formats CI systems read: GitHub workflow commands and SARIF 2.1.0. */
import type { Diagnostic } from './Diagnostic.js';
import { Messages, type MessageDef } from './messages.js';
import { locationOf, type FileLookup } from './render.js';

/** GitHub escapes for workflow command data and properties. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One `::error file=…,line=…,col=…,title=MESH3001::message` line per
 * diagnostic, which GitHub Actions turns into annotations on the PR's diff.
 */
export function renderGithub(diagnostics: readonly Diagnostic[], files: FileLookup): string {
  return diagnostics
    .map((d) => {
      const loc = locationOf(d, files);
      const props = [
        ...(loc ? [`file=${escapeProperty(loc.file)}`, `line=${loc.line}`, `col=${loc.col}`] : []),
        `title=${escapeProperty(d.code)}`,
      ];
      const text = d.hint ? `${d.message}\n${d.hint}` : d.message;
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(text)}\n`;
    })
    .join('');
}

/** The rule name of a code, e.g. MESH3004 → UnknownSubset. */
function entryOf(code: string): [string, MessageDef] | undefined {
  return (Object.entries(Messages) as [string, MessageDef][]).find(([, m]) => m.code === code);
}

/**
 * A SARIF 2.1.0 log: one run of meshc with a rule per code that occurs
 * (id = code, with its name, text and help) and a result per diagnostic.
 * GitHub code scanning accepts it (`upload-sarif`). Paths are kept as given,
 * relative to where meshc ran, which is what code scanning resolves against.
 */
export function renderSarif(diagnostics: readonly Diagnostic[], files: FileLookup, version: string): string {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const rules = codes.map((code) => {
    const entry = entryOf(code);
    const [name, def] = entry ?? [code, undefined];
    // A hint that is only a placeholder (filled per diagnostic) says nothing as rule help.
    const hint = def?.hint !== undefined && def.hint.replace(/\{\w+\}/g, '').trim() !== '' ? def.hint : undefined;
    return {
      id: code,
      name,
      shortDescription: { text: def ? def.text.replace(/\{(\w+)\}/g, '<$1>') : code },
      help: { text: `${hint ? hint.replace(/\{(\w+)\}/g, '<$1>') + '. ' : ''}See ${code} in meshc's docs/diagnostics.md.` },
      defaultConfiguration: { level: def?.severity === 'warning' ? 'warning' : 'error' },
    };
  });
  const results = diagnostics.map((d) => {
    const loc = locationOf(d, files);
    const end = loc && d.span ? files(d.span.file)?.lineCol(d.span.start + d.span.length) : undefined;
    return {
      ruleId: d.code,
      ruleIndex: codes.indexOf(d.code),
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
      ...(loc
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(loc.file) },
                  region: {
                    startLine: loc.line,
                    startColumn: loc.col,
                    ...(end ? { endLine: end.line, endColumn: end.col } : {}),
                  },
                },
              },
            ],
          }
        : {}),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'meshc', version, rules } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A file path as a SARIF artifact URI: relative paths stay relative, with forward slashes and escapes. */
function toUri(file: string): string {
  const p = file.replace(/\\/g, '/');
  const encoded = p.split('/').map(encodeURIComponent).join('/');
  return p.startsWith('/') ? `file://${encoded}` : encoded;
}
