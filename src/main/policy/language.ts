/**
 * A stop-word language guess for drafts. The check runs on every keystroke, so this trades breadth (seven
 * languages) for speed and determinism: a few microseconds per KB, and no answer at all when the evidence is thin,
 * so that a short "Thanks!" never triggers a wrong-language warning.
 */
const STOP_WORDS: Record<string, string> = {
  en: 'the and you your for with that this we our is are to of it be will have can not please thanks thank order would if what when which there here',
  es: 'el la los las y que de del en un una por para con su sus tu tus es son nos le lo se pedido gracias muy pero como más está hola usted',
  de: 'der die das und ist nicht ein eine mit für sie ihr ihre ihren wir uns zu von den dem des auf bei bitte danke bestellung wenn auch noch hallo',
  fr: 'le la les et est une des du pour avec vous votre nous pas que qui dans sur au aux commande merci bonjour mais ce cette',
  it: 'il lo la gli le e di che per con non una sono della del grazie ordine ciao questo questa anche ma come',
  pt: 'o os as e de que para com não uma um da do em por seu sua você obrigado obrigada pedido mas como está',
  nl: 'de het een en is niet van voor met je jij uw wij ons dat dit op te zijn bestelling bedankt maar ook graag',
};

const LOOKUP = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOP_WORDS)) {
  for (const w of words.split(' ')) {
    const list = LOOKUP.get(w) ?? [];
    list.push(lang);
    LOOKUP.set(w, list);
  }
}

/** Latin letters without unicode mode: the stop-word languages are all Latin-script, and this is much faster. */
const WORD = /[a-zß-öø-ÿ']+/g;

/** Best-guess ISO 639-1 code, or undefined when fewer than `minHits` stop words decide it clearly. */
export function guessLanguage(text: string, minHits = 3): string | undefined {
  const scores: Record<string, number> = {};
  let seen = 0;
  for (const m of text.slice(0, 1500).toLowerCase().matchAll(WORD)) {
    if (++seen > 150) break;
    const langs = LOOKUP.get(m[0]);
    if (!langs) continue;
    const w = 1 / langs.length;
    for (const l of langs) scores[l] = (scores[l] ?? 0) + w;
  }
  let best: string | undefined;
  let top = 0;
  let second = 0;
  for (const [l, v] of Object.entries(scores)) {
    if (v > top) {
      second = top;
      top = v;
      best = l;
    } else if (v > second) second = v;
  }
  if (!best || top < minHits || top < second * 1.6) return undefined;
  return best;
}

/** `es-MX` → `es`, so regional tags compare equal. */
export function baseLanguage(tag: string | undefined): string | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base && base !== 'und' ? base : undefined;
}
