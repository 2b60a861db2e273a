import { describe, expect, it } from 'vitest';
import { toFormValues, toPatch } from '../../../src/renderer/features/settings/model/form-values';
import { teamLogin, validateForm } from '../../../src/renderer/features/settings/model/validate';
import { defaultSettings, SettingsPatchSchema } from '../../../src/shared/domain/settings';

const values = (over: Partial<ReturnType<typeof toFormValues>> = {}) => ({
  ...toFormValues(defaultSettings()),
  ...over,
});

describe('team store form model', () => {
  it('has no errors while the team store is off and empty', () => {
    expect(validateForm(values())).toEqual({});
  });

  it('asks for an address once switched on, and reads the login from it', () => {
    expect(validateForm(values({ teamEnabled: true })).teamUrl).toMatch(/Enter the team store address/);
    expect(teamLogin('postgres://ann%40corp@db/t')).toBe('ann@corp');
    expect(teamLogin('nonsense')).toBeNull();
  });

  it("checks the agent's login against the agent ID, but not a supervisor's", () => {
    const url = 'postgres://sue@db.example.com/t';
    expect(validateForm(values({ teamEnabled: true, teamUrl: url })).teamUrl).toMatch(
      /must be your agent ID/,
    );
    expect(
      validateForm(values({ teamEnabled: true, teamUrl: url, role: 'supervisor' })).teamUrl,
    ).toBeUndefined();
    expect(validateForm(values({ teamEnabled: true, teamUrl: url, agentId: 'sue' })).teamUrl).toBeUndefined();
  });

  it('checks the outbox size against the shared bounds and the CA for PEM', () => {
    expect(validateForm(values({ teamOutboxCapacity: '999' })).teamOutboxCapacity).toBe(
      'Outbox size must be from 1000 to 50000000 events.',
    );
    expect(validateForm(values({ teamCaPem: 'hello' })).teamCaPem).toMatch(/PEM form/);
    expect(
      validateForm(values({ teamCaPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' }))
        .teamCaPem,
    ).toBeUndefined();
  });

  it('sends the whole section, and an emptied CA as an empty string so it is really removed', () => {
    const saved = { ...defaultSettings(), teamStore: { ...defaultSettings().teamStore, caPem: 'OLD' } };
    const patch = toPatch({ teamCaPem: '', teamUrl: ' postgres://agent@db/t ' }, saved);
    expect(patch).toEqual({
      teamStore: { enabled: false, url: 'postgres://agent@db/t', outboxCapacity: 500_000, caPem: '' },
    });
    expect(SettingsPatchSchema.safeParse(patch).success).toBe(true);
  });
});
