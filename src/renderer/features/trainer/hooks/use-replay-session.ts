import { useCallback, useEffect, useState } from 'react';
import type { SessionScore, TrainingCase, TurnScore } from '../../../../shared/domain/cases';
import { errorMessage } from '../../../lib/ipc';
import type { TraineeAnswer } from '../components/trainee-reply';
import { customerTurnIndexes, delayBefore } from '../model/pacing';
import type { ReplaySpeed } from '../store/trainer-ui-store';
import { useFinishReplay, useScoreTurn } from './use-trainer-data';

export interface AnsweredTurn extends TraineeAnswer {
  timeToReplyMs: number;
  score: TurnScore;
}

const newSessionId = (): string => globalThis.crypto.randomUUID();

/**
 * One attempt at a case: which turns have arrived, the trainee's drafts and scored answers, and the
 * summary. Turns arrive on the case's own clock (1×, 2×) but the clock waits while a customer turn is
 * unanswered, as a customer waits for a reply; in step mode only "Next turn" advances.
 */
export function useReplaySession(c: TrainingCase, trainee: string, speed: ReplaySpeed) {
  const [sessionId, setSessionId] = useState(newSessionId);
  const [startedAt, setStartedAt] = useState(() => Date.now());
  const [shownAt, setShownAt] = useState<number[]>(() => [Date.now()]);
  const [answers, setAnswers] = useState<Record<number, AnsweredTurn>>({});
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [escalated, setEscalated] = useState<Record<number, boolean>>({});
  const [summary, setSummary] = useState<SessionScore | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scoreTurn = useScoreTurn();
  const finishReplay = useFinishReplay();

  const revealed = shownAt.length;
  const customerTurns = customerTurnIndexes(c.turns);
  const active = customerTurns.find((i) => i < revealed && !answers[i]) ?? null;
  const done = revealed >= c.turns.length;

  const next = useCallback(() => {
    setShownAt((s) => (s.length < c.turns.length ? [...s, Date.now()] : s));
  }, [c.turns.length]);

  const waiting = active !== null || summary !== null;
  const delay = done || waiting ? null : delayBefore(c.turns, revealed, speed);
  useEffect(() => {
    if (delay === null) return;
    const timer = setTimeout(next, delay);
    return () => clearTimeout(timer);
  }, [delay, next, revealed]);

  const submit = async (turn: number, answer: TraineeAnswer) => {
    setError(null);
    const timeToReplyMs = Math.max(0, Math.round(Date.now() - (shownAt[turn] ?? Date.now())));
    try {
      const score = await scoreTurn.mutateAsync({
        sessionId,
        caseId: c.id,
        trainee,
        turn,
        timeToReplyMs,
        ...answer,
      });
      setAnswers((a) => ({ ...a, [turn]: { ...answer, timeToReplyMs, score } }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const finish = async () => {
    setError(null);
    try {
      const score = await finishReplay.mutateAsync({
        sessionId,
        caseId: c.id,
        trainee,
        durationMs: Math.min(86_400_000, Date.now() - startedAt),
        answers: Object.entries(answers).map(([turn, a]) => ({
          turn: Number(turn),
          reply: a.reply,
          escalated: a.escalated,
          timeToReplyMs: a.timeToReplyMs,
          ...(a.intent ? { intent: a.intent } : {}),
        })),
      });
      setSummary(score);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const restart = () => {
    setSessionId(newSessionId());
    setStartedAt(Date.now());
    setShownAt([Date.now()]);
    setAnswers({});
    setDrafts({});
    setEscalated({});
    setSummary(null);
    setError(null);
  };

  return {
    sessionId,
    revealed,
    active,
    done,
    answers,
    summary,
    error,
    busy: scoreTurn.isPending || finishReplay.isPending,
    allAnswered: customerTurns.every((i) => answers[i]),
    draftOf: (turn: number) => drafts[turn] ?? '',
    setDraft: (turn: number, text: string) => setDrafts((d) => ({ ...d, [turn]: text })),
    escalatedOf: (turn: number) => escalated[turn] ?? false,
    setEscalated: (turn: number, v: boolean) => setEscalated((d) => ({ ...d, [turn]: v })),
    next,
    submit,
    finish,
    restart,
  };
}
