import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsService, SETTINGS_FILE } from '../../../src/main/settings/settings-service';
import {
  defaultSettings,
  SettingsPatchSchema,
  SettingsSchema,
  teamStoreUrlProblem,
} from '../../../src/shared/domain/settings';

describe('team store settings schema', () => {
  it('defaults to off with no address and a 500,000-event outbox', () => {
    expect(defaultSettings().teamStore).toEqual({ enabled: false, url: '', outboxCapacity: 500_000 });
  });

  it.each([
    ['postgres://ann@db.example.com:5432/tandem', null],
    ['postgresql://ann@127.0.0.1/tandem', null],
    ['', null],
    ['postgres://ann:s3cret@db.example.com/tandem', /Do not put the password in the address/],
    ['postgres://db.example.com/tandem', /Put your login before the host/],
    ['https://ann@db.example.com/tandem', /must start with postgres:\/\//],
    ['db.example.com', /postgres:\/\/LOGIN@HOST/],
  ])('checks the address %j', (url, expected) => {
    const problem = teamStoreUrlProblem(url);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('refuses a password in the URL in both the settings and the patch schema, without echoing it', () => {
    const url = 'postgres://ann:Hunter2-secret@db.example.com/tandem';
    for (const result of [
      SettingsSchema.safeParse({ teamStore: { url } }),
      SettingsPatchSchema.safeParse({ teamStore: { url } }),
    ]) {
      expect(result.success).toBe(false);
      const issue = result.error!.issues[0]!;
      expect(issue.path).toEqual(['teamStore', 'url']);
      expect(issue.message).not.toContain('Hunter2');
    }
  });

  it('bounds the outbox capacity', () => {
    expect(SettingsSchema.safeParse({ teamStore: { outboxCapacity: 10 } }).success).toBe(false);
    expect(SettingsSchema.safeParse({ teamStore: { outboxCapacity: 1.5 } }).success).toBe(false);
    expect(SettingsSchema.parse({ teamStore: { outboxCapacity: 2_000_000 } }).teamStore.outboxCapacity).toBe(
      2_000_000,
    );
  });
});

describe('team store settings in the settings service', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-team-settings-'));
    path = join(dir, SETTINGS_FILE);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const open = () => createSettingsService({ userDataDir: dir, now: () => new Date('2026-11-24T12:00:00Z') });

  it('opens a settings file written before the team store existed, keeping every other value', async () => {
    const old = {
      schemaVersion: 1,
      theme: 'dark',
      role: 'supervisor',
      identity: { agentId: 'ann', team: 'x' },
    };
    await writeFile(path, JSON.stringify(old));
    const service = await open();
    expect(service.notices()).toEqual([]);
    expect(service.get()).toMatchObject({ theme: 'dark', role: 'supervisor', identity: { agentId: 'ann' } });
    expect(service.get().teamStore).toEqual(defaultSettings().teamStore);
  });

  it('opens a pre-versioned (v0) file with the team store off', async () => {
    await writeFile(path, JSON.stringify({ theme: 'light', agentId: 'bob' }));
    const service = await open();
    expect(service.get().identity.agentId).toBe('bob');
    expect(service.get().teamStore.enabled).toBe(false);
  });

  it('a patch that only switches it on keeps the saved address and capacity', async () => {
    const service = await open();
    await service.update({ teamStore: { url: 'postgres://ann@db.example.com/t', outboxCapacity: 9000 } });
    await service.update({ teamStore: { enabled: true } });
    expect(service.get().teamStore).toEqual({
      enabled: true,
      url: 'postgres://ann@db.example.com/t',
      outboxCapacity: 9000,
    });
    const onDisk = JSON.parse(await readFile(path, 'utf8'));
    expect(onDisk.teamStore.url).toBe('postgres://ann@db.example.com/t');
  });

  it('refuses a URL with a password with a clear message and writes nothing of it to disk', async () => {
    const service = await open();
    await service.update({ teamStore: { url: 'postgres://ann@db.example.com/t' } });
    await expect(
      service.update({ teamStore: { url: 'postgres://ann:TopSecret9@db.example.com/t' } }),
    ).rejects.toMatchObject({
      code: 'invalid_payload',
      message: expect.stringMatching(/teamStore\.url: Do not put the password in the address/),
    });
    expect(service.get().teamStore.url).toBe('postgres://ann@db.example.com/t');
    expect(await readFile(path, 'utf8')).not.toContain('TopSecret9');
  });

  it('a hand-edited file with a password in the URL resets only the team store section', async () => {
    await writeFile(
      path,
      JSON.stringify({
        schemaVersion: 1,
        theme: 'dark',
        teamStore: { enabled: true, url: 'postgres://ann:pw@db.example.com/t' },
      }),
    );
    const service = await open();
    expect(service.get().theme).toBe('dark');
    expect(service.get().teamStore).toEqual(defaultSettings().teamStore);
    expect(service.notices()[0]?.message).toMatch(/reset to their defaults \(teamStore\)/);
  });
});
