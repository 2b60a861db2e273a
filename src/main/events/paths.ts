import { homedir } from 'node:os';
import { join } from 'node:path';

/** File name of the event store inside the user-data folder. */
export const EVENT_DB_FILE = 'events.sqlite';

/**
 * Where Electron's `app.getPath('userData')` points for "Tandem", computed without Electron so the
 * command line opens the same store as the app by default.
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Tandem');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Tandem');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Tandem');
}

export const defaultEventDbPath = (env: NodeJS.ProcessEnv): string =>
  join(defaultUserDataDir(env), EVENT_DB_FILE);
