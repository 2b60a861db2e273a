/**
 * Sentiment lexicon tuned for shop support: word valences in −4..4 in the spirit of AFINN/VADER,
 * weighted for how customers write to a store (politeness is weak evidence, "still waiting" strong).
 * Kept as compact data so adding a word is a one-line change.
 */
const WORDS = `
love:3 loved:3 lovely:2.5 amazing:3 awesome:3 excellent:3 fantastic:3 great:2.5 good:1.5 nice:1.5 perfect:3
wonderful:3 happy:2.5 glad:2 pleased:2 delighted:3 thrilled:3 impressed:2.5 beautiful:2.5 gorgeous:2.5 best:2
helpful:2 quick:1 fast:1 friendly:2 appreciate:2 appreciated:2 grateful:2.5 thanks:0.8 thank:0.8 thx:0.6 ty:0.5
recommend:2 satisfied:2 superb:3 brilliant:3 cool:1 comfortable:1.5 cute:1.5 easy:1 exactly:0.5 smooth:1
kudos:2.5 bravo:2.5 stunning:3 flawless:3 gracias:1 merci:1 danke:1 obrigado:1 grazie:1
bad:-2 terrible:-3 horrible:-3 awful:-3 worst:-3.5 poor:-2 disappointed:-2.5 disappointing:-2.5 disappointment:-2.5
unhappy:-2.5 upset:-2.5 angry:-3 furious:-3.5 annoyed:-2.5 annoying:-2.5 frustrated:-3 frustrating:-3
frustration:-3 ridiculous:-3 unacceptable:-3.5 useless:-3 pathetic:-3.5 scam:-3.5 fraud:-3 scammed:-3.5
ripped:-2 broken:-1.5 damaged:-1.5 defective:-1.5 faulty:-1.5 wrong:-1 missing:-1 late:-1 delayed:-1 lost:-1.5
never:-0.5 nobody:-1.5 ignored:-2.5 ignoring:-2.5 rude:-3 incompetent:-3.5 joke:-2 absurd:-3 outrageous:-3.5
disgusting:-3.5 disgusted:-3.5 hate:-3 hated:-3 sucks:-3 crap:-3 garbage:-3 trash:-3 rubbish:-2.5 nightmare:-3
waste:-2.5 wasted:-2.5 worried:-1.5 concerned:-1 confused:-1 unfortunately:-1 sadly:-1 sad:-2 shame:-2
shocking:-3 appalling:-3.5 dreadful:-3 mess:-2 cheated:-3 lied:-3 lying:-3 liar:-3.5 stolen:-2.5 problem:-0.8
issue:-0.5 complaint:-1.5 complain:-1.5 refuse:-1 refused:-1.5 cheap:-1 flimsy:-2 unusable:-3 worthless:-3
nonsense:-2.5 fed:-0.5 sick:-1.5 tired:-1.5 enough:-0.5 hopeless:-3 never-again:-3 unreliable:-2.5 slow:-1.5
nightmarish:-3 dissatisfied:-2.5 regret:-2.5 sorry:-0.3 urgent:-1 urgently:-1 asap:-0.8 immediately:-0.5
terrible!:-3 fuming:-3.5 livid:-3.5 insulting:-3 unprofessional:-3 inexcusable:-3.5 embarrassing:-2.5
`;

/** Word → valence. */
export const VALENCE: ReadonlyMap<string, number> = new Map(
  WORDS.trim()
    .split(/\s+/)
    .map((entry) => {
      const i = entry.lastIndexOf(':');
      return [entry.slice(0, i), Number(entry.slice(i + 1))] as const;
    }),
);

/** Phrases whose meaning is more than their words ("still waiting", "not received"). */
export const PHRASES: readonly (readonly [RegExp, number])[] = [
  [/\bstill (?:waiting|haven'?t|have not|hasn'?t|has not|no|not)\b/gi, -2],
  [/\b(?:third|3rd|fourth|4th|fifth|5th) (?:time|email|message|call)\b/gi, -2.5],
  [/\bhow many (?:more )?times\b/gi, -2.5],
  [/\bnever (?:again|ordering|buying|shopping)\b/gi, -3],
  [/\bwaste of (?:money|time)\b/gi, -3],
  [/\bfed up\b/gi, -3],
  [/\bsick (?:and tired|of)\b/gi, -3],
  [/\bno (?:one|body) (?:has )?(?:answer|respond|repl|help|get)/gi, -2.5],
  [/\b(?:no|zero) (?:response|reply|answer|help|update)s?\b/gi, -2],
  [/\b(?:not|never) (?:received|arrived|delivered|shown up|showed up)\b/gi, -1.5],
  [/\b(?:has|have)n'?t (?:received|arrived|gotten|got)\b/gi, -1.5],
  [/\bthank you so much\b/gi, 2],
  [/\b(?:love|loved|loving) (?:it|them|this|the)\b/gi, 1],
  [/\b(?:works|fits|worked|fit) (?:perfectly|great|well)\b/gi, 2],
  [/\bwell done\b/gi, 2],
  [/\bright now\b/gi, -1],
];

export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  "don't",
  'dont',
  "didn't",
  'didnt',
  "doesn't",
  'doesnt',
  "isn't",
  'isnt',
  "wasn't",
  'wasnt',
  "aren't",
  'arent',
  "won't",
  'wont',
  "can't",
  'cant',
  'cannot',
  "couldn't",
  'couldnt',
  'nothing',
  'hardly',
  'without',
  "haven't",
  'havent',
  "hasn't",
  'hasnt',
  'neither',
  'nor',
]);

export const INTENSIFIERS: ReadonlySet<string> = new Set([
  'very',
  'really',
  'so',
  'extremely',
  'absolutely',
  'totally',
  'completely',
  'incredibly',
  'super',
  'utterly',
  'seriously',
  'truly',
  'beyond',
  'most',
  'such',
]);

/**
 * Strong profanity and insults, tested per word (anchored) inside the sentiment loop: one regex
 * over the whole message was the engine's single most expensive step.
 */
export const PROFANE_WORD =
  /^(?:f+u+c+k+\w{0,6}|sh[i1]t+\w{0,4}|bullsh[i1]t|damn(?:ed|it)?|crap(?:py)?|wtf|bastards?|assholes?|idiots?|morons?|stupid|bloody|hell|piss(?:ed)?|bitch\w{0,3}|dicks?)$/;
