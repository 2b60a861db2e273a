import { describe, expect, it } from 'vitest';
import { toFormValues, toPatch } from '../../src/renderer/features/settings/model/form-values';
import { validateForm } from '../../src/renderer/features/settings/model/validate';
import { defaultSettings, SettingsPatchSchema } from '../../src/shared/domain/settings';

const values = (over: Partial<ReturnType<typeof toFormValues>> = {}) => ({
  ...toFormValues(defaultSettings()),
  ...over,
});

describe('settings form model', () => {
  it('accepts the defaults', () => {
    expect(validateForm(values())).toEqual({});
  });

  it('takes its bounds from the shared schema and says them in plain words', () => {
    expect(validateForm(values({ pollMs: '50' })).pollMs).toBe(
      'Check interval must be from 100 to 10000 ms.',
    );
    expect(validateForm(values({ timeoutSeconds: '0.5' })).timeoutSeconds).toBe(
      'Timeout must be from 1 to 300 seconds.',
    );
    expect(validateForm(values({ suggestionCount: 'three' })).suggestionCount).toBe(
      'Number of drafts must be a number from 1 to 3.',
    );
    expect(validateForm(values({ temperature: '' })).temperature).toBe(
      'Temperature must be a number from 0 to 2.',
    );
  });

  it('checks addresses, names and shortcuts', () => {
    expect(validateForm(values({ baseUrl: 'ftp://example.com' })).baseUrl).toMatch(/http:\/\/ or https:\/\//);
    expect(validateForm(values({ baseUrl: 'https://user:pw@example.com/v1' })).baseUrl).toMatch(
      /API key field/,
    );
    expect(validateForm(values({ model: '  ' })).model).toBe('Enter a model name.');
    expect(validateForm(values({ agentId: 'x'.repeat(201) })).agentId).toMatch(/under 200 characters/);
    expect(validateForm(values({ toggleWindow: 'Shift+Alt' })).toggleWindow).toMatch(/end with one key/);
    expect(validateForm(values({ toggleWindow: 'F9' })).toggleWindow).toBeUndefined();
    expect(validateForm(values({ toggleWindow: 'Ctrl+#' })).toggleWindow).toMatch(/joined by "\+"/);
  });

  it('turns edits into a patch main accepts, converting units and keeping untouched sections out', () => {
    const saved = defaultSettings();
    const patch = toPatch({ timeoutSeconds: '2.5', model: ' llama3.1 ', theme: 'dark' }, saved);
    expect(SettingsPatchSchema.safeParse(patch).success).toBe(true);
    expect(patch).toEqual({ theme: 'dark', llm: { ...saved.llm, timeoutMs: 2500, model: 'llama3.1' } });
    expect(patch).not.toHaveProperty('clipboard');
  });
});
