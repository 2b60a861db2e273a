import type { Sentiment } from '../../../shared/domain/analysis';
import { countMatches, letterStats } from '../text-stats';
import { INTENSIFIERS, NEGATORS, PHRASES, PROFANE_WORD, VALENCE } from './lexicon';

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
  let profanity = 0;
  // Previous three words, lower-cased, for negation and intensifiers; no per-word allocation.
  let p1 = '';
  let p2 = '';
  let p3 = '';
  WORD.lastIndex = 0;
  for (let m = WORD.exec(sample); m; m = WORD.exec(sample)) {
    const raw = m[0];
    let lower = raw.toLowerCase();
    if (lower.includes('’')) lower = lower.replace(/’/g, "'");
    if (PROFANE_WORD.test(lower)) profanity++;
    let v = VALENCE.get(lower);
    if (v !== undefined) {
      if (INTENSIFIERS.has(p1)) v *= 1.4;
      if (raw.length >= 3 && raw === raw.toUpperCase() && raw !== lower) v *= 1.5;
      if (isNegator(p1) || isNegator(p2) || isNegator(p3)) v *= v > 0 ? -0.7 : -0.4;
      sum += v;
    }
    p3 = p2;
    p2 = p1;
    p1 = lower;
  }
  for (const [re, weight] of PHRASES) sum += weight * countMatches(re, sample, 3);
  for (const [marker, re] of MARKER_PATTERNS) if (re.test(sample)) markers.add(marker);
  if (/screw(?:ed)? you|f\*+k|s\*+t/i.test(sample)) profanity++;
  if (profanity > 0) {
    markers.add('profanity');
    sum -= 2 * Math.min(3, profanity);
  }
  if (isShouting(sample.length > 800 ? sample.slice(0, 800) : sample)) markers.add('caps');
  if (markers.size > 0) sum -= MARKER_WEIGHT * markers.size;
  const exclaims = countMatches(/!/g, sample, 4);
  if (sum !== 0) sum += Math.sign(sum) * exclaims * 0.3;
  const score = Math.round((sum / Math.sqrt(sum * sum + ALPHA)) * 1000) / 1000;
  const label = score <= -0.3 ? 'negative' : score >= 0.3 ? 'positive' : 'neutral';
  return { label, score, markers: [...markers] };
}

const SHOUTED = /\b\p{Lu}{3,}\b/gu;
const ACRONYMS =
  /^(?:USPS|UPS|DHL|USD|EUR|GBP|SKU|ASAP|FAQ|GDPR|CCPA|PDF|URL|OTP|PIN|CVV|SSN|IBAN|ID|USA|UK|EU|VIP|FYI|ETA|TBH|DM|LOL|OMG)$/;

function isNegator(word: string): boolean {
  return word.length > 0 && (NEGATORS.has(word) || word.endsWith("n't"));
}

/** Two or more shouted words, or mostly upper-case letters in a message of some length. */
function isShouting(text: string): boolean {
  const { letters, upper } = letterStats(text);
  if (letters >= 12 && upper / letters > 0.6) return true;
  if (upper < 6) return false;
  let real = 0;
  SHOUTED.lastIndex = 0;
  for (let m = SHOUTED.exec(text); m && real < 2; m = SHOUTED.exec(text)) if (!ACRONYMS.test(m[0])) real++;
  return real >= 2;
}
