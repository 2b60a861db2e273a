import { join } from 'node:path';
import type { trainerCalls } from '../../shared/contract/trainer';
import type { HistoryMessage } from '../../shared/domain/context';
import { AppError } from '../../shared/ipc/result';
import type { AssistFeature } from '../app/assist-feature';
import type { CoreContext } from '../app/core-context';
import type { FeatureHandlers } from '../app/handlers/types';
import type { EventStore } from '../events/event-store';
import { evaluateLibrary } from './case-eval';
import { caseFromThread } from './case-from-thread';
import { parseCaseImport } from './case-import';
import { checkReplayDraft, runReplayTurn, type ReplayCopilotDeps } from './replay-copilot';
import {
  formatReplayResults,
  readReplayResults,
  sessionCompletedEvent,
  turnScoredEvent,
} from './replay-results';
import { scoreSession, scoreTurn, type ReplyCheck } from './scoring';
import { summarize, TrainerLibrary } from './trainer-library';

/** The user's own cases live beside the settings, so they survive app updates. */
export const userCasesDir = (userDataDir: string): string => join(userDataDir, 'cases');

/**
 * The live thread's turns (already redacted by the assist service). The tracker is private to the
 * service; reading it here keeps the service's API unchanged for one trainer-only use.
 */
function liveThreadTurns(assist: AssistFeature): HistoryMessage[] {
  const service = assist.runtime.service as unknown as {
    threads?: { thread?: { turns?: HistoryMessage[] } | null };
  };
  return [...(service.threads?.thread?.turns ?? [])];
}

/**
 * The trainer's calls: the case library, replay of a case with the live copilot (outside the live
 * assist session), scoring with the real policy checker, and results kept as replay events so they
 * never pollute the live acceptance metrics.
 */
export function createTrainerHandlers(
  context: CoreContext,
  assist: AssistFeature,
  events: EventStore,
): FeatureHandlers<typeof trainerCalls> {
  const library = new TrainerLibrary(
    join(context.ports.resourcesDir, 'cases'),
    userCasesDir(context.ports.userDataDir),
  );
  const copilot: ReplayCopilotDeps = {
    analyze: (input) => assist.engine().analyze(input),
    suggest: (input, analysis) => assist.knowledge.suggester.suggest(input, analysis),
    check: (draft, ctx) => assist.knowledge.checker.check(draft, ctx),
  };
  const check: ReplyCheck = (reply, ctx) => assist.knowledge.checker.check(reply, ctx);
  const requireCase = async (id: string) => {
    const c = await library.get(id);
    if (!c) throw new AppError('not_found', `No training case "${id}". Reload the case list.`);
    return c;
  };
  const team = () => context.settings.get().identity.team;

  return {
    listCases: async () => {
      const lib = await library.load();
      return { cases: lib.cases.map(summarize), problems: lib.problems };
    },
    getCase: ({ id }) => requireCase(id),
    runReplayTurn: async ({ caseId, turn }) => runReplayTurn(await requireCase(caseId), turn, copilot),
    checkReplayDraft: async ({ caseId, turn, draft }) =>
      checkReplayDraft(await requireCase(caseId), turn, draft, copilot),
    scoreReplayTurn: async ({ sessionId, caseId, trainee, ...answer }) => {
      const c = await requireCase(caseId);
      if (c.turns[answer.turn]?.role !== 'customer') {
        throw new AppError(
          'invalid_payload',
          `Turn ${answer.turn} of "${caseId}" is not a customer message.`,
        );
      }
      const customerTurns = c.turns.flatMap((t, i) => (t.role === 'customer' ? [i] : []));
      const due =
        c.expected.escalation.required && (answer.turn === customerTurns.at(-1) || answer.escalated);
      const score = scoreTurn(c, answer, check, due);
      await events.record(
        turnScoredEvent({ sessionId, caseId, trainee, team: team() }, score, answer.intent),
      );
      return score;
    },
    finishReplay: async ({ sessionId, caseId, trainee, answers, durationMs }) => {
      const c = await requireCase(caseId);
      const score = scoreSession(c, { caseId, trainee, answers }, check);
      const spent = durationMs ?? answers.reduce((n, a) => n + (a.timeToReplyMs ?? 0), 0);
      await events.record(sessionCompletedEvent({ sessionId, caseId, trainee, team: team() }, score, spent));
      return score;
    },
    evalCaseLibrary: async () => {
      const lib = await library.load();
      return evaluateLibrary(
        lib.cases.map((c) => c.case),
        copilot,
      );
    },
    exportReplayResults: async ({ format, trainee, caseId }) => {
      const rows = await readReplayResults(events, {
        ...(trainee ? { trainee } : {}),
        ...(caseId ? { caseId } : {}),
      });
      return { text: formatReplayResults(rows, format), rows: rows.length };
    },
    importCases: async ({ text }) => {
      const parsed = parseCaseImport(text);
      const saved: string[] = [];
      for (const c of parsed.cases) saved.push((await library.save(c)).id);
      return { saved, problems: parsed.problems };
    },
    exportCase: async ({ id }) => ({ text: `${JSON.stringify(await requireCase(id), null, 2)}\n` }),
    createCaseFromThread: () => {
      const state = assist.runtime.service.state;
      if (!state) {
        throw new AppError(
          'invalid_state',
          'There is no conversation in the assist panel. Open or copy one first.',
        );
      }
      const engine = assist.engine();
      return caseFromThread(state, liveThreadTurns(assist), (text) => engine.redactText(text).text);
    },
    saveCase: async ({ case: c }) => ({ id: (await library.save(c)).id }),
  };
}
