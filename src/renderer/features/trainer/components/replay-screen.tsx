import { useEffect } from 'react';
import type { TrainingCase } from '../../../../shared/domain/cases';
import { Banner } from '../../../ui/banner';
import { Kbd } from '../../../ui/kbd';
import { useReplaySession } from '../hooks/use-replay-session';
import { useReplayTurn } from '../hooks/use-trainer-data';
import { useTrainerUi, type ReplaySpeed } from '../store/trainer-ui-store';
import { ReplayCopilot } from './replay-copilot';
import { ScoreCard } from './score-card';
import { SessionSummary } from './session-summary';
import { TraineeReply } from './trainee-reply';

const SPEEDS: { id: ReplaySpeed; label: string }[] = [
  { id: '1x', label: '1×' },
  { id: '2x', label: '2×' },
  { id: 'step', label: 'Step' },
];

const roleName = { customer: 'Customer', agent: 'Agent', note: 'Internal note' } as const;

/** Typing keys in a field must never advance the replay. */
const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * A replay of one case: turns arrive in order, the copilot assists on each customer turn, the trainee
 * answers and sees the score card; the summary closes the session. N (or "Next turn") steps ahead.
 */
export function ReplayScreen({ c, visible }: { c: TrainingCase; visible: boolean }) {
  const ui = useTrainerUi();
  const session = useReplaySession(c, ui.trainee, ui.speed);
  const { next } = session;
  useEffect(() => {
    if (!visible) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'n' || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      e.preventDefault();
      next();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next, visible]);

  if (session.summary) {
    return !visible ? null : (
      <SessionSummary score={session.summary} onAgain={session.restart} onPick={() => ui.setTab('cases')} />
    );
  }
  return (
    <div className="replay" data-testid="replay-screen" hidden={!visible}>
      <header className="replay__bar">
        <h2 className="replay__title">{c.title}</h2>
        <fieldset className="replay__speed">
          <legend className="visually-hidden">Pacing</legend>
          {SPEEDS.map((s) => (
            <label key={s.id} className={`segmented${ui.speed === s.id ? ' segmented--on' : ''}`}>
              <input
                type="radio"
                name="replay-speed"
                value={s.id}
                checked={ui.speed === s.id}
                onChange={() => ui.setSpeed(s.id)}
                data-testid={`speed-${s.id}`}
              />
              {s.label}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          className="button"
          onClick={next}
          disabled={session.done}
          data-testid="next-turn"
          aria-keyshortcuts="N"
        >
          Next turn <Kbd accelerator="N" />
        </button>
        <span className="replay__progress" role="status">
          Turn {Math.min(session.revealed, c.turns.length)} of {c.turns.length}
        </span>
        <button
          type="button"
          className={`button${session.done && session.allAnswered ? ' button--primary' : ''}`}
          onClick={() => void session.finish()}
          disabled={session.busy}
          data-testid="finish-replay"
        >
          Finish and see summary
        </button>
      </header>
      {session.error ? <Banner level="error">{session.error}</Banner> : null}
      <ol className="replay__turns" aria-label="Conversation">
        {c.turns.slice(0, session.revealed).map((t, i) => (
          <li key={i} className={`turn turn--${t.role}`} data-testid={`turn-${i}`}>
            <span className="turn__role">{roleName[t.role]}</span>
            {t.role === 'customer' ? (
              <CustomerTurn c={c} turn={i} session={session} keys={visible && session.active === i} />
            ) : (
              <p className="turn__text">{t.text}</p>
            )}
          </li>
        ))}
      </ol>
      {!session.done && session.active === null ? (
        <p className="replay__waiting" role="status">
          {ui.speed === 'step'
            ? 'Press N for the next turn.'
            : 'The next message is on its way… (N to skip the wait)'}
        </p>
      ) : null}
      {session.done && session.allAnswered ? (
        <p className="replay__waiting" role="status">
          That was the last turn. Finish to see your summary.
        </p>
      ) : null}
    </div>
  );
}

function CustomerTurn({
  c,
  turn,
  session,
  keys,
}: {
  c: TrainingCase;
  turn: number;
  session: ReturnType<typeof useReplaySession>;
  keys: boolean;
}) {
  const answered = session.answers[turn];
  const state = useReplayTurn(c.id, turn);
  if (answered) {
    return (
      <>
        <p className="turn__text">{c.turns[turn]!.text}</p>
        <p className="turn__reply">
          <span className="turn__role">Your reply</span> {answered.reply}
        </p>
        <ScoreCard score={answered.score} expectedEscalation={c.expected.escalation.required} />
      </>
    );
  }
  if (state.isError) {
    return (
      <Banner level="error">
        The copilot could not run on this turn: {state.error.message}{' '}
        <button type="button" className="button button--small" onClick={() => void state.refetch()}>
          Retry
        </button>
      </Banner>
    );
  }
  if (!state.data) return <p role="status">Analysing…</p>;
  return (
    <div className="replay__active">
      <ReplayCopilot
        state={state.data}
        busy={session.busy}
        onUseSuggestion={(text) => session.setDraft(turn, text)}
        onEscalate={() => session.setEscalated(turn, true)}
        keys={keys}
      />
      <TraineeReply
        caseId={c.id}
        turn={turn}
        draft={session.draftOf(turn)}
        escalated={session.escalatedOf(turn)}
        busy={session.busy}
        onDraftChange={(text) => session.setDraft(turn, text)}
        onEscalatedChange={(v) => session.setEscalated(turn, v)}
        onSubmit={(answer) => void session.submit(turn, answer)}
      />
    </div>
  );
}
