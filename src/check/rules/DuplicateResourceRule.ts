import type { CheckContext } from '../CheckContext.js';
import type { AnyResource } from '../../schema/index.js';

/** `(kind, namespace, name)` identifies exactly one resource across all inputs. */
export function DuplicateResourceRule(ctx: CheckContext): void {
  const seen = new Map<string, AnyResource>();
  for (const r of ctx.resources) {
    const key = `${r.kind}/${r.namespace}/${r.name}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, r);
      continue;
    }
    ctx.report(
      'DuplicateResource',
      ctx.span(r, ['metadata', 'name']),
      { kind: r.kind, name: r.name, namespace: r.namespace },
      [{ span: ctx.span(first, ['metadata', 'name']), note: 'FirstDefinedHere' }],
    );
  }
}
