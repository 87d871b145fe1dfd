/** How a DiffResult is shown: to a terminal, to a machine, or in a pull-request comment. */
import type { DiffResult, FileDiff, ResourceChange } from './diff.js';
import { SHARED_DIR } from './layout.js';

/** Colours for the text report; identity functions for none. */
export interface DiffPalette {
  added(s: string): string;
  removed(s: string): string;
  changed(s: string): string;
  heading(s: string): string;
  dim(s: string): string;
}

export const plainDiffPalette: DiffPalette = {
  added: (s) => s,
  removed: (s) => s,
  changed: (s) => s,
  heading: (s) => s,
  dim: (s) => s,
};

const KIND_LABEL: Record<ResourceChange['kind'], string> = {
  bootstrap: 'bootstrap',
  listener: 'listener',
  route: 'route',
  cluster: 'cluster',
  endpoints: 'endpoints',
};

/**
 * One line summarising the whole comparison. The folders of files that
 * full-mesh sidecars share (`_mesh`, `_mesh/<namespace>`) are counted apart
 * from the proxies.
 */
export function diffHeadline(result: DiffResult): string {
  const isShared = (name: string): boolean => name === SHARED_DIR || name.startsWith(`${SHARED_DIR}/`);
  const proxies = result.proxies.filter((p) => !isShared(p.name));
  const shared = result.proxies.filter((p) => isShared(p.name));
  const what = (n: number): string => `${n} ${plural(n, 'proxy', 'proxies')}`;
  const also = (n: number): string => (n > 0 ? ` and ${n} shared ${plural(n, 'folder', 'folders')}` : '');
  if (result.identical) return `no differences: ${what(proxies.length)}${also(shared.length)} identical`;
  const count = (c: string): number => proxies.filter((p) => p.change === c).length;
  const parts = [
    ['changed', count('changed')],
    ['added', count('added')],
    ['removed', count('removed')],
    ['unchanged', count('unchanged')],
  ]
    .filter(([, n]) => Number(n) > 0)
    .map(([w, n]) => `${n} ${w}`);
  const sharedDiffer = shared.filter((p) => p.change !== 'unchanged').length;
  const sharedPart = sharedDiffer > 0 ? `; ${sharedDiffer} of ${shared.length} shared ${plural(shared.length, 'folder', 'folders')} differ` : '';
  return `${proxies.length - count('unchanged')} of ${what(proxies.length)} differ (${parts.join(', ')})${sharedPart}`;
}

/** The terminal report: summary per proxy and resource, then every file's unified diff. */
export function renderDiffText(result: DiffResult, palette: DiffPalette = plainDiffPalette): string {
  const lines = [palette.heading(diffHeadline(result))];
  if (result.identical) return lines.join('\n') + '\n';
  for (const proxy of result.proxies) {
    if (proxy.change === 'unchanged') continue;
    lines.push('', `${palette.heading(proxy.name)}${proxy.change === 'changed' ? '' : ` (${colour(palette, proxy.change)(proxy.change)})`}`);
    for (const c of result.changes.filter((x) => x.proxy === proxy.name)) {
      lines.push(`  ${colour(palette, c.change)(c.change.padEnd(8))} ${KIND_LABEL[c.kind].padEnd(10)} ${c.name}`);
    }
  }
  for (const f of result.files) {
    lines.push('');
    for (const l of f.patch.split('\n').slice(1)) {
      if (l.startsWith('+++') || l.startsWith('---')) lines.push(palette.heading(l));
      else if (l.startsWith('+')) lines.push(palette.added(l));
      else if (l.startsWith('-')) lines.push(palette.removed(l));
      else if (l.startsWith('@@')) lines.push(palette.dim(l));
      else lines.push(l);
    }
  }
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}

/** The machine-readable report. */
export function renderDiffJson(result: DiffResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}

export interface MarkdownOptions {
  /** Diff lines shown per file before it is cut. */
  readonly maxLinesPerFile?: number;
  /** Total characters of the comment (GitHub refuses comments over 65,536). */
  readonly maxChars?: number;
  /** What the goldens are called in the title. */
  readonly title?: string;
}

/**
 * A pull-request comment: a headline, a table of changed resources, and one
 * collapsible section per changed file with its diff, cut (and the cut
 * counted) when it is too long for a comment.
 */
export function renderDiffMarkdown(result: DiffResult, options: MarkdownOptions = {}): string {
  const maxLines = options.maxLinesPerFile ?? 300;
  const maxChars = options.maxChars ?? 60_000;
  const out: string[] = [`### meshc diff${options.title ? `: ${options.title}` : ''}`, '', diffHeadline(result), ''];
  if (result.identical) return out.join('\n');
  out.push('| proxy | resource | name | change |', '|---|---|---|---|');
  for (const c of result.changes) out.push(`| ${md(c.proxy)} | ${c.kind} | \`${md(c.name)}\` | ${c.change} |`);
  for (const p of result.proxies) {
    if ((p.change === 'added' || p.change === 'removed') && !result.changes.some((c) => c.proxy === p.name)) {
      out.push(`| ${md(p.name)} | proxy | | ${p.change} |`);
    }
  }
  out.push('');
  let used = out.join('\n').length;
  const omitted: FileDiff[] = [];
  for (const f of result.files) {
    const body = f.patch.split('\n').slice(2); // drop the Index/=== header lines
    const shown = body.slice(0, maxLines);
    const cut = body.length - shown.length;
    const section = [
      '<details>',
      `<summary><code>${f.path}</code> ${f.change} (+${f.added} −${f.removed})</summary>`,
      '',
      '```diff',
      ...shown,
      '```',
      ...(cut > 0 ? ['', `… ${cut} more ${plural(cut, 'line', 'lines')} of this diff not shown`] : []),
      '</details>',
      '',
    ].join('\n');
    if (used + section.length > maxChars) {
      omitted.push(f);
      continue;
    }
    used += section.length;
    out.push(section);
  }
  if (omitted.length > 0) {
    out.push(
      `… ${omitted.length} more changed ${plural(omitted.length, 'file', 'files')} not shown (comment size limit): ${omitted.map((f) => `\`${f.path}\``).join(', ')}`,
      '',
    );
  }
  return out.join('\n');
}

function colour(p: DiffPalette, change: string): (s: string) => string {
  return change === 'added' ? p.added : change === 'removed' ? p.removed : p.changed;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** Escapes what would break a table cell. */
function md(s: string): string {
  return s.replace(/\|/g, '\\|');
}
