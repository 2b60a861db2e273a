export { createSuggester, replyLanguage, fnv1a } from './suggester';
export type { Suggester, SuggestOptions } from './suggester';
export { fillTemplate, formatDate, formatMoney, resolvePlaceholders } from './fill';
export type { FillInput } from './fill';
export { loadOfflineKnowledge } from './load';
export type { OfflineKnowledge } from './load';
