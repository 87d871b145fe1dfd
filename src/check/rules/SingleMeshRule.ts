import type { CheckContext } from '../CheckContext.js';

/** A compilation has at most one Mesh: mesh-wide settings cannot come from two places. */
export function SingleMeshRule(ctx: CheckContext): void {
  const [first, ...rest] = ctx.ofKind('Mesh');
  if (!first) return;
  for (const r of rest) {
    ctx.report('MultipleMeshes', ctx.span(r, ['kind']), {}, [{ span: ctx.span(first, ['kind']), note: 'FirstDefinedHere' }]);
  }
}
