import { clauseAt, isNegatedBefore, matchAll, sentenceAt } from '../text';
import type { RuleInput } from './types';

const CARD_CANDIDATE = /(?<![\d\w])\d(?:[ .-]?\d){11,18}(?![\d\w])/g;
const CVV_VALUE =
  /\b(?:cvv2?|cvc2?|csc|security code|card verification (?:code|value))\b\D{0,12}\b\d{3,4}\b/g;
const SENSITIVE =
  /\b(?:(?:full |complete |whole |long )?(?:credit |debit )?card (?:number|details|info(?:rmation)?|no\.?|digits)|card ?number|cvv2?|cvc2?|security code|pin(?: code| number)?|password|passcode|pass code|one[- ]time (?:code|password|passcode|pin)|otp|verification code|2fa code|sms code|login (?:details|credentials)|(?:3|4|three|four)[- ]digit (?:code|number)|code on the back of (?:your|the) card|expir(?:y|ation) date|kartennummer|passwort|contraseña|n[uú]mero de (?:la )?tarjeta)\b/g;
const REQUEST =
  /\b(?:send|share|provide|give|tell|email|e-mail|text|message|dm|reply with|respond with|confirm|include|read out|forward|let (?:me|us) know|need|require|verify|what(?:'s| is| was)|could you|can you|would you|please|senden|schicken|teilen|env[ií]e|env[ií]anos|comparta|necesitamos|brauchen)\b/;
const SELF_SERVICE =
  /\b(?:reset|change|update|create|choose|set up|forgot|forgotten|new|strong|secure|your own|save|saved|enter it|stored)\b/;
const LAST_FOUR = /\blast (?:4|four)(?: digits)?(?: of)?(?: your| the)?\s*$/;

/** Full card numbers or CVVs in the draft, and requests for card numbers, CVVs, passwords or one-time codes. */
export function checkPii(input: RuleInput): void {
  const { draft, lower, sentences, add } = input;
  for (const span of matchAll(CARD_CANDIDATE, draft)) {
    const digits = draft.slice(span.start, span.end).replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhn(digits)) continue;
    add({
      rule: 'pii-exposure',
      ...span,
      message: 'The draft contains a full payment card number.',
      hint: 'Refer to the card by its last four digits only.',
    });
  }
  for (const span of matchAll(CVV_VALUE, lower)) {
    add({
      rule: 'pii-exposure',
      ...span,
      message: 'The draft contains a card security code.',
      hint: 'Remove the code; never repeat or store it.',
    });
  }
  for (const span of matchAll(SENSITIVE, lower)) {
    const s = sentenceAt(sentences, span.start);
    if (!s) continue;
    const clause = clauseAt(s, span.start);
    if (!REQUEST.test(clause.text) && !/\?/.test(s.text)) continue;
    if (isNegatedBefore(clause, span.start)) continue;
    const before = lower.slice(clause.start, span.start);
    if (LAST_FOUR.test(before) || SELF_SERVICE.test(before)) continue;
    if (
      /\b(?:on|at|via|through) (?:our|the) (?:secure )?(?:checkout|website|site|app|payment page|login page)\b/.test(
        clause.text,
      )
    )
      continue;
    add({
      rule: 'pii-exposure',
      ...span,
      message: `Asks the customer for their ${lower.slice(span.start, span.end)}.`,
      hint: 'Never ask for full card numbers, CVVs, passwords or one-time codes; send a secure link or use the last four digits.',
    });
  }
}

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const AI_ARTEFACT =
  /\b(?:as an? (?:ai|artificial intelligence|language model|large language model|llm|ai assistant|ai model|chatbot|virtual assistant)|i(?:'m| am) (?:just |only )?(?:an? )?(?:ai|language model|large language model|chatbot|bot|virtual assistant|ai assistant)\b|system prompt|my (?:instructions|guidelines|programming|training data|prompt|knowledge cut-?off)|i (?:was|have been|am) (?:instructed|programmed|told|trained) to|according to (?:my|the) (?:instructions|guidelines|system|prompt)|knowledge cut-?off|ignore (?:all |any )?(?:previous|prior|above|earlier) instructions|you are a helpful|(?:here is|here's) (?:a|the|your|my) (?:\w+ ){0,2}(?:draft|reply|response) (?:i|for you|you asked)|i(?:'ve| have)? drafted|(?:here is|here's) (?:a|the|your) (?:draft|suggested|possible) (?:reply|response)|internal note|note to (?:self|agent|the agent|team|the team)|agent note|private note|for internal use|(?:do not|don't) send this (?:reply|draft|message|yet)|chatgpt|openai|gpt-?\d)\b|\[(?:internal|note|agent)[^\]]*\]|<\/?(?:system|assistant|user|instructions?)>|###\s*(?:instruction|system|response)/g;

/** AI and instruction artefacts, internal notes and the LLM layer's canary. */
export function checkPromptLeak(input: RuleInput): void {
  const { draft, lower, ctx, add } = input;
  for (const span of matchAll(AI_ARTEFACT, lower)) {
    add({
      rule: 'prompt-leak',
      ...span,
      message: 'AI or internal-instruction wording would reach the customer.',
      hint: 'Remove the artefact; the reply speaks for the team, never about drafting it.',
    });
  }
  const canary = ctx.canary?.trim();
  if (canary && canary.length >= 4) {
    const at = draft.indexOf(canary);
    if (at >= 0) {
      add({
        rule: 'prompt-leak',
        start: at,
        end: at + canary.length,
        message: 'The draft repeats the hidden system prompt marker: the prompt leaked.',
        hint: 'Discard this draft and write the reply yourself.',
      });
    }
  }
}

const PROFANITY =
  /\b(?:fuck\w*|shit\w*|bullshit|crap|crappy|damn|damned|dammit|goddamn\w*|hell|asshole|arse\w*|bitch\w*|bastard\w*|piss(?:ed)?|wtf|stfu|dumbass|jackass|scheiße|scheisse|mierda|joder)\b/g;
const INSULT =
  /\b(?:idiot\w*|stupid|moron\w*|dumb|incompeten\w*|pathetic|clueless|ignorant|imbecile|loser)\b/g;
const BLAME =
  /\b(?:(?:your|you're|ur) (?:own )?fault|you should have (?:read|checked|known|looked|paid attention|ordered|measured)|if you had (?:read|bothered|paid attention|checked|listened)|(?:learn|try) to read|as i (?:already )?(?:told|said|explained)(?: you| to you)? (?:before|already|twice|earlier)|like i (?:already )?said|calm down|not (?:my|our) problem|that's your problem|you people|obviously you|clearly you (?:didn't|did not|can't|don't)|you (?:clearly|obviously) (?:didn't|did not|can't|don't|do not)|it's on you|deal with it|stop (?:complaining|whining|emailing|bothering)|read the (?:policy|faq|website|instructions)(?: yourself| next time)|next time,? read|user error|you failed to)\b/g;

/** Profanity, insults, and blaming or belittling the customer ("this is not your fault" is fine). */
export function checkUnprofessional(input: RuleInput): void {
  const { lower, sentences, add } = input;
  for (const span of matchAll(PROFANITY, lower)) {
    const word = lower.slice(span.start, span.end);
    if (word === 'hell' && /\bhell(?:o|a)\b/.test(lower.slice(span.start, span.end + 1))) continue;
    add({
      rule: 'unprofessional-language',
      ...span,
      message: 'Profanity in a customer reply.',
      hint: 'Remove it.',
    });
  }
  for (const span of matchAll(INSULT, lower)) {
    add({
      rule: 'unprofessional-language',
      ...span,
      message: 'Insulting or belittling word.',
      hint: 'Describe the problem, not the person.',
    });
  }
  for (const span of matchAll(BLAME, lower)) {
    const s = sentenceAt(sentences, span.start);
    if (
      s &&
      /fault/.test(lower.slice(span.start, span.end)) &&
      isNegatedBefore(clauseAt(s, span.start), span.start)
    )
      continue;
    add({
      rule: 'unprofessional-language',
      ...span,
      message: 'Blames or talks down to the customer.',
      hint: 'Own the next step: "Let me help with that" instead of pointing at the customer.',
    });
  }
}
