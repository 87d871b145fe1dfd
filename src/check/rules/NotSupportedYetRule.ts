import type { CheckContext } from '../CheckContext.js';

/**
 * meshc never silently ignores what a user wrote: a field of the language
 * that this version cannot compile yet is an error, not a no-op.
 */
export function NotSupportedYetRule(ctx: CheckContext): void {
  // Every kind and field of the language v1 is compiled: nothing to refuse. The rule stays
  // so that a field added to the language before its lowering has a place to be refused.
  void ctx;
}
