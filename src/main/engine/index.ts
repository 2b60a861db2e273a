import type { CountryCode } from 'libphonenumber-js';
import type { Analysis, Entity, IntentResult } from '../../shared/domain/analysis';
import type { MessageInput } from '../../shared/domain/context';
import { classifyCustomerMessage, type RecentOwnWrites } from './customer-message';
import { compileOrderPatterns, extractEntities, type CatalogueItem } from './entities';
import { createIntentClassifier, type IntentClassifier } from './intent';
import { detectLanguage } from './language';
import { DEFAULT_MAX_CHARS, normalize } from './normalize';
import { redact, type RedactionResult, type RestoreMap } from './redact';
import { contextNames, createRedactor } from './redactor';
import { SpanMask } from './span-mask';
import { resolveResourcesDir } from '../resources-path';
import { assessChurn } from './signals/churn';
import { assessEscalation, DEFAULT_ESCALATION_PATH } from './signals/escalation';
import { analyzeSentiment } from './signals/sentiment';

export { ownWriteHash, type RecentOwnWrites } from './customer-message';
export { restorePlaceholders, type RestoreMap, type RestoreEntry, type RedactedEntity } from './redact';
export type { CatalogueItem } from './entities';
export { createRedactor, type Redactor, type RedactorOptions } from './redactor';

export interface EngineOptions {
  /** Folder with the shipped data (intents…); found from the module or cwd when omitted. */
  resourcesDir?: string;
  /** Below this primary-intent confidence, a supervisor is suggested (settings: engine.escalationConfidenceThreshold). */
  escalationConfidenceThreshold?: number;
  /** Queue per escalation reason code, `default` for the rest (settings: engine.escalationPaths). */
  escalationPaths?: Record<string, string>;
  /** Extra or replacement order-number regexes (one capture group = the number). */
  orderPatterns?: string[];
  maxChars?: number;
  /** The store's language when the text is too short to tell. */
  defaultLanguage?: string;
  /** Country for national phone numbers. */
  defaultCountry?: CountryCode;
  /** Lifetime value from which a customer is high value (escalation and churn). */
  highValueThreshold?: number;
  /** Products to recognise by SKU or title. */
  catalogue?: CatalogueItem[];
  /** An already-trained classifier (tests, or sharing one model between engines). */
  intentClassifier?: Pick<IntentClassifier, 'labels' | 'classify'>;
}

export interface AnalyzeOptions {
  recentOwnWrites?: RecentOwnWrites;
}

/** The analysis plus what stays on this machine: the clean text and the map to restore placeholders. */
export type EngineAnalysis = Analysis & { normalizedText: string; restore: RestoreMap };

export interface Engine {
  analyze(input: MessageInput, options?: AnalyzeOptions): EngineAnalysis;
  /** Redaction alone (recorded replies, the `redact` command): character cleaning, then masking. */
  redactText(text: string, context?: Pick<MessageInput, 'customer'>): RedactionResult;
  readonly intentLabels: readonly string[];
}

/** Text the intent model reads: the opening carries the request, and cost grows with length. */
const INTENT_SAMPLE = 4000;

/**
 * The offline understanding engine: deterministic for the same input, configuration and `now`, no
 * network. Creating it loads the data and trains the intent model once (start-up cost); `analyze`
 * then runs in about a millisecond.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const classifier =
    options.intentClassifier ??
    createIntentClassifier({ resourcesDir: resolveResourcesDir(options.resourcesDir) });
  const orderPatterns = compileOrderPatterns(options.orderPatterns);
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const paths = { default: DEFAULT_ESCALATION_PATH, ...(options.escalationPaths ?? {}) };
  const highValueThreshold = options.highValueThreshold ?? 1000;
  const threshold = options.escalationConfidenceThreshold ?? 0.35;

  const redactor = createRedactor({
    orderPatterns: options.orderPatterns,
    defaultCountry: options.defaultCountry,
  });

  function classify(text: string): IntentResult {
    if (text.trim().length === 0) return { label: 'other', confidence: 0, secondary: [] };
    const scores = classifier.classify(text.length > INTENT_SAMPLE ? text.slice(0, INTENT_SAMPLE) : text);
    const [top, ...rest] = scores;
    if (!top) return { label: 'other', confidence: 0, secondary: [] };
    return {
      label: top.label,
      confidence: round(top.confidence),
      secondary: rest
        .slice(0, 2)
        .filter((s) => s.confidence >= 0.05)
        .map((s) => ({ label: s.label, confidence: round(s.confidence) })),
    };
  }

  function analyze(input: MessageInput, analyzeOptions: AnalyzeOptions = {}): EngineAnalysis {
    const now = parseNow(input.now);
    const n = normalize(input.text, { maxChars });
    const verdict = classifyCustomerMessage(input.text, n.text, analyzeOptions.recentOwnWrites);
    const language = detectLanguage(n.text, {
      hint: input.customer?.language,
      fallback: options.defaultLanguage,
    });
    const business = extractEntities(n.text, {
      orderPatterns,
      now,
      order: input.order,
      catalogue: options.catalogue,
    });
    const redaction = redact(n.text, {
      protectedSpans: business.map((e) => e.span),
      names: contextNames(input),
      defaultCountry: options.defaultCountry,
    });
    const entities = mergeEntities(n.text.length, business, redaction);
    const intent = classify(n.text);
    const sentiment = analyzeSentiment(n.text);
    const churnRisk = assessChurn(n.text, sentiment, input, now, { highValueThreshold });
    const escalation = verdict.isCustomerMessage
      ? assessEscalation(n.text, intent, sentiment, churnRisk, input, {
          confidenceThreshold: threshold,
          paths,
          highValueThreshold,
        })
      : { recommended: false, reasons: [], path: null };
    return {
      language: language.language,
      isCustomerMessage: verdict.isCustomerMessage,
      ...(verdict.message ? { notCustomerReason: verdict.message } : {}),
      truncated: n.truncated,
      intent,
      sentiment,
      churnRisk,
      escalation,
      entities,
      redactedText: redaction.text,
      normalizedText: n.text,
      restore: redaction.restore,
    };
  }

  return { analyze, redactText: redactor.redactText, intentLabels: classifier.labels };
}

/** Business entities that survived redaction, plus one entity per masked value (its placeholder, never the value). */
function mergeEntities(length: number, business: readonly Entity[], redaction: RedactionResult): Entity[] {
  const pii = new SpanMask(length);
  for (const r of redaction.entities) pii.claim(r.span[0], r.span[1]);
  const out: Entity[] = business.filter((e) => !pii.overlaps(e.span[0], e.span[1]));
  for (const r of redaction.entities) {
    out.push({ type: r.type.toLowerCase(), value: r.placeholder, span: r.span });
  }
  return out.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
}

function parseNow(now: string | undefined): Date {
  if (now) {
    const d = new Date(now);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date();
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
