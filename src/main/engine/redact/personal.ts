import { DATE_SOURCE, escapeRegExp, groupSpan, matchAll } from './patterns';
import type { Finding } from './types';

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** Local part: letters, digits and . _ % + ' - */
function isLocalChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 39 || c === 45;
}
function isDomainChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 45;
}

/**
 * E-mail addresses, found by expanding around each "@" with fixed limits (64 before, 253 after)
 * instead of a regex, because `[chars]+@` is quadratic on 100k characters without an "@".
 */
export function findEmails(text: string): Finding[] {
  const out: Finding[] = [];
  let at = text.indexOf('@');
  let minStart = 0;
  while (at !== -1) {
    let s = at;
    while (s > minStart && at - s < 64 && isLocalChar(text.charCodeAt(s - 1))) s--;
    while (s < at && text[s] === '.') s++;
    let e = at + 1;
    while (e < text.length && e - at <= 253 && isDomainChar(text.charCodeAt(e))) e++;
    while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    const domain = text.slice(at + 1, e);
    if (s < at && /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}$/.test(domain)) {
      out.push({ type: 'EMAIL', start: s, end: e, key: text.slice(s, e).toLowerCase() });
      minStart = e;
    }
    at = text.indexOf('@', at + 1);
  }
  return out;
}

const SECRET_VALUE = `["'“‘]?([^\\s"'“”‘’]{1,64})`;
const PASSWORD = new RegExp(
  `(?<!one[-\\s]time\\s)\\b(?:password|passwort|passcode|passphrase|passwd|pwd|pw|pass\\sword|contraseña|mot\\sde\\spasse)\\b(?:\\s(?:is|was|would\\sbe|should\\sbe|ist|es|est))?(?:\\s?[:=-])?\\s{0,3}${SECRET_VALUE}`,
  'dgi',
);
const PIN =
  /\bpin(?:\s(?:code|number|no\.?))?\b(?:\s(?:is|was))?(?:\s?[:=-])?\s{0,3}["'“]?(\d{4,8})(?!\d)/dgi;
const OTP =
  /\b(?:one[-\s]time\s(?:pass(?:word|code)|code|pin)|otp|2fa(?:\scode)?|two[-\s]factor\scode|verification\scode|verify\scode|login\scode|sign[-\s]in\scode|auth(?:entication|orization)?\scode|sms\scode|access\scode|(?:the\s)?code\s(?:you|they|u)\s(?:sent|texted|emailed)(?:\sme)?)\b(?:\s(?:is|was))?(?:\s?[:=-])?\s{0,3}["'“]?(\d{2,4}(?:[ -]\d{2,4}){1,3}(?![\d])|[A-Za-z0-9]{4,10}\b)/dgi;
/** Words that follow "password is" but are not the password ("my password is not working"). */
const NOT_A_SECRET =
  /^(?:not|wrong|incorrect|invalid|correct|right|fine|ok|okay|expired|locked|too|very|the|a|an|my|your|still|already|being|now|just|never|reset|changed|working|broken|empty|required|same|different|case|and|or|but|for|that|this|it|in|on|of|to)$/i;

const SECRET_CUE = /pass|pwd|\bpw\b|pin|otp|2fa|code|contraseña|mot de passe/i;

/** Passwords, PINs and one-time codes given in the text ("my password is hunter2", "OTP: 482913"). */
export function findSecrets(text: string): Finding[] {
  const out: Finding[] = [];
  if (!SECRET_CUE.test(text)) return out;
  const push = (type: Finding['type'], m: RegExpExecArray): void => {
    const span = groupSpan(m, 1);
    if (!span) return;
    const s = span[0];
    let e = span[1];
    while (e > s && /[.,;:!?)]/.test(text[e - 1]!)) e--;
    const value = text.slice(s, e);
    if (value.length === 0 || NOT_A_SECRET.test(value)) return;
    out.push({ type, start: s, end: e, key: value });
  };
  for (const m of matchAll(PASSWORD, text)) push('PASSWORD', m);
  for (const m of matchAll(PIN, text)) push('PIN', m);
  for (const m of matchAll(OTP, text)) {
    if (/\d/.test(m[1]!)) push('OTP', m);
  }
  return out;
}

const DOB = new RegExp(
  `\\b(?:date\\sof\\sbirth|d\\.?o\\.?b\\.?|birth\\s?date|birthday|born(?:\\son)?|geburtsdatum|fecha\\sde\\snacimiento)\\b(?:\\s(?:is|was))?[^\\w\\n]{0,4}(${DATE_SOURCE})(?![\\d])`,
  'dgi',
);

/** Dates of birth, only when named: an ordinary date is a delivery date the reply needs. */
export function findDatesOfBirth(text: string): Finding[] {
  const out: Finding[] = [];
  if (!/birth|d\.?o\.?b|born|geburt|nacimiento/i.test(text)) return out;
  for (const m of matchAll(DOB, text)) {
    const s = groupSpan(m, 1)!;
    out.push({ type: 'DOB', start: s[0], end: s[1], key: m[1]!.toLowerCase() });
  }
  return out;
}

const SUFFIX_ABBR = 'St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Ter|Pkwy|Hwy|Cir|Sq|Trl|Cres';
const SUFFIX_WORD =
  'Street|Avenue|Road|Boulevard|Lane|Drive|Court|Way|Place|Terrace|Close|Crescent|Parkway|Highway|Circle|Square|Trail|Row|Walk|Gardens|Grove|Mews|Alley|Plaza';
const UNIT = `(?:,?\\s(?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|#)\\.?\\s?#?[A-Za-z0-9-]{1,8})?`;
const CITY_STATE_ZIP = `(?:,\\s?[A-Z][A-Za-z.'-]{1,25}(?:\\s[A-Z][A-Za-z.'-]{1,25}){0,2}(?:,?\\s[A-Z]{2})?(?:\\s\\d{5}(?:-\\d{4})?)?)?`;
const STREET_CAPITALIZED = new RegExp(
  `(?<![\\w#$€£.,/-])\\d{1,6}[A-Za-z]?\\s(?:(?:[NSEW]\\.?|North|South|East|West)\\s)?(?:(?:[A-Z][A-Za-z'-]{0,25}|\\d{1,3}(?:st|nd|rd|th))\\s){1,3}(?:(?:${SUFFIX_WORD})\\b|(?:${SUFFIX_ABBR})\\b\\.?)${UNIT}${CITY_STATE_ZIP}`,
  'g',
);
const STREET_LOWER = new RegExp(
  `(?<![\\w#$€£.,/-])\\d{1,6}\\s(?:[a-z][a-z'-]{1,25}\\s){1,2}(?:street|avenue|road|boulevard|lane|drive)\\b${UNIT}`,
  'gi',
);
const STREET_EU =
  /(?<![\w-])[A-ZÄÖÜ][a-zäöüß]{2,30}(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm)\s\d{1,4}[a-z]?\b(?:,\s?\d{5}\s[A-ZÄÖÜ][a-zäöüß]{2,30})?/g;
const UK_POSTCODE = /(?<![A-Za-z0-9])(?:GIR\s?0AA|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})(?![A-Za-z0-9])/g;
const NAMED_ADDRESS =
  /\b(?:my|our|the|shipping|delivery|billing|home|new|correct)\s(?:shipping\s|delivery\s|billing\s|home\s|new\s)?address\s(?:is|should\sbe|to)\s?:?\s{0,3}([^\n]{6,120}?)(?=\n|$|\.\s|\.$|;|\sand\s|\sbut\s|\sthanks)/dgi;

/** Street addresses where the shape gives them away (US/UK/EU street lines, UK postcodes, "my address is …"). */
export function findAddresses(text: string): Finding[] {
  const out: Finding[] = [];
  for (const re of [STREET_CAPITALIZED, STREET_LOWER, STREET_EU, UK_POSTCODE]) {
    for (const m of matchAll(re, text)) {
      const end = m.index + m[0].replace(/[\s,]+$/, '').length;
      out.push({ type: 'ADDRESS', start: m.index, end, key: m[0].toLowerCase().replace(/\s+/g, ' ') });
    }
  }
  for (const m of matchAll(NAMED_ADDRESS, text)) {
    const s = groupSpan(m, 1)!;
    if (/\d/.test(m[1]!)) out.push({ type: 'ADDRESS', start: s[0], end: s[1], key: m[1]!.toLowerCase() });
  }
  return out;
}

const NAME_WORD = `[A-Z][a-zà-öø-ÿ'’-]{1,30}`;
const MY_NAME = new RegExp(
  `\\b(?:[Mm]y name is|[Mm]y name's|[Tt]his is|I am|I'm|[Nn]ame:)\\s(${NAME_WORD}(?:\\s${NAME_WORD}){0,2})\\b`,
  'dg',
);
const SIGN_OFF = new RegExp(
  `(?:^|\\n)\\s{0,4}(?:[Tt]hanks|THANKS|[Tt]hank you|[Mm]any thanks|[Rr]egards|[Bb]est regards|[Kk]ind regards|[Bb]est|[Cc]heers|[Ss]incerely|[Yy]ours|[Ww]arm regards|[Tt]hx|[Tt]y)[,.!]?\\s{0,4}\\n\\s{0,4}(${NAME_WORD}(?:\\s${NAME_WORD}){0,2})\\s*$`,
  'dg',
);
/** Capitalised words after "I am" that are states, not names ("I am Very upset"). */
const NOT_NAMES =
  /^(?:Very|So|Really|Not|Still|Sorry|Happy|Upset|Angry|Writing|Trying|Looking|Waiting|Going|Here|Back|Done|The|A|An|Your|Unable|Having|Getting|Just|Also|Interested)$/;

const nameRegexCache = new Map<string, RegExp>();

/** One compiled regex per distinct set of names (a thread re-analyses with the same customer). */
function nameRegex(key: string): RegExp {
  let re = nameRegexCache.get(key);
  if (!re) {
    if (nameRegexCache.size > 200) nameRegexCache.clear();
    const alternatives = key.split('|').map(escapeRegExp).join('|');
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'gu');
    nameRegexCache.set(key, re);
  }
  return re;
}

/**
 * Names: the customer's own name from context wherever it appears, plus names the text introduces
 * ("my name is …", a sign-off line). Kept restorable so the reply can greet them.
 */
export function findNames(text: string, known: readonly string[] = []): Finding[] {
  const out: Finding[] = [];
  const tokens = new Set<string>();
  for (const full of known) {
    for (const t of full.split(/\s+/)) if (t.length >= 2 && /^\p{Lu}/u.test(t)) tokens.add(t);
  }
  if (tokens.size > 0) {
    const re = nameRegex([...tokens].sort().join('|'));
    for (const m of matchAll(re, text))
      out.push({ type: 'NAME', start: m.index, end: m.index + m[0].length, key: m[0] });
  }
  for (const re of [MY_NAME, SIGN_OFF]) {
    for (const m of matchAll(re, text)) {
      const s = groupSpan(m, 1)!;
      const words = m[1]!.split(/\s+/);
      if (NOT_NAMES.test(words[0]!)) continue;
      out.push({ type: 'NAME', start: s[0], end: s[1], key: m[1]! });
    }
  }
  return mergeAdjacent(text, out);
}

/** "Maria" + " " + "Lopez" → one "[NAME_1]", so a reply restores the full name in one piece. */
function mergeAdjacent(text: string, names: Finding[]): Finding[] {
  const sorted = names.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && f.start <= last.end) {
      if (f.end > last.end) last.end = f.end;
    } else if (last && f.start === last.end + 1 && text[last.end] === ' ') {
      last.end = f.end;
    } else {
      out.push({ ...f });
    }
  }
  for (const f of out) f.key = text.slice(f.start, f.end);
  return out;
}
