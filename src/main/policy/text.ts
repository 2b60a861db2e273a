/**
 * Text helpers for the policy check: sentence and clause segmentation with offsets into the draft, negation
 * scope, and extractors for durations, money and percentages. They work on a lower-cased copy of the draft of
 * the same length so that every offset found is an offset in the draft the agent sees.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Clause extends Span {
  text: string;
}

export interface Sentence extends Span {
  text: string;
  clauses: Clause[];
}

/** Lower-cases without changing the length (so spans stay valid) and folds typographic apostrophes. */
export function foldCase(draft: string): string {
  const lower = draft.toLowerCase();
  const base = lower.length === draft.length ? lower : lowerPerChar(draft);
  return base.replace(/[’‘`´]/g, "'");
}

function lowerPerChar(draft: string): string {
  let out = '';
  for (const ch of draft) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

// No leading `\s*`: a pattern that can start anywhere is tried at every offset and dominated the check's cost.
const CLAUSE_BREAK =
  /[,;:()]|\s[—–-]\s|\s(?:but|however|although|though|whereas|while|so that|so|because|since|unless|until|once|and also|and then|plus|and i'll|and we'll|and i will|and we will|and you'll|and you will|and it|otherwise|instead)\s/g;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 160;
}

/** Splits the draft into sentences (at . ! ? followed by space, and at line breaks), then into clauses. */
export function segment(lower: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const n = lower.length;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    let boundary = -1;
    if (c === 10) boundary = i;
    else if ((c === 46 || c === 33 || c === 63) && (i + 1 >= n || isSpace(lower.charCodeAt(i + 1))))
      boundary = i + 1;
    if (boundary < 0) continue;
    pushSentence(lower, start, boundary, sentences);
    start = boundary;
  }
  pushSentence(lower, start, n, sentences);
  return sentences;
}

function pushSentence(lower: string, start: number, end: number, out: Sentence[]): void {
  while (start < end && isSpace(lower.charCodeAt(start))) start++;
  while (end > start && isSpace(lower.charCodeAt(end - 1))) end--;
  if (start >= end) return;
  const text = lower.slice(start, end);
  const clauses: Clause[] = [];
  const push = (a: number, b: number) => {
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (b > a) clauses.push({ start: start + a, end: start + b, text: text.slice(a, b) });
  };
  let last = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(text); m; m = CLAUSE_BREAK.exec(text)) {
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, text.length);
  out.push({ start, end, text, clauses });
}

/** The sentence holding an offset (binary search; sentences are sorted and disjoint). */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The clause holding an offset of the draft (falls back to the whole sentence). */
export function clauseAt(sentence: Sentence, offset: number): Clause {
  for (const c of sentence.clauses) if (offset >= c.start && offset < c.end) return c;
  return { start: sentence.start, end: sentence.end, text: sentence.text };
}

const NEGATION =
  /(?:^|[^a-z])(?:not|never|no|none|nothing|cannot|can't|cant|won't|wont|don't|dont|doesn't|didn't|isn't|aren't|wasn't|weren't|shouldn't|wouldn't|couldn't|mustn't|unable|nor|neither|non-|non|without|no longer|nicht|kein|keine|keinen|nie|niemals|nunca|jamás|ni)(?=$|[^a-z])/;
const NOT_A_NEGATION =
  /\b(?:no problem|no worries|not only|no doubt|no matter|no later than|(?:at )?no (?:extra |additional )?(?:charge|cost|fee)s?|no-cost)\b/g;

/** True when a negation comes before `offset` in its clause ("this is not your fault", but not "your fault for not …"). */
export function isNegatedBefore(clause: Clause, offset: number): boolean {
  return isNegated(clause.text.slice(0, Math.max(0, offset - clause.start)));
}

/** True when the clause is negated ("we can't …", "never …", "… isn't guaranteed"). */
export function isNegated(clauseText: string): boolean {
  return NEGATION.test(clauseText.replace(NOT_A_NEGATION, ' '));
}

const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  'twenty-four': 24,
  'forty-eight': 48,
  'seventy-two': 72,
  'forty-five': 45,
  'twenty-one': 21,
  'twenty-five': 25,
  'thirty-five': 35,
  'ninety-nine': 99,
};
const NUM = String.raw`\d+(?:[.,]\d+)?|twenty-four|forty-eight|seventy-two|forty-five|twenty-one|twenty-five|thirty-five|ninety-nine|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|an|a`;

/** Parses digits or an English number word. */
export function parseNumber(token: string): number {
  const t = token.trim();
  if (t in WORD_NUMBERS) return WORD_NUMBERS[t]!;
  return Number(t.replace(/,(?=\d{3}\b)/g, '').replace(',', '.'));
}

export interface Duration extends Span {
  /** Lower and upper bound in days ("3–7 business days" → 3..7); `business` when stated in business days. */
  min: number;
  max: number;
  business: boolean;
}

const UNIT_DAYS: [RegExp, number][] = [
  [/^(?:hour|hours|hrs?|h|stunden?|horas?)$/, 1 / 24],
  [/^(?:week|weeks|wochen?|semanas?)$/, 7],
  [/^(?:month|months|monate?n?|mes|meses)$/, 30],
  [/^(?:year|years|jahre?n?|años?)$/, 365],
];
const DURATION = new RegExp(
  String.raw`\b(${NUM})(?:\s*(?:-|–|—|to|bis|a)\s*(${NUM}))?[\s-]*(business|working|werk|h[aá]biles)?[\s-]*(days?|hours?|hrs?|weeks?|months?|years?|tage?n?|werktage?n?|stunden?|wochen?|monate?n?|d[ií]as?|horas?|semanas?|meses|mes)\b(\s+h[aá]biles)?`,
  'g',
);
const INSTANT =
  /\b(?:next[- ]day|overnight|same[- ]day|tomorrow|today|tonight|immediately|instantly|instant|right away|right now|within the hour|straight away|sofort|inmediatamente|morgen|mañana)\b/g;

/** Durations in a stretch of lower-cased text, with absolute offsets. "next day", "immediately" count as 0–1 day. */
export function findDurations(lower: string, from: number, to: number): Duration[] {
  const text = lower.slice(from, to);
  const out: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(text); m; m = DURATION.exec(text)) {
    const unitWord = m[4]!;
    if ((m[1] === 'a' || m[1] === 'an') && !/week|month|year|day|hour/.test(unitWord)) continue;
    const unit = UNIT_DAYS.find(([re]) => re.test(unitWord))?.[1] ?? 1;
    const business = Boolean(m[3]) || Boolean(m[5]) || /^werktag/.test(unitWord);
    const a = parseNumber(m[1]!) * unit;
    const b = m[2] ? parseNumber(m[2]) * unit : a;
    out.push({ start: from + m.index, end: from + m.index + m[0].length, min: a, max: b, business });
  }
  INSTANT.lastIndex = 0;
  for (let m = INSTANT.exec(text); m; m = INSTANT.exec(text)) {
    const days = /tomorrow|next|overnight|morgen|mañana/.test(m[0]) ? 1 : 0;
    out.push({
      start: from + m.index,
      end: from + m.index + m[0].length,
      min: days,
      max: days,
      business: false,
    });
  }
  return out;
}

/** Calendar days → business days (5 of 7), so "2 weeks" reads as 10 business days. */
export function toBusinessDays(d: Duration): { min: number; max: number } {
  if (d.business) return { min: d.min, max: d.max };
  const f = (x: number) => (x < 1 ? x : Math.round((x * 5) / 7));
  return { min: f(d.min), max: f(d.max) };
}

export interface Quantity extends Span {
  value: number;
  kind: 'money' | 'percent';
}

const MONEY =
  /(?:(?:[$€£]|usd|eur|gbp)\s?(\d[\d,]*(?:\.\d{1,2})?)|\b(\d[\d,]*(?:\.\d{1,2})?)\s?(?:€|£|eur\b|euros?\b|usd\b|dollars?\b|bucks\b))/g;
const PERCENT = new RegExp(String.raw`\b(${NUM})\s?(?:%|percent\b|per cent\b|por ciento\b|prozent\b)`, 'g');

/** Money amounts and percentages with their offsets. */
export function findQuantities(lower: string, from: number, to: number): Quantity[] {
  const text = lower.slice(from, to);
  const out: Quantity[] = [];
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(text); m; m = MONEY.exec(text)) {
    const raw = (m[1] ?? m[2])!.replace(/,/g, '');
    out.push({ start: from + m.index, end: from + m.index + m[0].length, value: Number(raw), kind: 'money' });
  }
  PERCENT.lastIndex = 0;
  for (let m = PERCENT.exec(text); m; m = PERCENT.exec(text)) {
    if (m[1] === 'a' || m[1] === 'an') continue;
    out.push({
      start: from + m.index,
      end: from + m.index + m[0].length,
      value: parseNumber(m[1]!),
      kind: 'percent',
    });
  }
  return out;
}

/** Every match of a global regex inside [from, to) of the text, as absolute spans. */
export function matchAll(re: RegExp, lower: string, from = 0, to = lower.length): Span[] {
  const text = from === 0 && to === lower.length ? lower : lower.slice(from, to);
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start: from + m.index, end: from + m.index + m[0].length });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}
