export { loadMacroLibrary, parseMacroFile, formatMacroErrors, findResourcesDir } from './loader';
export type { MacroLibrary, MacroLoadError } from './loader';
export { KNOWN_PLACEHOLDERS, MacroConditionsSchema, MacroFrontMatterSchema, placeholdersOf } from './macro';
export type { Macro, MacroConditions, PlaceholderName } from './macro';
export { computeFacts, evaluateConditions, parseDate } from './facts';
export type { ContextFacts } from './facts';
export { createMacroIndex } from './retrieval';
export type { MacroIndex, RankedMacro, RetrievalQuery } from './retrieval';
