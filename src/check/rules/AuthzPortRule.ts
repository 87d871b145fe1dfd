import type { CheckContext } from '../CheckContext.js';

/** An operation's ports on a policy that names its service include a port that service is reached on, or it could never match. */
export function AuthzPortRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
    if (p.spec.service === undefined) continue; // namespace-wide: the ports pick the services they apply to
    const s = ctx.service(p.spec.service, p.namespace);
    if (!s) continue;
    const targetPort = s.spec.targetPort ?? s.spec.port;
    (p.spec.rules ?? []).forEach((rule, i) =>
      (rule.to ?? []).forEach((op, j) => {
        if (op.ports === undefined || op.ports.includes(s.spec.port) || op.ports.includes(targetPort)) return;
        ctx.report('AuthzPortNeverMatches', ctx.span(p, ['spec', 'rules', i, 'to', j, 'ports']), {
          service: p.spec.service!,
          port: s.spec.port,
          targetPort,
          ports: `[${op.ports.join(', ')}]`,
        });
      }),
    );
  }
}
