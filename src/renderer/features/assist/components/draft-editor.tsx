import { useState } from 'react';
import type { PolicyResult } from '../../../../shared/domain/policy';
import { Kbd } from '../../../ui/kbd';
import { useDraftCheck } from '../hooks/use-draft-check';
import { verdictName } from '../model/labels';
import { FindingsList } from './findings-list';
import { HighlightedText } from './highlighted-text';

export interface DraftEditorProps {
  messageId: string;
  text: string;
  busy: boolean;
  onChange(text: string): void;
  onAccept(text: string, override?: { ruleIds: string[]; reason: string }): void;
  onCancel(): void;
}

const blockingRules = (result: PolicyResult | null): string[] => [
  ...new Set(result?.findings.filter((f) => f.severity === 'block').map((f) => f.rule) ?? []),
];

/**
 * The agent's edit of a suggestion, with the policy check re-run on every keystroke. A blocking
 * finding disables Accept until it is fixed, or until the agent overrides it with a reason, which
 * is recorded for supervisors.
 */
export function DraftEditor(props: DraftEditorProps) {
  const check = useDraftCheck(props.text, props.messageId);
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const current = check.checkedText === props.text ? check.result : null;
  const blocking = blockingRules(current);
  const overrideReady = overriding && reason.trim().length >= 3;
  const canAccept =
    current !== null &&
    props.text.trim().length > 0 &&
    (blocking.length === 0 || overrideReady) &&
    !props.busy;
  const accept = () => {
    if (!canAccept) return;
    props.onAccept(props.text, blocking.length ? { ruleIds: blocking, reason: reason.trim() } : undefined);
  };
  return (
    <section
      className="editor"
      aria-label="Edit reply"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          accept();
        }
      }}
    >
      <label className="editor__label" htmlFor="draft-editor">
        Your reply
      </label>
      <textarea
        id="draft-editor"
        className="editor__textarea"
        value={props.text}
        onChange={(e) => props.onChange(e.target.value)}
        rows={8}
        autoFocus
        aria-describedby="draft-findings"
        data-testid="draft-editor"
      />
      <div
        className="editor__check"
        data-testid="draft-verdict"
        data-verdict={current?.verdict ?? 'checking'}
        aria-live="polite"
      >
        {current ? (
          <span className={`verdict verdict--${current.verdict}`}>{verdictName[current.verdict]}</span>
        ) : (
          <span className="verdict">Checking…</span>
        )}
        {check.error ? <span className="editor__error">The policy check failed: {check.error}</span> : null}
      </div>
      {current && current.findings.length ? (
        <>
          <p className="editor__preview" aria-hidden="true">
            <HighlightedText text={props.text} findings={current.findings} />
          </p>
          <FindingsList findings={current.findings} id="draft-findings" />
        </>
      ) : null}
      {blocking.length ? (
        <div className="editor__override">
          <label>
            <input
              type="checkbox"
              checked={overriding}
              onChange={(e) => setOverriding(e.target.checked)}
              data-testid="override-toggle"
            />{' '}
            Override the policy check
          </label>
          {overriding ? (
            <label className="editor__reason">
              Reason (recorded for your supervisor)
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={500}
                data-testid="override-reason"
                placeholder="e.g. Approved by my supervisor on the call"
              />
            </label>
          ) : null}
        </div>
      ) : null}
      <div className="editor__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!canAccept}
          onClick={accept}
          data-testid="accept-edit"
          aria-keyshortcuts="Control+Enter"
        >
          {blocking.length && overrideReady ? 'Override and accept' : 'Accept'}{' '}
          <Kbd accelerator="CommandOrControl+Enter" />
        </button>
        <button type="button" className="button button--ghost" onClick={props.onCancel}>
          Cancel <Kbd accelerator="Esc" />
        </button>
      </div>
    </section>
  );
}
