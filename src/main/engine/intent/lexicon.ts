import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { IntentDataError } from './taxonomy';

/**
 * Concept lexicon (resources/intents/lexicon.yaml): groups of words and phrases that mean the same thing
 * for support ("broken", "cracked", "smashed", "kaputt" → `damage`). Each match adds a concept feature,
 * so a message using a synonym that no training example happens to contain still lands on the right
 * intent. With ~50 examples per intent this domain knowledge is what makes the model generalize to
 * wording nobody on the team wrote; teams extend it like the examples, as data.
 *
 * Entries are matched on canonical text (lowercase, accents folded, numbers as `0`):
 *   `word` matches the whole token, `stem*` any token starting with `stem`,
 */
export const LexiconSchema = z.object({
  version: z.number().int().positive(),
  concepts: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, 'concept names are snake_case'),
    z
      .union([z.string().transform((s) => s.split(',')), z.array(z.string())])
      .transform((list) => list.map((e) => e.trim()).filter((e) => e.length > 0))
      .refine((list) => list.length > 0, 'a concept needs at least one entry'),
  ),
});

/**
 * A compiled lexicon: `match` returns the concept names found in a list of canonical tokens.
 * `fuzzy(token)` says whether a token may also match entries one typo away (the vectorizer allows it
 * for words never seen in training, so "refnud" still means refund but known words stay exact).
 */
export interface Lexicon {
  readonly conceptCount: number;
  match(tokens: readonly string[], fuzzy?: (token: string) => boolean): string[];
  /**
   * What one token matches on its own, independent of its neighbours, so a caller can cache it per
   * distinct token: `match` equals, token by token, `exact`, then `near` while the per-message typo
   * budget lasts (one unit per token with `fuzzyCandidate`), then `phrasesAt`.
   */
  matchToken(token: string, fuzzy?: (token: string) => boolean): TokenMatch;
  /** Concepts of the multi-word entries that start at `tokens[i]`. */
  phrasesAt(tokens: readonly string[], i: number): readonly string[];
  /** Typo lookups allowed per message (see `match`). */
  readonly fuzzyBudget: number;
}

/** A token's lexicon matches; see `Lexicon.matchToken`. */
export interface TokenMatch {
  exact: readonly string[];
  /** The token may match one typo away (and uses one unit of the message's typo budget). */
  fuzzyCandidate: boolean;
  near: readonly string[];
}

/** Shortest word or stem that typo matching applies to: shorter words are too easily confused. */
const FUZZY_MIN = 5;
const FUZZY_MAX_TOKEN = 24;
/** Typo lookups per message are capped so a long paste of unknown words stays fast. */
const FUZZY_MAX_PER_MESSAGE = 24;

/**
 * The word itself and every form with one letter deleted. Two words sharing a form are one typo apart:
 * a missing, extra or wrong letter, or two adjacent letters swapped.
 */
function deletionForms(w: string): string[] {
  const forms = [w];
  for (let i = 0; i < w.length; i++) forms.push(w.slice(0, i) + w.slice(i + 1));
  return forms;
}

interface Phrase {
  words: string[];
  concept: string;
}

/** Compiles validated lexicon data; canonicalization is passed in so entries fold exactly like messages. */
export function compileLexicon(
  data: z.infer<typeof LexiconSchema>,
  canonicalize: (s: string) => string,
): Lexicon {
  const words = new Map<string, string[]>();
  const stems = new Map<string, { stem: string; concept: string }[]>();
  const phrases = new Map<string, Phrase[]>();
  // Deletion-form indexes (SymSpell-style, distance 1) for typo matching of words and stems.
  const fuzzyWords = new Map<string, string[]>();
  const fuzzyStems = new Map<string, string[]>();
  const stemLengths = new Set<number>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const [concept, entries] of Object.entries(data.concepts)) {
    for (const entry of entries) {
      const isStem = entry.endsWith('*');
      const parts = canonicalize(isStem ? entry.slice(0, -1) : entry)
        .split(' ')
        .filter(Boolean);
      if (parts.length === 0) continue;
      if (parts.length > 1) push(phrases, parts[0]!, { words: parts, concept });
      else if (isStem && parts[0]!.length >= 3)
        push(stems, parts[0]!.slice(0, 3), { stem: parts[0]!, concept });
      else push(words, parts[0]!, concept);
      if (parts.length === 1 && parts[0]!.length >= FUZZY_MIN) {
        for (const form of deletionForms(parts[0]!)) push(isStem ? fuzzyStems : fuzzyWords, form, concept);
        if (isStem) stemLengths.add(parts[0]!.length);
      }
    }
  }
  const fuzzyMatch = (t: string, out: Set<string>) => {
    for (const form of deletionForms(t)) for (const c of fuzzyWords.get(form) ?? []) out.add(c);
    // A stem may be followed by any ending: compare the token's prefixes of the stem's length ± 1.
    for (const len of stemLengths) {
      for (let m = len - 1; m <= len + 1 && m <= t.length; m++) {
        for (const form of deletionForms(t.slice(0, m)))
          for (const c of fuzzyStems.get(form) ?? []) out.add(c);
      }
    }
  };
  const none: readonly string[] = [];
  const matchToken = (t: string, fuzzy?: (token: string) => boolean): TokenMatch => {
    const exact: string[] = [...(words.get(t) ?? none)];
    for (const s of stems.get(t.slice(0, 3)) ?? []) if (t.startsWith(s.stem)) exact.push(s.concept);
    const fuzzyCandidate =
      exact.length === 0 && t.length >= FUZZY_MIN - 1 && t.length <= FUZZY_MAX_TOKEN && fuzzy?.(t) === true;
    let near = none;
    if (fuzzyCandidate) {
      const found = new Set<string>();
      fuzzyMatch(t, found);
      near = [...found];
    }
    return { exact, fuzzyCandidate, near };
  };
  const phrasesAt = (tokens: readonly string[], i: number): readonly string[] => {
    const starting = phrases.get(tokens[i]!);
    if (!starting) return none;
    const found: string[] = [];
    for (const p of starting) {
      let ok = i + p.words.length <= tokens.length;
      for (let j = 1; ok && j < p.words.length; j++) ok = tokens[i + j] === p.words[j];
      if (ok) found.push(p.concept);
    }
    return found;
  };
  return {
    conceptCount: Object.keys(data.concepts).length,
    fuzzyBudget: FUZZY_MAX_PER_MESSAGE,
    matchToken,
    phrasesAt,
    match(tokens, fuzzy) {
      const found: string[] = [];
      let fuzzyBudget = FUZZY_MAX_PER_MESSAGE;
      for (let i = 0; i < tokens.length; i++) {
        const m = matchToken(tokens[i]!, fuzzyBudget > 0 ? fuzzy : undefined);
        found.push(...m.exact);
        if (m.fuzzyCandidate) {
          fuzzyBudget--;
          found.push(...m.near);
        }
        found.push(...phrasesAt(tokens, i));
      }
      return found;
    },
  };
}

/** Parses and validates lexicon YAML; `source` is quoted in errors. */
export function parseLexicon(
  yamlText: string,
  canonicalize: (s: string) => string,
  source = 'lexicon.yaml',
): Lexicon {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    throw new IntentDataError(
      `${source}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = LexiconSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `  - at ${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('\n');
    throw new IntentDataError(`${source}: invalid lexicon:\n${detail}`);
  }
  return compileLexicon(parsed.data, canonicalize);
}
