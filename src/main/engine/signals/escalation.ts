import type {
  ChurnRisk,
  Escalation,
  EscalationReason,
  IntentResult,
  Sentiment,
} from '../../../shared/domain/analysis';
import type { MessageInput } from '../../../shared/domain/context';

/** Reason codes, most serious first; the first one with its own configured path decides the queue. */
export const ESCALATION_CODES = [
  'self_harm',
  'harassment_threat',
  'injury_safety',
  'legal_threat',
  'chargeback_dispute',
  'privacy_request',
  'human_requested',
  'negative_sentiment',
  'high_churn_risk',
  'vip_customer',
  'high_value_customer',
  'low_confidence',
] as const;
export type EscalationCode = (typeof ESCALATION_CODES)[number];

export const DEFAULT_ESCALATION_PATH = 'Tier 2 — Supervisors';

const TOPICS: readonly { code: EscalationCode; re: RegExp; message: string }[] = [
  {
    code: 'self_harm',
    re: /\b(?:kill(?:ing)? myself|end(?:ing)? (?:my|it) (?:life|all)|suicid\w*|want to die|self[- ]harm|hurt(?:ing)? myself|no reason to live)\b/i,
    message: 'The customer mentions self-harm: follow the wellbeing procedure now.',
  },
  {
    code: 'harassment_threat',
    re: /\b(?:i(?:'ll| will) (?:find|hurt|kill|get) you|i know where you (?:live|work)|you(?:'ll| will) regret|watch your back|(?:bomb|shoot|burn down) (?:your|the) (?:store|office|warehouse)|threat(?:en)?(?:ing)? (?:you|your staff))\b/i,
    message: 'Threatening or harassing language: a supervisor should handle this.',
  },
  {
    code: 'injury_safety',
    re: /\b(?:injur\w*|hurt (?:me|my|him|her|them|us)|burn(?:ed|t|s)? (?:me|my|him|her)|allergic reaction|allerg\w* (?:to|reaction)|rash|hives|hospital|emergency room|\ber\b visit|caught fire|on fire|smok(?:ed|ing) (?:from|out)|sparking|electric(?:al)? shock|shocked me|chok(?:e|ed|ing)|unsafe|dangerous|safety (?:issue|hazard|concern)|toxic|poison\w*|bleed\w*|cut (?:myself|my (?:hand|finger)))\b/i,
    message: 'Possible injury or safety issue: needs a safety review, not a macro.',
  },
  {
    code: 'legal_threat',
    re: /\b(?:lawyers?|attorneys?|solicitors?|legal action|(?:take|taking) (?:you|this|them) to court|(?:in|to) court|court case|(?:going to|will|gonna|i'll) sue|sue (?:you|your|the|them)|suing|lawsuit|small claims|trading standards|consumer protection|ftc|attorney general)\b/i,
    message: 'Mentions legal action or a lawyer: legal-sensitive, route to a supervisor.',
  },
  {
    code: 'chargeback_dispute',
    re: /\b(?:charge ?backs?|dispute (?:the|this|it|with)|bank dispute|(?:call|contact|go to|tell) my (?:bank|credit card company|card issuer)|paypal (?:claim|dispute)|reverse the (?:charge|payment)|filed? a dispute)\b/i,
    message: 'Chargeback or payment dispute: the payment team must be involved.',
  },
  {
    code: 'privacy_request',
    re: /\b(?:gdpr|ccpa|cpra|right to (?:be forgotten|erasure|access)|(?:delete|erase|remove) (?:all )?(?:my|of my) (?:personal )?(?:data|information|info|details)|(?:copy|export) of (?:all )?(?:my|the) (?:personal )?data|data (?:subject )?(?:access )?request|subject access request|dsar|what data do you (?:have|hold|store))\b/i,
    message: 'Privacy request (access or erasure): has a legal deadline, route to the privacy team.',
  },
  {
    code: 'human_requested',
    re: /\b(?:(?:speak|talk|chat) (?:to|with) (?:a |an |your |the )?(?:real |actual |live )?(?:human|person|someone|somebody|manager|supervisor|agent|representative)|real (?:human|person)|(?:escalate|transfer) (?:this|me)|(?:your|a) (?:manager|supervisor)|not a (?:bot|robot)|are you a (?:bot|robot))\b/i,
    message: 'The customer asks for a person or a manager.',
  },
];

export interface EscalationOptions {
  confidenceThreshold: number;
  paths: Readonly<Record<string, string>>;
  highValueThreshold: number;
  negativeSentimentThreshold?: number;
}

/**
 * Whether a supervisor should take over, and why. Every reason carries a code (for routing and
 * reports) and a message the agent reads; the queue comes from settings per code with a default,
 * so each team can send legal threats to legal and privacy requests to the privacy desk.
 */
export function assessEscalation(
  text: string,
  intent: IntentResult,
  sentiment: Sentiment,
  churn: ChurnRisk,
  input: MessageInput,
  options: EscalationOptions,
): Escalation {
  const found = new Map<EscalationCode, string>();
  const sample = text.length > 8000 ? text.slice(0, 8000) : text;
  for (const t of TOPICS) if (t.re.test(sample)) found.set(t.code, t.message);
  if (intent.label === 'privacy_request' && intent.confidence >= 0.5 && !found.has('privacy_request')) {
    found.set(
      'privacy_request',
      'Privacy request (access or erasure): has a legal deadline, route to the privacy team.',
    );
  }
  if (intent.label === 'talk_to_human' && intent.confidence >= 0.5 && !found.has('human_requested')) {
    found.set('human_requested', 'The customer asks for a person or a manager.');
  }
  if (input.order?.paymentStatus === 'disputed' && !found.has('chargeback_dispute')) {
    found.set('chargeback_dispute', 'The order payment is disputed: the payment team must be involved.');
  }
  if (sentiment.score <= (options.negativeSentimentThreshold ?? -0.6)) {
    found.set('negative_sentiment', `Strongly negative tone (${sentiment.score.toFixed(2)}).`);
  }
  if (churn.level === 'high') found.set('high_churn_risk', `High churn risk (${churn.score}/100).`);
  const tags = (input.customer?.tags ?? []).map((t) => t.toLowerCase());
  if (tags.some((t) => t === 'vip' || t === 'vip customer' || t === 'priority')) {
    found.set('vip_customer', 'VIP customer: give them a senior agent.');
  }
  const ltv = input.customer?.lifetimeValue;
  if (ltv !== undefined && ltv >= options.highValueThreshold) {
    found.set('high_value_customer', `High-value customer (lifetime value ${Math.round(ltv)}).`);
  }
  if (intent.confidence < options.confidenceThreshold) {
    found.set(
      'low_confidence',
      `Unclear request (intent confidence ${(intent.confidence * 100).toFixed(0)}%): check before replying.`,
    );
  }
  const reasons: EscalationReason[] = ESCALATION_CODES.filter((c) => found.has(c)).map((code) => ({
    code,
    message: found.get(code)!,
  }));
  if (reasons.length === 0) return { recommended: false, reasons: [], path: null };
  return { recommended: true, reasons, path: pathFor(reasons, options.paths) };
}

function pathFor(reasons: readonly EscalationReason[], paths: Readonly<Record<string, string>>): string {
  for (const r of reasons) if (Object.hasOwn(paths, r.code) && paths[r.code]) return paths[r.code]!;
  return (Object.hasOwn(paths, 'default') && paths.default) || DEFAULT_ESCALATION_PATH;
}
