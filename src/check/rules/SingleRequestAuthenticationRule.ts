import type { CheckContext } from '../CheckContext.js';

/**
 * A service or gateway has at most one RequestAuthentication, so whether a
 * token is required, and by which providers, is said in one place; and the
 * providers of one RequestAuthentication have distinct names.
 */
export function SingleRequestAuthenticationRule(ctx: CheckContext): void {
  const first = new Map<string, (typeof all)[number]>();
  const all = ctx.ofKind('RequestAuthentication');
  for (const r of all) {
    const names = new Set<string>();
    r.spec.providers.forEach((p, i) => {
      if (names.has(p.name)) ctx.report('DuplicateJwtProvider', ctx.span(r, ['spec', 'providers', i, 'name']), { name: p.name });
      names.add(p.name);
    });
    const field = r.spec.service !== undefined ? 'service' : r.spec.gateway !== undefined ? 'gateway' : undefined;
    if (field === undefined || (r.spec.service !== undefined && r.spec.gateway !== undefined)) continue;
    const ref = r.spec[field]!;
    const key = `${field}:${ctx.resolveRef(ref, r.namespace)}`;
    const prev = first.get(key);
    if (!prev) {
      first.set(key, r);
      continue;
    }
    ctx.report('MultipleRequestAuthentications', ctx.span(r, ['spec', field]), { target: `${field} "${ref}"` }, [
      { span: ctx.span(prev, ['spec', field]), note: 'FirstDefinedHere' },
    ]);
  }
}
