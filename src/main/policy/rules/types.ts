import type { CustomerContext, OrderContext } from '../../../shared/domain/context';
import type { PolicyPack, PolicyRule } from '../pack';
import type { Sentence, Span } from '../text';

/** What the caller knows about the conversation; every field is optional because a bare draft must still be checked. */
export interface CheckContext {
  customer?: CustomerContext;
  order?: OrderContext;
  /** The customer's message, used to infer their language when it is not given. */
  customerText?: string;
  customerLanguage?: string;
  /** A random marker the LLM layer puts in its system prompt; a draft that contains it leaked the prompt. */
  canary?: string;
}

/** One raw finding before severities from the pack are applied. */
export interface RawFinding extends Span {
  rule: PolicyRule;
  message: string;
  hint: string;
}

/** Everything a rule reads, computed once per check so rules stay cheap on every keystroke. */
export interface RuleInput {
  draft: string;
  lower: string;
  sentences: Sentence[];
  pack: PolicyPack;
  ctx: CheckContext;
  add: (finding: RawFinding) => void;
  /** Matches of a global regex over the whole draft, computed once per check and shared by every lookup. */
  spans: (re: RegExp) => Span[];
}

export type RuleFn = (input: RuleInput) => void;
