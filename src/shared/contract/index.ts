import { appCalls, appEvents } from './app';
import { assistCalls, assistEvents } from './assist';
import { connectorCalls, connectorEvents } from './connectors';
import { llmCalls, llmEvents } from './llm';
import { supervisorCalls, supervisorEvents } from './supervisor';
import { settingsCalls, settingsEvents } from './settings';
import { teamCalls, teamEvents } from './team';
import { trainerCalls, trainerEvents } from './trainer';

/**
 * The whole IPC contract: every renderer→main call and main→renderer event, declared once.
 * Features add their own file beside this one and spread it here.
 */
export const calls = {
  ...appCalls,
  ...settingsCalls,
  ...assistCalls,
  ...llmCalls,
  ...supervisorCalls,
  ...trainerCalls,
  ...connectorCalls,
  ...teamCalls,
};

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...assistEvents,
  ...llmEvents,
  ...supervisorEvents,
  ...trainerEvents,
  ...connectorEvents,
  ...teamEvents,
};
