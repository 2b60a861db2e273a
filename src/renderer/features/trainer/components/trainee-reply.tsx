import '../../../lib/zod-setup';
import { useState } from 'react';
import { DEFAULT_INTENTS } from '../../../../shared/domain/analysis';
import { Kbd } from '../../../ui/kbd';
import { FindingsList } from '../../assist/components/findings-list';
import { HighlightedText } from '../../assist/components/highlighted-text';
import { intentName, verdictName } from '../../assist/model/labels';
import { useReplayDraftCheck } from '../hooks/use-trainer-data';

export interface TraineeAnswer {
  reply: string;
  intent?: string;
  escalated: boolean;
}

export interface TraineeReplyProps {
  caseId: string;
  turn: number;
  draft: string;
  escalated: boolean;
  busy: boolean;
  onDraftChange(text: string): void;
  onEscalatedChange(value: boolean): void;
  onSubmit(answer: TraineeAnswer): void;
}

/**
 * The trainee's answer to a customer turn: their reply with the policy check running as they type
 * (as in the panel's editor), what they think the customer wants, and whether they would escalate.
 * Unlike the live editor a blocking finding does not stop the submit: the mistake is what gets scored.
 */
export function TraineeReply(props: TraineeReplyProps) {
  const check = useReplayDraftCheck(props.caseId, props.turn, props.draft);
  const [intent, setIntent] = useState('');
  const current = check.checkedText === props.draft ? check.result : null;
  const canSubmit = props.draft.trim().length > 0 && !props.busy;
  const submit = () => {
    if (!canSubmit) return;
    props.onSubmit({ reply: props.draft, escalated: props.escalated, ...(intent ? { intent } : {}) });
  };
  return (
    <section
      className="editor trainee"
      aria-label="Your reply"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <label className="editor__label" htmlFor="trainee-reply">
        Your reply to the customer
      </label>
      <textarea
        id="trainee-reply"
        className="editor__textarea"
        value={props.draft}
        onChange={(e) => props.onDraftChange(e.target.value)}
        rows={7}
        aria-describedby="trainee-findings"
        data-testid="trainee-reply"
        placeholder="Write your reply, or press Edit on a suggestion to start from it."
      />
      <div
        className="editor__check"
        data-testid="trainee-verdict"
        data-verdict={props.draft.trim() ? (current?.verdict ?? 'checking') : 'empty'}
        aria-live="polite"
      >
        {!props.draft.trim() ? null : current ? (
          <span className={`verdict verdict--${current.verdict}`}>{verdictName[current.verdict]}</span>
        ) : (
          <span className="verdict">Checking…</span>
        )}
        {check.error ? <span className="editor__error">The policy check failed: {check.error}</span> : null}
      </div>
      {current && current.findings.length && props.draft.trim() ? (
        <>
          <p className="editor__preview" aria-hidden="true">
            <HighlightedText text={props.draft} findings={current.findings} />
          </p>
          <FindingsList findings={current.findings} id="trainee-findings" />
        </>
      ) : null}
      <div className="trainee__choices">
        <label>
          The customer wants{' '}
          <select value={intent} onChange={(e) => setIntent(e.target.value)} data-testid="trainee-intent">
            <option value="">— choose —</option>
            {DEFAULT_INTENTS.map((i) => (
              <option key={i} value={i}>
                {intentName(i)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={props.escalated}
            onChange={(e) => props.onEscalatedChange(e.target.checked)}
            data-testid="trainee-escalate"
          />{' '}
          I would escalate to a supervisor
        </label>
      </div>
      <div className="editor__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!canSubmit}
          onClick={submit}
          data-testid="submit-reply"
          aria-keyshortcuts="Control+Enter"
        >
          Submit reply <Kbd accelerator="CommandOrControl+Enter" />
        </button>
      </div>
    </section>
  );
}
