import { useState } from 'react';
import type { Suggestion } from '../../../../shared/domain/suggestion';
import { Kbd } from '../../../ui/kbd';
import { percent, verdictName } from '../model/labels';
import { FindingsList } from './findings-list';
import { HighlightedText } from './highlighted-text';

export interface SuggestionCardProps {
  suggestion: Suggestion;
  index: number;
  busy: boolean;
  rejecting: boolean;
  onAccept(): void;
  onEdit(): void;
  onStartReject(): void;
  onReject(reason: string | undefined): void;
  onCancelReject(): void;
}

function sourceBadge(s: Suggestion): { text: string; className: string } {
  if (s.source === 'llm') {
    return s.incomplete
      ? { text: 'Draft · writing…', className: 'badge badge--streaming' }
      : { text: `Draft${s.model ? ` · ${s.model}` : ''}`, className: 'badge badge--llm' };
  }
  return { text: 'Macro', className: 'badge badge--offline' };
}

/**
 * One suggested reply with its policy verdict. Accept is disabled while the check blocks it or the
 * draft is still being written: the agent edits, or overrides with a reason in the editor.
 */
export function SuggestionCard(props: SuggestionCardProps) {
  const { suggestion: s, index } = props;
  const n = index + 1;
  const blocked = s.policy.verdict === 'block';
  const acceptable = !blocked && !s.incomplete;
  const badge = sourceBadge(s);
  const findingsId = `suggestion-${index}-findings`;
  return (
    <article
      className={`suggestion suggestion--${s.policy.verdict}`}
      aria-label={`Suggestion ${n}`}
      data-testid={`suggestion-${n}`}
      data-verdict={s.policy.verdict}
    >
      <header className="suggestion__head">
        <span className="suggestion__number" aria-hidden="true">
          {n}
        </span>
        <span className={badge.className}>{badge.text}</span>
        <span className="suggestion__confidence" title="How well this reply fits the message">
          {percent(s.confidence)} fit
        </span>
        <span className={`verdict verdict--${s.policy.verdict}`}>{verdictName[s.policy.verdict]}</span>
      </header>
      <p className="suggestion__text" aria-describedby={s.policy.findings.length ? findingsId : undefined}>
        <HighlightedText text={s.text} findings={s.policy.findings} />
      </p>
      <FindingsList findings={s.policy.findings} id={findingsId} />
      {props.rejecting ? (
        <RejectForm onReject={props.onReject} onCancel={props.onCancelReject} busy={props.busy} />
      ) : (
        <div className="suggestion__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!acceptable || props.busy}
            onClick={props.onAccept}
            aria-keyshortcuts={String(n)}
          >
            Accept <Kbd accelerator={String(n)} />
          </button>
          <button
            type="button"
            className="button"
            onClick={props.onEdit}
            disabled={s.incomplete}
            aria-keyshortcuts={index === 0 ? 'E' : undefined}
          >
            Edit{index === 0 ? <Kbd accelerator="E" /> : null}
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={props.onStartReject}
            disabled={props.busy}
          >
            Reject
          </button>
          {blocked ? (
            <span className="suggestion__hint">Edit to fix it, or override with a reason.</span>
          ) : null}
        </div>
      )}
    </article>
  );
}

const REASONS = ['Wrong intent', 'Policy problem', 'Wrong facts', 'Tone', 'Too long'];

function RejectForm(props: { busy: boolean; onReject(reason: string | undefined): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="reject-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onReject(reason.trim() || undefined);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <label className="reject-form__label">
        Why? (optional)
        <input
          list="reject-reasons"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          autoFocus
        />
      </label>
      <datalist id="reject-reasons">
        {REASONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <button type="submit" className="button" disabled={props.busy}>
        Reject
      </button>
      <button type="button" className="button button--ghost" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}
