import type { settingsCalls } from '../../../shared/contract/settings';
import type { CoreContext } from '../core-context';
import type { FeatureHandlers } from './types';

/** Settings and secret calls. Secret values go in, never out: only the status returns. */
export function createSettingsHandlers(ctx: CoreContext): FeatureHandlers<typeof settingsCalls> {
  return {
    getSettings: () => ctx.settings.get(),
    updateSettings: (patch) => ctx.settings.update(patch),
    resetSettings: () => ctx.settings.reset(),
    getSettingsNotices: () => ctx.settings.notices(),
    getSecretStatus: () => ctx.secrets.status(),
    setSecret: ({ name, value }) => ctx.secrets.set(name, value),
    clearSecret: ({ name }) => ctx.secrets.clear(name),
  };
}
