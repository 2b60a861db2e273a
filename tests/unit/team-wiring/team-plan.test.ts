import { describe, expect, it } from 'vitest';
import { describeTeamError } from '../../../src/main/team-store/team-errors';
import { explainTeamError } from '../../../src/main/team-store/team-connection-test';
import { planTeamStore, teamStoreLabel } from '../../../src/main/team-store/team-feature';
import { defaultSettings, type Settings } from '../../../src/shared/domain/settings';

const settings = (over: {
  role?: Settings['role'];
  agentId?: string;
  teamStore?: Partial<Settings['teamStore']>;
}): Settings => {
  const base = defaultSettings();
  return {
    ...base,
    role: over.role ?? base.role,
    identity: { ...base.identity, agentId: over.agentId ?? 'ann' },
    teamStore: { ...base.teamStore, ...over.teamStore },
  };
};

describe('what the settings ask of the team store', () => {
  it('is off unless switched on, whatever the address', () => {
    expect(planTeamStore(settings({ teamStore: { url: 'postgres://ann@db/t' } }))).toEqual({ mode: 'off' });
  });

  it('ships for an agent whose login is the agent id, with the capacity and CA', () => {
    const plan = planTeamStore(
      settings({
        teamStore: {
          enabled: true,
          url: 'postgres://ann@db.example.com/t',
          outboxCapacity: 5000,
          caPem: 'PEM',
        },
      }),
    );
    expect(plan).toEqual({
      mode: 'ship',
      url: 'postgres://ann@db.example.com/t',
      agentId: 'ann',
      outboxCapacity: 5000,
      caPem: 'PEM',
    });
  });

  it('refuses, in words, an agent login that is not the agent id, and an empty address', () => {
    const wrong = planTeamStore(
      settings({ agentId: 'bob', teamStore: { enabled: true, url: 'postgres://ann@db/t' } }),
    );
    expect(wrong).toMatchObject({ mode: 'invalid', purpose: 'ship' });
    expect(wrong.mode === 'invalid' && wrong.reason).toMatch(/\("ann"\) must be your agent ID \("bob"\)/);
    expect(planTeamStore(settings({ teamStore: { enabled: true } }))).toMatchObject({
      mode: 'invalid',
      reason: 'The team store is on but has no address.',
    });
  });

  it('reads for a supervisor, whose login is not an agent id; an empty CA is no CA', () => {
    const plan = planTeamStore(
      settings({
        role: 'supervisor',
        teamStore: { enabled: true, url: 'postgres://sue@db.example.com:6432/team', caPem: '' },
      }),
    );
    expect(plan).toEqual({
      mode: 'read',
      url: 'postgres://sue@db.example.com:6432/team',
      label: 'team store (db.example.com:6432/team)',
    });
    expect(teamStoreLabel('not a url')).toBe('team store');
  });
});

describe('team store errors in words', () => {
  it('explains a server without TLS and an untrusted certificate', () => {
    expect(explainTeamError(new Error('The server does not support SSL connections'))).toMatch(
      /does not offer TLS.*loopback address/,
    );
    const cert = Object.assign(new Error('self-signed certificate in certificate chain'), {
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    expect(explainTeamError(cert)).toMatch(/certificate could not be verified.*CA certificate/);
  });

  it('the status line and Test connection say the same thing, in words, for network failures', () => {
    const err = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
    const cases: Array<[Error, RegExp, boolean]> = [
      [
        err('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED'),
        /nothing answers at that address \(ECONNREFUSED\)/,
        false,
      ],
      [err('getaddrinfo ENOTFOUND db.example', 'ENOTFOUND'), /host name is not known/, false],
      [
        err('terminating connection due to administrator command', '57P01'),
        /server closed the connection/,
        false,
      ],
      [err('Connection terminated due to connection timeout'), /did not answer in time/, false],
      [err('Connection terminated unexpectedly'), /connection to the team store was cut/, false],
      [err('password authentication failed for user "ann"', '28P01'), /refused the login/, true],
    ];
    for (const [error, words, permanent] of cases) {
      const described = describeTeamError(error);
      expect(described.reason).toMatch(words);
      expect(described.reason).not.toMatch(/^Team store unreachable: connect /);
      expect(described.permanent).toBe(permanent);
      expect(explainTeamError(error)).toBe(described.reason);
    }
  });

  it('never repeats a URL with its password', () => {
    const url = 'postgres://ann:pw-123456@db.example.com/t';
    const message = explainTeamError(new Error(`cannot reach ${url}`), url);
    expect(message).not.toContain('pw-123456');
  });
});
