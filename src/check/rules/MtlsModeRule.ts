import type { CheckContext } from '../CheckContext.js';

/** Any mTLS mode weaker than strict is said out loud, every time. */
export function MtlsModeRule(ctx: CheckContext): void {
  const m = ctx.mesh;
  const mode = m?.spec.mtls?.mode;
  if (!m || mode === undefined) return;
  if (mode === 'permissive') ctx.report('PermissiveMtls', ctx.span(m, ['spec', 'mtls', 'mode']));
  if (mode === 'disabled') ctx.report('DisabledMtls', ctx.span(m, ['spec', 'mtls', 'mode']));
}
