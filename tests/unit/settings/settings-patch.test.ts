import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema } from '../../../src/shared/domain/settings';
import { createSettingsService } from '../../../src/main/settings/settings-service';
import { RecordingNotifications } from '../../../src/main/ports/notifications';

describe('settings patches', () => {
  it('parse to exactly the keys given: no defaults are filled in', () => {
    expect(SettingsPatchSchema.parse({ llm: { temperature: 1 } })).toEqual({ llm: { temperature: 1 } });
    expect(SettingsPatchSchema.safeParse({ llm: { temperature: 9 } }).success).toBe(false);
  });

  it('change one key and keep every other saved key of the section', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-patch-'));
    const settings = await createSettingsService({
      userDataDir: dir,
      notifications: new RecordingNotifications(),
    });
    await settings.update({
      llm: { model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1', preset: 'ollama' },
    });
    await settings.update({ llm: { temperature: 1.1 } });
    expect(settings.get().llm).toMatchObject({
      model: 'llama3.1',
      baseUrl: 'http://127.0.0.1:11434/v1',
      preset: 'ollama',
      temperature: 1.1,
    });
    await settings.flush();
  });
});
