import type { CheckContext } from '../CheckContext.js';

/** A `from.service` names a caller that has a mesh identity: a service with a sidecar, not an external one. */
export function AuthorizationSourceRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
    (p.spec.rules ?? []).forEach((rule, i) =>
      (rule.from ?? []).forEach((f, j) => {
        if (f.service === undefined) return;
        if (ctx.service(f.service, p.namespace)?.spec.external === true) {
          ctx.report('SourceWithoutIdentity', ctx.span(p, ['spec', 'rules', i, 'from', j, 'service']), { service: f.service });
        }
      }),
    );
  }
}
