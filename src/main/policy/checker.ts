import type { PolicyFinding, PolicyResult, Severity, Verdict } from '../../shared/domain/policy';
import { baseLanguage, guessLanguage } from './language';
import type { PolicyPack } from './pack';
import { ruleSeverity } from './pack';
import { checkCommitments } from './rules/commitment';
import {
  checkCompetitors,
  checkMarketing,
  checkPlaceholders,
  checkSpam,
  findPlaceholders,
} from './rules/content';
import { checkContradictions } from './rules/contradiction';
import { checkPii, checkPromptLeak, checkUnprofessional } from './rules/safety';
import type { CheckContext, RawFinding, RuleInput } from './rules/types';
import { foldCase, matchAll, segment } from './text';
import type { Span } from './text';

export type { CheckContext } from './rules/types';

/** Checks drafts against one pack; created once, then called on every keystroke and every suggestion. */
export interface PolicyChecker {
  readonly pack: PolicyPack;
  check(draft: string, ctx?: CheckContext): PolicyResult;
}

const RANK: Record<Verdict, number> = { pass: 0, info: 1, warn: 2, block: 3 };
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  es: 'Spanish',
  de: 'German',
  fr: 'French',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
};
/** Drafts longer than this are checked on their head; a reply is never this long, a paste might be. */
const MAX_DRAFT = 20_000;
/** Enough to show the agent what is wrong; a pasted spam wall must not produce (or sort through) thousands. */
const MAX_FINDINGS_PER_RULE = 50;

/**
 * Builds a checker bound to a pack. Rules read meaning (clauses, negation scope, the subject an amount or a
 * duration attaches to) and compare it with the pack's limits, so "we can't offer 30% off" passes while
 * "here's 30% off" blocks.
 */
export function createPolicyChecker(pack: PolicyPack): PolicyChecker {
  return {
    pack,
    check(draft, ctx = {}) {
      const text = draft.length > MAX_DRAFT ? draft.slice(0, MAX_DRAFT) : draft;
      const raw: RawFinding[] = [];
      const lower = foldCase(text);
      const memo = new Map<RegExp, Span[]>();
      const input: RuleInput = {
        draft: text,
        lower,
        sentences: segment(lower),
        pack,
        ctx,
        add: (f) => raw.push(f),
        spans: (re) => {
          let found = memo.get(re);
          if (!found) {
            found = matchAll(re, lower);
            memo.set(re, found);
          }
          return found;
        },
      };
      const placeholders = findPlaceholders(text);
      checkPlaceholders(input);
      checkPii(input);
      checkPromptLeak(input);
      checkUnprofessional(input);
      checkCommitments(input);
      checkContradictions(input);
      checkCompetitors(input);
      checkMarketing(input);
      checkSpam(input, placeholders);
      checkLanguage(input);
      return finish(pack, raw);
    },
  };
}

function checkLanguage(input: RuleInput): void {
  const { ctx, draft } = input;
  const want =
    baseLanguage(ctx.customerLanguage) ??
    baseLanguage(ctx.customer?.language) ??
    (ctx.customerText ? guessLanguage(ctx.customerText, 2) : undefined);
  if (!want || !(want in LANGUAGE_NAMES)) return;
  const got = guessLanguage(draft);
  if (!got || got === want) return;
  input.add({
    rule: 'wrong-language',
    start: 0,
    end: draft.length,
    message: `The draft reads as ${LANGUAGE_NAMES[got] ?? got}; the customer writes in ${LANGUAGE_NAMES[want] ?? want}.`,
    hint: `Reply in ${LANGUAGE_NAMES[want] ?? want}.`,
  });
}

function finish(pack: PolicyPack, raw: RawFinding[]): PolicyResult {
  const findings: PolicyFinding[] = [];
  raw.sort((a, b) => a.start - b.start || a.end - b.end);
  // Sorted by start, so one finding per rule per stretch of text needs only the end of that rule's last finding.
  const lastEnd = new Map<string, number>();
  const count = new Map<string, number>();
  let verdict: Verdict = 'pass';
  for (const f of raw) {
    const severity = ruleSeverity(pack, f.rule);
    if (severity === 'off') continue;
    if (f.start < (lastEnd.get(f.rule) ?? -1)) continue;
    const n = count.get(f.rule) ?? 0;
    if (n >= MAX_FINDINGS_PER_RULE) continue;
    count.set(f.rule, n + 1);
    lastEnd.set(f.rule, Math.max(f.end, f.start + 1));
    findings.push({
      rule: f.rule,
      severity: severity as Severity,
      message: f.message,
      span: [f.start, f.end],
      hint: f.hint,
    });
    if (RANK[severity as Severity] > RANK[verdict]) verdict = severity as Severity;
  }
  return { verdict, findings };
}
