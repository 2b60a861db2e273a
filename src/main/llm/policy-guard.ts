import type { PolicyResult } from '../../shared/domain/policy';
import type { LlmPolicyContext, PolicyCheck } from './types';

/** A failing listener (a closed window, say) must not end the stream for the others. */
export function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Listeners report their own failures; the stream goes on.
  }
}

/**
 * Belt and braces for the canary: if the checker in use does not know about it (an older pack or a
 * test double), a draft quoting the system prompt is still blocked as `prompt-leak`.
 */
export function withCanaryCheck(result: PolicyResult, draft: string, canary: string): PolicyResult {
  const at = draft.indexOf(canary);
  if (at < 0 || result.findings.some((f) => f.rule === 'prompt-leak' && f.span[0] <= at && f.span[1] >= at)) {
    return result;
  }
  return {
    verdict: 'block',
    findings: [
      ...result.findings,
      {
        rule: 'prompt-leak',
        severity: 'block',
        message: 'The draft quotes the confidential part of the instructions.',
        span: [at, at + canary.length],
        hint: 'Remove the quoted instructions; write the reply yourself.',
      },
    ],
  };
}

/**
 * Runs the policy check; if the checker itself fails, the draft is blocked rather than shown as clean,
 * so a bug there can never enable one-click accept of an unchecked draft.
 */
export function guardedCheck(check: PolicyCheck, draft: string, ctx: LlmPolicyContext): PolicyResult {
  try {
    return check(draft, ctx);
  } catch {
    return {
      verdict: 'block',
      findings: [
        {
          rule: 'policy-check-failed',
          severity: 'block',
          message: 'The policy check could not run on this draft.',
          span: [0, draft.length],
          hint: 'Review the draft yourself before sending it.',
        },
      ],
    };
  }
}
