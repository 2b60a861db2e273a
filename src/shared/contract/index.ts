import { appCalls, appEvents } from './app';
import { assistEvents } from './assist';
import { settingsCalls, settingsEvents } from './settings';

/**
 * The whole IPC contract: every renderer→main call and main→renderer event, declared once.
 * Features add their own file beside this one and spread it here.
 */
export const calls = {
  ...appCalls,
  ...settingsCalls,
};

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...assistEvents,
};
