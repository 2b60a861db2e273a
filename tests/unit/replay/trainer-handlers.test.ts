import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppCore, type AppCore } from '../../../src/main/app/create-app-core';
import { MemoryClipboard } from '../../../src/main/ports/clipboard';
import { RecordingNotifications } from '../../../src/main/ports/notifications';
import { MemorySecretStore } from '../../../src/main/ports/secret-store';
import type { SenderInfo } from '../../../src/main/ipc/trust';
import type { IpcRouter } from '../../../src/main/ipc/router';
import type { TandemEvent } from '../../../src/shared/domain/events';
import type { TrainingCase } from '../../../src/shared/domain/cases';
import { GOLD_REPLY_PLACEHOLDER } from '../../../src/main/replay/case-from-thread';

const APP_URL = 'http://127.0.0.1:5173/';
const sender: SenderInfo = { url: `${APP_URL}index.html`, isMainFrame: true };
const CASE = 'angry-vip-late-order';

describe('trainer handlers', () => {
  let dir: string;
  let core: AppCore;
  let router: IpcRouter;

  async function call<T>(name: string, payload?: unknown): Promise<T> {
    const result = await router.handle(name, payload, sender);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data as T;
  }
  async function fail(name: string, payload?: unknown) {
    const result = await router.handle(name, payload, sender);
    if (result.ok) throw new Error(`${name} should have failed`);
    return result.error;
  }
  const allEvents = async (): Promise<TandemEvent[]> =>
    (await core.events.listEvents({}, { includeReplay: true, limit: 500 })).events;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-trainer-'));
    core = await createAppCore({
      userDataDir: dir,
      resourcesDir: join(__dirname, '../../../resources'),
      clipboard: new MemoryClipboard(),
      secrets: new MemorySecretStore(),
      notifications: new RecordingNotifications(),
      shell: 'harness',
      appVersion: '1.2.3',
      platform: 'linux',
      openExternal: async () => {},
    });
    router = core.createRouter([APP_URL]);
  }, 60_000);
  afterAll(async () => {
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the shipped library without problems', async () => {
    const list = await call<{ cases: { id: string; customerTurns: number }[]; problems: unknown[] }>(
      'listCases',
    );
    expect(list.problems).toEqual([]);
    expect(list.cases.length).toBeGreaterThanOrEqual(25);
    expect(list.cases.find((c) => c.id === CASE)?.customerTurns).toBe(1);
  });

  it('replays a turn with the copilot without touching the live session or recording live events', async () => {
    const live = await call<{ messageId: string }>('analyzeText', {
      text: 'Hi, where is my order #10482? It was due last week.',
    });
    // The live record is written asynchronously: let it land before taking the snapshot.
    await vi.waitFor(async () => {
      expect((await allEvents()).some((e) => e.type === 'message_analyzed')).toBe(true);
    });
    const liveBefore = structuredClone(core.assist.runtime.service.state);
    const eventsBefore = (await allEvents()).length;

    const state = await call<{
      source: string;
      messageId: string;
      analysis: { escalation: { recommended: boolean } };
      suggestions: unknown[];
      customer?: { lifetimeValue?: number };
    }>('runReplayTurn', { caseId: CASE, turn: 0 });
    expect(state.source).toBe('replay');
    expect(state.messageId).not.toBe(live.messageId);
    expect(state.customer?.lifetimeValue).toBe(4820);
    expect(state.analysis.escalation.recommended).toBe(true);
    expect(state.suggestions.length).toBeGreaterThan(0);
    expect((state.analysis as Record<string, unknown>).restore).toBeUndefined();

    const draft = await call<{ verdict: string }>('checkReplayDraft', {
      caseId: CASE,
      turn: 0,
      draft: "I'll refund you today and add 50% off.",
    });
    expect(draft.verdict).toBe('block');

    expect(core.assist.runtime.service.state).toEqual(liveBefore);
    expect((await allEvents()).length).toBe(eventsBefore);
  });

  it('refuses a turn that is not a customer turn', async () => {
    const error = await fail('runReplayTurn', { caseId: CASE, turn: 5 });
    expect(error.code).toBe('invalid_payload');
    expect((await fail('getCase', { id: 'no-such-case' })).code).toBe('not_found');
  });

  it('scores a turn with the real checker and records replay events only', async () => {
    const score = await call<{
      verdict: string;
      mustNotSayHits: string[];
      findings: { rule: string }[];
      escalationCorrect: boolean;
    }>('scoreReplayTurn', {
      sessionId: 's-1',
      caseId: CASE,
      trainee: 'ana',
      turn: 0,
      reply: "I'll refund you today and add 50% off.",
      intent: 'delivery_problem',
      escalated: false,
      timeToReplyMs: 30_000,
    });
    expect(score.verdict).toBe('block');
    expect(score.findings.length).toBeGreaterThan(0);
    expect(score.mustNotSayHits).toContain('50%');
    expect(score.escalationCorrect).toBe(false);

    const session = await call<{ overall: number; workOn: string[] }>('finishReplay', {
      sessionId: 's-1',
      caseId: CASE,
      trainee: 'ana',
      answers: [
        { turn: 0, reply: "I'll refund you today and add 50% off.", escalated: false, timeToReplyMs: 30_000 },
      ],
    });
    expect(session.overall).toBeLessThan(50);
    expect(session.workOn.join(' ')).toContain('supervisor');

    const all = await allEvents();
    const replay = all.filter((e) => e.source === 'replay');
    expect(replay.map((e) => e.type).sort()).toEqual(['replay_session_completed', 'replay_turn_scored']);
    expect(replay[0]).toMatchObject({ agentId: 'ana', threadId: 's-1' });
    // Everything about the session is a replay event; nothing live was added for it.
    expect(all.filter((e) => e.threadId === 's-1' && e.source !== 'replay')).toEqual([]);
    expect(all.filter((e) => e.source !== 'replay' && e.type.startsWith('replay_'))).toEqual([]);
    const live = await core.events.getMetrics({});
    expect(JSON.stringify(live)).not.toContain('replay_turn_scored');

    const csv = await call<{ text: string; rows: number }>('exportReplayResults', {
      format: 'csv',
      trainee: 'ana',
    });
    expect(csv.rows).toBe(2);
    expect(csv.text.split('\r\n')[0]).toContain('trainee,team,caseId');
    expect(csv.text).toContain(`ana,`);
    const none = await call<{ rows: number }>('exportReplayResults', { format: 'json', trainee: 'bob' });
    expect(none.rows).toBe(0);
    const byCase = await call<{ text: string }>('exportReplayResults', { format: 'json', caseId: CASE });
    expect(JSON.parse(byCase.text)).toHaveLength(2);
  });

  it('imports good cases into the user folder and rejects a broken one with its path', async () => {
    const good = JSON.parse((await call<{ text: string }>('exportCase', { id: CASE })).text) as TrainingCase;
    const mine = { ...good, id: 'my-own-case', title: 'My own case' };
    const broken = {
      ...good,
      id: 'broken-case',
      turns: [{ role: 'customer', text: 'Hello', offsetSeconds: 0 }],
    };
    const result = await call<{
      saved: string[];
      problems: { file: string; path: string; message: string }[];
    }>('importCases', { text: JSON.stringify([mine, broken]) });
    expect(result.saved).toEqual(['my-own-case']);
    expect(result.problems).toEqual([
      {
        file: 'imported text',
        path: '1.turns.0.goldReply',
        message: 'Every customer turn needs a gold reply',
      },
    ]);
    expect(await readdir(join(dir, 'cases'))).toEqual(['my-own-case.json']);
    const list = await call<{ cases: { id: string; location: string }[] }>('listCases');
    expect(list.cases.find((c) => c.id === 'my-own-case')?.location).toBe('user');
    expect(list.cases.some((c) => c.id === 'broken-case')).toBe(false);

    const notJson = await call<{ saved: string[]; problems: { message: string }[] }>('importCases', {
      text: '{ nope',
    });
    expect(notJson.saved).toEqual([]);
    expect(notJson.problems[0]?.message).toMatch(/Not valid JSON/);
  });

  it('drafts a case from the live thread with the e-mail and card number redacted', async () => {
    await call('analyzeText', {
      text: 'My card 4111 1111 1111 1111 was charged twice for order #20931, write to me at jane.doe@example.com please!',
      newThread: true,
    });
    const draft = await call<TrainingCase>('createCaseFromThread');
    const text = JSON.stringify(draft);
    expect(text).not.toContain('jane.doe@example.com');
    expect(text).not.toContain('4111 1111 1111 1111');
    expect(text).not.toMatch(/4111\s?1111/);
    expect(draft.origin).toBe('captured');
    expect(draft.turns[0]?.goldReply).toBe(GOLD_REPLY_PLACEHOLDER);
    const saved = await call<{ id: string }>('saveCase', { case: { ...draft, title: 'Double charge' } });
    const file = JSON.parse(await readFile(join(dir, 'cases', `${saved.id}.json`), 'utf8')) as TrainingCase;
    expect(file.title).toBe('Double charge');
    const bad = await fail('saveCase', { case: { ...draft, id: 'Bad Id' } });
    expect(bad.code).toBe('invalid_payload');
  });

  it('runs the whole merged library (shipped and user cases) through the engine for the batch view', async () => {
    const list = await call<{ cases: { id: string }[] }>('listCases');
    const result = await call<{
      cases: { caseId: string; goldRepliesPass: boolean; turns: { predictedIntent: string }[] }[];
      goldFailures: number;
    }>('evalCaseLibrary');
    expect(result.cases.map((c) => c.caseId).sort()).toEqual(list.cases.map((c) => c.id).sort());
    expect(result.cases.map((c) => c.caseId)).toContain('my-own-case');
    expect(result.goldFailures).toBe(result.cases.filter((c) => !c.goldRepliesPass).length);
    expect(result.cases.every((c) => c.turns.every((t) => t.predictedIntent.length > 0))).toBe(true);
  });
});
