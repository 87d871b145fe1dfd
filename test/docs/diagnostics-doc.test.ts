/**
 * docs/diagnostics.md documents every code of the message table, each exactly
 * once, and nothing else: a new code without its section, or a section left
 * behind for a code that is gone, fails here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Messages } from '../../src/diagnostics/messages.js';
import { repoPath } from '../helpers/paths.js';

/** The page without its fenced code blocks, whose `# …` lines (shell comments) are not headings. */
const doc = readFileSync(repoPath('docs', 'diagnostics.md'), 'utf8').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');

/** The code of every `### MESHxxxx` heading, in document order (duplicates kept). */
const headings = [...doc.matchAll(/^### (MESH\d{4})\b/gm)].map((m) => m[1]!);
const codes: string[] = Object.values(Messages).map((m): string => m.code);

describe('docs/diagnostics.md', () => {
  test('has a section for every code of Messages', () => {
    const documented = new Set(headings);
    const missing = codes.filter((c) => !documented.has(c)).sort();
    assert.deepEqual(missing, [], `add a "### <code>" section to docs/diagnostics.md for: ${missing.join(', ')}`);
  });

  test('has no section for a code that Messages does not define', () => {
    const known = new Set(codes);
    const extra = [...new Set(headings)].filter((c) => !known.has(c)).sort();
    assert.deepEqual(extra, [], `docs/diagnostics.md documents codes that do not exist: ${extra.join(', ')}`);
  });

  test('documents every code exactly once', () => {
    const seen = new Map<string, number>();
    for (const h of headings) seen.set(h, (seen.get(h) ?? 0) + 1);
    const repeated = [...seen].filter(([, n]) => n > 1).map(([c]) => c);
    assert.deepEqual(repeated, [], `codes with more than one section: ${repeated.join(', ')}`);
  });

  test('the set of headings equals the set of codes', () => {
    assert.deepEqual([...new Set(headings)].sort(), [...new Set(codes)].sort());
  });

  test('every code appears in exactly one heading, whatever the heading level', () => {
    for (const code of codes) {
      const lines = doc.split('\n').filter((l) => /^#{1,6} /.test(l) && new RegExp(`\\b${code}\\b`).test(l));
      assert.equal(lines.length, 1, `${code} appears in ${lines.length} headings`);
    }
  });
});
