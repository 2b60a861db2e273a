import type { calls, events } from '../contract';

/**
 * Every call and event name of the contract, as plain strings. The preload needs only the names (main
 * validates every payload), and importing the contract itself would bring zod and every schema into
 * the preload, which runs before the page can paint. The compiler keeps this list equal to the
 * contract: a missing or unknown name is a type error below.
 */
export const CALL_NAMES = [
  'getAppInfo',
  'openExternal',
  'getShortcutStatus',
  'writeClipboard',
  'getSettings',
  'updateSettings',
  'resetSettings',
  'getSettingsNotices',
  'getSecretStatus',
  'setSecret',
  'clearSecret',
  'analyzeText',
  'getAssistState',
  'checkDraft',
  'acceptSuggestion',
  'rejectSuggestion',
  'escalate',
  'getClipboardStatus',
  'setClipboardPaused',
  'analyzeClipboardNow',
  'resetThread',
  'cancelDrafts',
  'testLlmConnection',
  'getLastLlmRequest',
  'getLlmPresets',
  'getMetrics',
  'listAgentRows',
  'listEvents',
  'exportEvents',
  'importEvents',
  'importEventsFromDialog',
  'getEventStoreNotices',
  'listCases',
  'getCase',
  'runReplayTurn',
  'checkReplayDraft',
  'scoreReplayTurn',
  'finishReplay',
  'evalCaseLibrary',
  'exportReplayResults',
  'importCases',
  'exportCase',
  'createCaseFromThread',
  'saveCase',
  'listConnections',
  'saveConnection',
  'removeConnection',
  'testConnection',
  'listMyOpenTickets',
  'openTicket',
  'getTeamStatus',
  'testTeamConnection',
  'getEventSource',
] as const;

export const EVENT_NAMES = [
  'onDidChangeShortcutStatus',
  'onDidChangeWindowVisibility',
  'onDidChangeSettings',
  'onDidChangeSecretStatus',
  'onDidUpdateAssist',
  'onDidChangeClipboardStatus',
  'onDidIgnoreClipboard',
  'onDidFailAnalysis',
  'onDidStreamSuggestion',
  'onDidFinishLlmRequest',
  'onDidRecordEvents',
  'onDidChangeConnections',
  'onDidFailTicketLoad',
  'onDidChangeTeamStatus',
  'onDidChangeEventSource',
] as const;

type Exactly<A extends string, B extends string> = [Exclude<A, B> | Exclude<B, A>] extends [never]
  ? true
  : { missingOrUnknown: Exclude<A, B> | Exclude<B, A> };
const callsMatch: Exactly<(typeof CALL_NAMES)[number], keyof typeof calls & string> = true;
const eventsMatch: Exactly<(typeof EVENT_NAMES)[number], keyof typeof events & string> = true;
void callsMatch;
void eventsMatch;
