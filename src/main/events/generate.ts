import { ulid } from 'ulidx';
import { DEFAULT_INTENTS } from '../../shared/domain/analysis';
import type { TandemEvent } from '../../shared/domain/events';

/**
 * Realistic synthetic assist records for demos, the dashboard's empty-state "try it" and the
 * benchmarks. Deterministic for a seed. Agents differ in skill (acceptance, how much they edit, speed);
 * intents differ in how well the macros fit; LLM drafts are accepted as is more often than offline
 * macros; blocked suggestions are sometimes overridden with a reason; complaints escalate more.
 */
export interface GenerateOptions {
  count: number;
  seed?: number;
  /** Range of event times; defaults to the 30 days before `end`. */
  start?: Date;
  end?: Date;
  agents?: number;
  teams?: readonly string[];
}

/** mulberry32: small, fast, seedable; good enough for synthetic data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RULES = [
  'no_discount_promise',
  'no_refund_guarantee',
  'no_eta_guarantee',
  'pii_card_number',
  'no_legal_admission',
  'tone_blame_customer',
];
const OVERRIDE_REASONS = [
  'Approved by supervisor on chat',
  'Customer is VIP, discount pre-approved',
  'Refund already issued in the shop admin',
  'False positive: the number is our order number',
  'Team lead approved the ETA',
];
const REJECT_REASONS = [
  undefined,
  undefined,
  'Wrong intent',
  'Not relevant to the order',
  'Tone too formal',
  'Outdated policy',
];
const ESCALATION_REASONS = [
  'legal_threat',
  'vip_customer',
  'low_confidence',
  'high_churn_risk',
  'chargeback',
  'safety',
];
const PATHS: Record<string, string> = {
  legal_threat: 'Legal',
  chargeback: 'Billing',
  vip_customer: 'Tier 2 — Supervisors',
  low_confidence: 'Tier 2 — Supervisors',
  high_churn_risk: 'Retention',
  safety: 'Trust & Safety',
};
const MODELS = ['gpt-4o-mini', 'llama3.1:8b'];
const HOUR_MS = 3_600_000;

interface Agent {
  id: string;
  team: string;
  skill: number;
  editiness: number;
  speed: number;
  usesLlm: boolean;
  thread: { id: string; left: number } | null;
}

/** Yields exactly `count` events, in time order per agent message. */
export function* generateEvents(options: GenerateOptions): Generator<TandemEvent> {
  const rnd = seededRandom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const end = (options.end ?? new Date()).getTime();
  const start = (options.start ?? new Date(end - 30 * 24 * HOUR_MS)).getTime();
  const teams = options.teams ?? ['emea-outsourced', 'us-core', 'apac-night'];
  const agents: Agent[] = Array.from({ length: options.agents ?? 40 }, (_, i) => ({
    id: `agent-${String(i + 1).padStart(3, '0')}`,
    team: teams[i % teams.length]!,
    skill: 0.35 + rnd() * 0.5,
    editiness: 0.2 + rnd() * 0.6,
    speed: 0.5 + rnd() * 1.5,
    usesLlm: rnd() < 0.6,
    thread: null,
  }));
  // Intent mix: a few intents dominate support queues.
  const weights = DEFAULT_INTENTS.map((_, i) => 1 / (1 + i * 0.35));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const intentFit = new Map(DEFAULT_INTENTS.map((intent, i) => [intent, 1.1 - (i % 7) * 0.08]));
  const pickIntent = () => {
    let r = rnd() * totalWeight;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) <= 0) return DEFAULT_INTENTS[i]!;
    return 'other';
  };
  const span = Math.max(1, end - start);
  let emitted = 0;
  let message = 0;
  while (emitted < options.count) {
    // Messages spread over the range, bunched into working hours.
    let t = start + Math.floor((emitted / options.count) * span + rnd() * HOUR_MS);
    const hourOfDay = new Date(t).getUTCHours();
    if ((hourOfDay < 7 || hourOfDay > 19) && rnd() < 0.7) t += 10 * HOUR_MS;
    t = Math.min(end - 1, t);
    message += 1;
    const agent = pick(agents);
    if (!agent.thread || agent.thread.left <= 0)
      agent.thread = { id: `th-${message}`, left: 1 + Math.floor(rnd() * 4) };
    agent.thread.left -= 1;
    const intent = pickIntent();
    const common = {
      agentId: agent.id,
      team: agent.team,
      source: rnd() < 0.7 ? ('clipboard' as const) : rnd() < 0.5 ? ('ticket' as const) : ('paste' as const),
      threadId: agent.thread.id,
      messageId: `m-${message}`,
      intent,
    };
    const events: TandemEvent[] = [];
    let clock = t;
    const at = () => new Date(Math.min(clock, end - 1)).toISOString();
    const id = () => ulid(Math.min(clock, end - 1), rnd);
    const llm = agent.usesLlm && rnd() < 0.7;
    const escalate = rnd() < (intent === 'complaint' || intent === 'talk_to_human' ? 0.3 : 0.04);
    events.push({
      ...common,
      id: id(),
      at: at(),
      type: 'message_analyzed',
      language: rnd() < 0.8 ? 'en' : pick(['de', 'fr', 'es', 'nl']),
      intentConfidence: Math.round((0.4 + rnd() * 0.6) * 100) / 100,
      escalationRecommended: escalate,
      churnLevel: pick(['low', 'low', 'low', 'medium', 'high']),
      latencies: { analyzeMs: 4 + Math.floor(rnd() * 30) },
    });
    const shown = 1 + Math.floor(rnd() * 3);
    const suggestions = Array.from({ length: shown }, (_, rank) => {
      const r = rnd();
      const verdict = r < 0.05 ? ('block' as const) : r < 0.15 ? ('warn' as const) : ('pass' as const);
      const source = llm && rank === 0 ? ('llm' as const) : ('offline' as const);
      return {
        suggestionId: `s-${message}-${rank}`,
        suggestionSource: source,
        model: source === 'llm' ? MODELS[agent.id.charCodeAt(agent.id.length - 1) % 2] : undefined,
        verdict,
        ruleIds: verdict === 'pass' ? undefined : [pick(RULES)],
        rank,
      };
    });
    clock += 20 + Math.floor(rnd() * 200);
    for (const s of suggestions) {
      events.push({
        ...common,
        ...s,
        id: id(),
        at: at(),
        type: 'suggestion_shown',
        confidence: Math.round(rnd() * 100) / 100,
      });
    }
    const fit = (intentFit.get(intent) ?? 1) * (llm ? 1.1 : 1);
    const r = rnd();
    const s = suggestions[Math.floor(rnd() * rnd() * shown)]!;
    const ref = {
      suggestionId: s.suggestionId,
      suggestionSource: s.suggestionSource,
      model: s.model,
      verdict: s.verdict,
    };
    if (r < agent.skill * fit) {
      const edited = rnd() < agent.editiness * (llm ? 0.8 : 1);
      const editDistance = edited ? Math.min(1, Math.round(Math.pow(rnd(), 2) * 0.8 * 1000 + 10) / 1000) : 0;
      const ms = Math.round(((edited ? 25_000 : 7_000) * Math.exp((rnd() - 0.5) * 1.4)) / agent.speed);
      clock += ms;
      if (edited) {
        const dv = rnd() < 0.9 ? ('pass' as const) : rnd() < 0.6 ? ('warn' as const) : ('block' as const);
        events.push({
          ...common,
          ...ref,
          id: id(),
          at: at(),
          type: 'draft_checked',
          verdict: dv,
          ruleIds: dv === 'pass' ? undefined : [pick(RULES)],
          latencies: { checkMs: 1 + Math.floor(rnd() * 8) },
        });
      }
      if (s.verdict === 'block' && (!edited || rnd() < 0.5)) {
        events.push({
          ...common,
          ...ref,
          id: id(),
          at: at(),
          type: 'policy_override',
          ruleIds: s.ruleIds ?? [pick(RULES)],
          reason: pick(OVERRIDE_REASONS),
        });
      }
      events.push({
        ...common,
        ...ref,
        id: id(),
        at: at(),
        type: 'suggestion_accepted',
        acceptKind: edited ? 'edited' : 'asIs',
        editDistance,
        msToAccept: ms,
        delivery: rnd() < 0.7 ? 'clipboard' : rnd() < 0.85 ? 'reply' : 'internal_note',
        suggestionTextRedacted:
          'Hi [NAME], your order [ORDER] is on its way and should arrive within 2 business days.',
        sentTextRedacted: edited
          ? 'Hi [NAME], sorry for the wait! Your order [ORDER] is on its way and should arrive within 2 to 3 business days.'
          : 'Hi [NAME], your order [ORDER] is on its way and should arrive within 2 business days.',
      });
    } else if (r < agent.skill * fit + 0.15) {
      clock += 3000 + Math.floor(rnd() * 10_000);
      const reason = pick(REJECT_REASONS);
      events.push({
        ...common,
        ...ref,
        id: id(),
        at: at(),
        type: 'suggestion_rejected',
        ...(reason ? { reason } : {}),
      });
    }
    if (escalate && rnd() < 0.8) {
      clock += 5000;
      const code =
        intent === 'complaint'
          ? pick(ESCALATION_REASONS)
          : pick(['low_confidence', 'vip_customer', 'high_churn_risk']);
      events.push({
        ...common,
        id: id(),
        at: at(),
        type: 'escalated',
        reasonCodes: [code],
        path: PATHS[code]!,
        delivery: 'clipboard',
      });
    }
    for (const event of events) {
      if (emitted >= options.count) return;
      emitted += 1;
      yield event;
    }
  }
}
