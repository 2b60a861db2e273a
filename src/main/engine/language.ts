import { detectAll } from 'tinyld/light';
import { letterStats } from './text-stats';

/**
 * Language detection with tinyld's "light" build. Chosen over eld: eld's smallest
 * n-gram table takes ~0.5 s and ~85 MB to load on this class of machine, which alone breaks the
 * engine's start-up (≤ 300 ms) and memory (≤ 60 MB) budgets; tinyld light loads in ~55 ms with ~13 MB,
 * covers the 60+ languages a store's customers write in, and is accurate on sentence-length text.
 * Like every n-gram detector it guesses on two words, so short text falls back (see below).
 */

export interface LanguageOptions {
  /** What the helpdesk or customer profile says; used when the text is too short to tell. */
  hint?: string;
  /** The store's language, used when there is neither a confident detection nor a hint. */
  fallback?: string;
}

export interface LanguageResult {
  language: string;
  /** `detected`: from the text; `hint`: from context; `fallback`: the store default. */
  source: 'detected' | 'hint' | 'fallback';
  confidence: number;
}

/** Letters (any script) in the sample; n-gram detection below this is noise. */
const MIN_LETTERS = 12;
const SAMPLE_CHARS = 300;
const NOISE = /https?:\/\/\S{0,2000}|\S{1,64}@\S{1,255}|[\d\p{P}\p{S}]+/gu;
/** CJK, kana and Hangul carry much more per character; a few are enough. */
const DENSE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

function baseCode(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const code = tag.trim().toLowerCase().split(/[-_]/)[0];
  return code && /^[a-z]{2,3}$/.test(code) ? code : undefined;
}

/**
 * ISO 639-1 code of the message's language. Short or ambiguous text uses the hint, then the store
 * fallback (`en`), so that a two-word "where order" does not come back as Tagalog.
 */
export function detectLanguage(text: string, options: LanguageOptions = {}): LanguageResult {
  const hint = baseCode(options.hint);
  const fallback = baseCode(options.fallback) ?? 'en';
  const sample = text.slice(0, SAMPLE_CHARS).replace(NOISE, ' ');
  const { letters, latin } = letterStats(sample);
  // Non-Latin scripts narrow the candidates a lot (Cyrillic, Greek, Hebrew…), so fewer letters do.
  const dense = DENSE_SCRIPT.test(sample) || (letters > 0 && latin / letters < 0.5);
  if (letters >= MIN_LETTERS || (dense && letters >= 2)) {
    const english = englishShare(sample);
    if (!dense && english !== undefined && english >= 0.3 && (!hint || hint === 'en')) {
      return { language: 'en', source: 'detected', confidence: round(Math.min(1, english * 2)) };
    }
    const ranked = detectAll(sample);
    const top = ranked[0];
    const second = ranked[1];
    if (top && top.lang) {
      const margin = top.accuracy - (second?.accuracy ?? 0);
      const words = sample.split(/\s+/).filter((w) => w.length > 0).length;
      // A hinted language that scores close to the top wins: short texts are often ambiguous
      // between neighbours (es/pt, da/no), and the profile knows better.
      if (hint && hint !== top.lang) {
        const hinted = ranked.find((r) => r.lang === hint);
        if (hinted && top.accuracy - hinted.accuracy < 0.15) {
          return { language: hint, source: 'hint', confidence: round(hinted.accuracy) };
        }
      }
      if (dense || words >= 4 || margin >= 0.2) {
        return { language: top.lang, source: 'detected', confidence: round(top.accuracy) };
      }
    }
  }
  if (hint) return { language: hint, source: 'hint', confidence: 0 };
  return { language: fallback, source: 'fallback', confidence: 0 };
}

/** The commonest English function words: a third of ordinary English text is made of them. */
const EN_FUNCTION = new Set(
  'the a an and or but to of in on at for with from by is are was were be been am i my me we our you your it its this that these those have has had do does did not no can will would could should please hi hello thanks thank what where when why how which who there here just still again order'.split(
    ' ',
  ),
);
/** Function words of the neighbours tinyld most often has to separate English from. */
const OTHER_FUNCTION = new Set(
  'de la el los las que y en un una es por con para del le les et est une des du je pas der die das und ist nicht ich ein eine mit het een van ik niet och att jag som og er ikke jeg il che di non sono do da em não os'.split(
    ' ',
  ),
);
const TOKENS = /[a-z']{1,20}/g;

/**
 * Share of English function words among the first words, or undefined when another language's
 * function words show up too. A fast path: about a third of the engine's time went to the
 * detector, and most of a store's traffic is plain English that this settles for certain; every
 * other text still goes to the library.
 */
export function englishShare(sample: string): number | undefined {
  let total = 0;
  let en = 0;
  let other = 0;
  TOKENS.lastIndex = 0;
  const lower = sample.toLowerCase();
  for (let m = TOKENS.exec(lower); m && total < 60; m = TOKENS.exec(lower)) {
    total++;
    if (EN_FUNCTION.has(m[0])) en++;
    else if (OTHER_FUNCTION.has(m[0])) other++;
  }
  // A stray foreign function word ("IL" in a US address, "de" in a product name) does not make English
  // text foreign; English must outnumber them six to one, else the detector decides.
  if (total < 6 || other * 6 > en) return undefined;
  return en / total;
}

function round(n: number): number {
  return Math.round(Math.max(0, Math.min(1, n)) * 1000) / 1000;
}
