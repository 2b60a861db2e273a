import type { Analysis } from '../../shared/domain/analysis';
import type { MessageInput } from '../../shared/domain/context';
import type { Suggestion } from '../../shared/domain/suggestion';
import { computeFacts, parseDate } from '../knowledge/facts';
import type { Macro } from '../knowledge/macro';
import { createMacroIndex } from '../knowledge/retrieval';
import type { RankedMacro } from '../knowledge/retrieval';
import type { PolicyChecker } from '../policy/checker';
import { baseLanguage } from '../policy/language';
import { fillTemplate, resolvePlaceholders } from './fill';

export interface SuggestOptions {
  /** ISO time used for "days since delivery" and the return deadline; defaults to input.now, then the clock. */
  now?: string;
  /** At most this many suggestions (1–3, default 3). */
  max?: number;
}

export interface Suggester {
  suggest(input: MessageInput, analysis: Analysis, opts?: SuggestOptions): Suggestion[];
  /** The ranked macros behind the suggestions, for the LLM layer's grounding and for explanations. */
  rank(input: MessageInput, analysis: Analysis, opts?: SuggestOptions): RankedMacro[];
}

/** Each unfilled placeholder costs this much confidence, so a complete reply outranks one the agent must finish. */
const UNFILLED_PENALTY = 0.06;
/** Below this a runner-up is noise the agent would have to read past; the best match is always kept. */
const MIN_CONFIDENCE = 0.1;

/**
 * Offline suggested replies: rank the macro library for the analysed message, pick each macro in the customer's
 * language when it exists, fill it from the context and policy-check the result. Pure and deterministic for a
 * fixed `now`, so the same ticket always shows the same suggestions with the same ids.
 */
export function createSuggester(deps: { macros: readonly Macro[]; policy: PolicyChecker }): Suggester {
  const index = createMacroIndex(deps.macros);
  const pack = deps.policy.pack;

  const rank = (input: MessageInput, analysis: Analysis, opts: SuggestOptions = {}) => {
    const now = clock(opts.now ?? input.now);
    const language = replyLanguage(input, analysis);
    return index.rank(
      {
        text: analysis.redactedText,
        intent: analysis.intent,
        facts: computeFacts(
          input,
          pack.returns.windowDays,
          now,
          analysis.entities.some((e) => e.type === 'order_number'),
        ),
        language,
        defaultLanguage: pack.defaultLanguage,
      },
      // One spare candidate lets a complete reply overtake one with unfilled placeholders.
      Math.max(1, Math.min(3, opts.max ?? 3)) + 1,
    );
  };

  return {
    rank,
    suggest(input, analysis, opts = {}) {
      if (!analysis.isCustomerMessage) return [];
      const max = Math.max(1, Math.min(3, opts.max ?? 3));
      const now = clock(opts.now ?? input.now);
      const customerLanguage = replyLanguage(input, analysis);
      const out: (Suggestion & { order: number })[] = [];
      const valuesByLanguage = new Map<string, ReturnType<typeof resolvePlaceholders>>();
      rank(input, analysis, opts).forEach((r, order) => {
        const language = baseLanguage(r.macro.language) ?? pack.defaultLanguage;
        let values = valuesByLanguage.get(language);
        if (!values) {
          values = resolvePlaceholders({ input, entities: analysis.entities, pack, language }, now);
          valuesByLanguage.set(language, values);
        }
        const { text, unfilled } = fillTemplate(r.macro.body, values);
        const policy = deps.policy.check(text, {
          customer: input.customer,
          order: input.order,
          customerLanguage,
        });
        const confidence = clamp01(
          r.score - unfilled.length * UNFILLED_PENALTY - (policy.verdict === 'block' ? 0.1 : 0),
        );
        out.push({
          id: `off_${fnv1a(`${r.macro.id}\n${text}`)}`,
          text,
          macroId: r.macro.id,
          confidence: Math.round(confidence * 1000) / 1000,
          source: 'offline',
          policy,
          order,
        });
      });
      out.sort((a, b) => b.confidence - a.confidence || a.order - b.order);
      return out
        .filter((s, i) => i === 0 || s.confidence >= MIN_CONFIDENCE)
        .slice(0, max)
        .map(({ order: _order, ...s }) => s);
    },
  };
}

/** The language to answer in: the customer's profile language, else what the engine detected. */
export function replyLanguage(input: MessageInput, analysis: Analysis): string | undefined {
  return baseLanguage(input.customer?.language) ?? baseLanguage(analysis.language);
}

function clock(now: string | undefined): number {
  return parseDate(now) ?? Date.now();
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** FNV-1a 32-bit, hex: a stable, dependency-free id for the same macro filled the same way. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
