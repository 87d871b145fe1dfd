import type { MatchSpec, RuleSpec } from '../../schema/index.js';
import type { CheckContext } from '../CheckContext.js';

/** No rule follows a catch-all: rules are tried in order, so one after a catch-all can never match. */
export function UnreachableRuleRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    const rules = r.spec.rules;
    const catchAll = rules.findIndex(isCatchAll);
    if (catchAll < 0) continue;
    for (let i = catchAll + 1; i < rules.length; i++) {
      ctx.report('UnreachableRule', ctx.span(r, ['spec', 'rules', i]), {
        rule: ruleName(rules[i]!, i),
        catchAll: ruleName(rules[catchAll]!, catchAll),
      });
    }
  }
}

/** A rule matches every request when it has no match, or a match item that constrains nothing but `prefix: /`. */
export function isCatchAll(rule: RuleSpec): boolean {
  if (rule.match === undefined || rule.match.length === 0) return true;
  return rule.match.some(matchesEverything);
}

function matchesEverything(m: MatchSpec): boolean {
  const onlyRootPrefix = m.path === undefined || (m.path.prefix === '/' && Object.keys(m.path).length === 1);
  return (
    onlyRootPrefix &&
    m.method === undefined &&
    Object.keys(m.headers ?? {}).length === 0 &&
    Object.keys(m.query ?? {}).length === 0
  );
}

function ruleName(rule: RuleSpec, i: number): string {
  return rule.name !== undefined ? `"${rule.name}"` : `#${i}`;
}
