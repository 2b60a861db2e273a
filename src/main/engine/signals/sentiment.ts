import type { Sentiment } from '../../../shared/domain/analysis';
import { INTENSIFIERS, NEGATORS, PHRASES, PROFANITY, VALENCE } from './lexicon';

/** Frustration markers, as stable codes the UI can explain. */
export type FrustrationMarker =
  | 'caps'
  | 'repeated_punctuation'
  | 'profanity'
  | 'repeat_contact'
  | 'still_waiting'
  | 'exasperation'
  | 'ignored';

const MARKER_PATTERNS: readonly (readonly [FrustrationMarker, RegExp])[] = [
  ['repeated_punctuation', /[!?]{2,}|!{2,}|\?{2,}/],
  [
    'repeat_contact',
    /\b(?:third|3rd|fourth|4th|fifth|5th|several|multiple|many) (?:time|times|email|emails|message|messages|call|calls)\b|\bhow many (?:more )?times\b|\b(?:already|again) (?:contacted|emailed|called|written|asked|told)\b|\b(?:asked|contacted|emailed|called|written) (?:you )?(?:again|twice|already|before)\b|\bonce again\b/i,
  ],
  [
    'still_waiting',
    /\bstill (?:waiting|haven'?t|have not|hasn'?t|has not|no sign|nothing|not)\b|\bwaiting for (?:weeks|days|ages|a month|over)\b/i,
  ],
  [
    'exasperation',
    /\b(?:ridiculous|unacceptable|absurd|outrageous|pathetic|a joke|fed up|sick (?:and tired|of)|enough is enough|beyond frustrat\w*|disgrace\w*)\b/i,
  ],
  [
    'ignored',
    /\b(?:no (?:one|body)|nobody) (?:has )?(?:answer|respond|repl|help|got back)\w*|\b(?:no|zero) (?:response|reply|answer)s?\b|\bignor(?:ed|ing) (?:me|my)\b/i,
  ],
];

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const MARKER_WEIGHT = 0.8;
const ALPHA = 12;

/** Up-to-2000-char sample: sentiment of a 20 KB message is decided by its opening anyway. */
const SAMPLE = 2000;

/**
 * Negative / neutral / positive with a score in −1..1 and frustration markers. Lexicon scoring with
 * negation, intensifiers, caps emphasis and phrases, normalised like VADER (x / √(x² + α)). Chosen
 * over a trained model: it is explainable to an agent ("still waiting", caps) and costs microseconds.
 */
export function analyzeSentiment(text: string): Sentiment {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const markers = new Set<FrustrationMarker>();
  let sum = 0;
  const words = sample.match(WORD) ?? [];
  for (let i = 0; i < words.length; i++) {
    const raw = words[i]!;
    const lower = raw.toLowerCase().replace(/’/g, "'");
    let v = VALENCE.get(lower);
    if (v === undefined) continue;
    const prev = [words[i - 1], words[i - 2], words[i - 3]].map((w) => w?.toLowerCase().replace(/’/g, "'"));
    if (prev[0] && INTENSIFIERS.has(prev[0])) v *= 1.4;
    if (raw.length >= 3 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw)) v *= 1.5;
    if (prev.some((p) => p !== undefined && (NEGATORS.has(p) || p.endsWith("n't")))) v *= v > 0 ? -0.7 : -0.4;
    sum += v;
  }
  for (const [re, weight] of PHRASES) {
    re.lastIndex = 0;
    const count = sample.match(re)?.length ?? 0;
    sum += weight * Math.min(count, 3);
  }
  for (const [marker, re] of MARKER_PATTERNS) if (re.test(sample)) markers.add(marker);
  const profanity = sample.match(PROFANITY);
  if (profanity) {
    markers.add('profanity');
    sum -= 2 * Math.min(profanity.length, 3);
  }
  if (isShouting(sample)) markers.add('caps');
  if (markers.size > 0) sum -= MARKER_WEIGHT * markers.size;
  const exclaims = Math.min(4, (sample.match(/!/g) ?? []).length);
  if (sum !== 0) sum += Math.sign(sum) * exclaims * 0.3;
  const score = Math.round((sum / Math.sqrt(sum * sum + ALPHA)) * 1000) / 1000;
  const label = score <= -0.3 ? 'negative' : score >= 0.3 ? 'positive' : 'neutral';
  return { label, score, markers: [...markers] };
}

/** Two or more shouted words, or mostly upper-case letters in a message of some length. */
function isShouting(text: string): boolean {
  const shouted = text.match(/\b\p{Lu}{3,}\b/gu) ?? [];
  const real = shouted.filter(
    (w) =>
      !/^(?:USPS|UPS|DHL|USD|EUR|GBP|SKU|ASAP|FAQ|GDPR|CCPA|PDF|URL|OTP|PIN|CVV|SSN|IBAN|ID|USA|UK|EU|VIP|FYI|ETA|TBH|DM)$/.test(
        w,
      ),
  );
  if (real.length >= 2) return true;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  return letters >= 12 && upper / letters > 0.6;
}
