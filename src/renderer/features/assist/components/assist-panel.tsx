import { useIsMutating } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import '../assist.css';
import type { AssistState } from '../../../../shared/contract/assist';
import { Banner } from '../../../ui/banner';
import { Kbd } from '../../../ui/kbd';
import {
  analyzeMutationKey,
  useAccept,
  useAnalyzeText,
  useAssistEvents,
  useAssistState,
  useClipboardStatus,
  useEscalate,
  useReject,
  useResetThread,
  useSetClipboardPaused,
} from '../hooks/use-assist-data';
import { useAssistKeys } from '../hooks/use-assist-keys';
import { useAssistUi } from '../store/assist-ui-store';
import { AssistHeader } from './assist-header';
import { DeliveryPicker } from './delivery-picker';
import { DraftEditor } from './draft-editor';
import { EscalationBanner } from './escalation-banner';
import { HintRow } from './hint-row';
import { MessageCard } from './message-card';
import { PasteBox } from './paste-box';
import { SuggestionCard } from './suggestion-card';
import { TicketContextCard } from './ticket-context-card';
import { TicketPicker } from './ticket-picker';
import { WhatWasSent } from './what-was-sent';

/**
 * The agent's live assist panel: the current customer message, what Tandem understood, whether to
 * escalate, and suggested replies to accept, edit or reject — all reachable from the keyboard.
 */
export function AssistPanel({ empty }: { empty: ReactNode }) {
  useAssistEvents();
  const stateQuery = useAssistState();
  const clipboard = useClipboardStatus();
  const analyzing = useIsMutating({ mutationKey: analyzeMutationKey }) > 0;
  const state = stateQuery.data ?? null;
  const ui = useAssistUi();
  const accept = useAccept();
  const reject = useReject();
  const escalate = useEscalate();
  const reset = useResetThread();
  const pause = useSetClipboardPaused();
  const retry = useAnalyzeText();
  const busy = accept.isPending || reject.isPending || escalate.isPending;
  const paused = clipboard.data ? clipboard.data.paused || !clipboard.data.enabled : false;

  const acceptAt = (index: number) => {
    const s = state?.suggestions[index];
    if (!state || !s || busy) return;
    if (s.policy.verdict === 'block' || s.incomplete) {
      ui.startEdit(s.id, s.text);
      return;
    }
    accept.mutate({ messageId: state.messageId, suggestionId: s.id, text: s.text, delivery: ui.delivery });
  };
  const doEscalate = () => {
    if (state && !busy) {
      escalate.mutate({
        messageId: state.messageId,
        delivery: ui.delivery === 'clipboard' || state.source !== 'ticket' ? 'clipboard' : 'internal_note',
      });
    }
  };
  useAssistKeys(
    {
      accept: acceptAt,
      edit: () => {
        const s = state?.suggestions.find((x) => !x.incomplete);
        if (s && !ui.editing) ui.startEdit(s.id, s.text);
      },
      escalate: doEscalate,
      cancel: () => {
        if (ui.editing) ui.stopEdit();
        else if (ui.rejecting) ui.setRejecting(null);
      },
    },
    state !== null,
  );

  return (
    <div className="assist" data-testid="assist-panel">
      <AssistHeader
        state={state}
        clipboard={clipboard.data}
        onTogglePause={() => pause.mutate(!paused)}
        onReset={() => reset.mutate()}
      />
      {paused ? (
        <Banner level="info">
          Clipboard watching is paused. Copied messages are not analysed until you resume;{' '}
          <Kbd accelerator="CommandOrControl+Shift+A" /> still analyses the clipboard on demand.
        </Banner>
      ) : null}
      {ui.failure ? (
        <Banner level="error" onDismiss={() => ui.setFailure(null)}>
          {ui.failure.message}{' '}
          {ui.failure.retryText ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => retry.mutate({ text: ui.failure!.retryText! })}
            >
              Retry
            </button>
          ) : null}
        </Banner>
      ) : null}
      {ui.ignoredReason && !state ? (
        <p className="assist__ignored" role="status">
          Not analysed: {ui.ignoredReason}.
        </p>
      ) : null}
      {stateQuery.isError ? (
        <Banner level="error">
          Tandem could not load the current message.{' '}
          <button type="button" className="button button--small" onClick={() => void stateQuery.refetch()}>
            Retry
          </button>
        </Banner>
      ) : null}
      {analyzing ? (
        <p className="assist__analysing" role="status" data-testid="analysing">
          Analysing…
        </p>
      ) : null}
      {state ? (
        <CurrentMessage
          state={state}
          busy={busy}
          onAccept={acceptAt}
          onEscalate={doEscalate}
          accept={accept}
          reject={reject}
        />
      ) : (
        empty
      )}
      {ui.status ? (
        <p
          className={`assist__status assist__status--${ui.status.kind}`}
          role={ui.status.kind === 'error' ? 'alert' : 'status'}
          data-testid="assist-status"
        >
          {ui.status.text}
        </p>
      ) : null}
      <TicketPicker />
      <PasteBox compact={state !== null} />
    </div>
  );
}

interface CurrentMessageProps {
  state: AssistState;
  busy: boolean;
  onAccept(index: number): void;
  onEscalate(): void;
  accept: ReturnType<typeof useAccept>;
  reject: ReturnType<typeof useReject>;
}

/** Everything about the message on screen; a stable component so the editor keeps focus while typing. */
function CurrentMessage(props: CurrentMessageProps) {
  const ui = useAssistUi();
  const { accept, reject } = props;
  const s = props.state;
  const editing = ui.editing;
  return (
    <>
      <MessageCard state={s} />
      {s.source === 'ticket' ? <TicketContextCard state={s} /> : null}
      <HintRow analysis={s.analysis} />
      <EscalationBanner state={s} busy={props.busy} onEscalate={props.onEscalate} />
      <LlmBadge state={s} />
      <DeliveryPicker fromTicket={s.source === 'ticket'} />
      {editing ? (
        <DraftEditor
          messageId={s.messageId}
          text={editing.text}
          busy={props.busy}
          onChange={ui.setDraft}
          onCancel={ui.stopEdit}
          onAccept={(text, override) =>
            accept.mutate({
              messageId: s.messageId,
              suggestionId: editing.suggestionId,
              text,
              delivery: ui.delivery,
              ...(override ? { override } : {}),
            })
          }
        />
      ) : null}
      <section className="suggestions" aria-label="Suggested replies">
        {s.suggestions.length === 0 ? (
          <p className="suggestions__none">
            No suggestion fits this message. Write your reply in the helpdesk.
          </p>
        ) : null}
        {s.suggestions.slice(0, 3).map((sg, i) => (
          <SuggestionCard
            key={sg.id}
            suggestion={sg}
            index={i}
            busy={props.busy}
            rejecting={ui.rejecting === sg.id}
            onAccept={() => props.onAccept(i)}
            onEdit={() => ui.startEdit(sg.id, sg.text)}
            onStartReject={() => ui.setRejecting(sg.id)}
            onCancelReject={() => ui.setRejecting(null)}
            onReject={(reason) =>
              reject.mutate({ messageId: s.messageId, suggestionId: sg.id, ...(reason ? { reason } : {}) })
            }
          />
        ))}
      </section>
      <WhatWasSent />
    </>
  );
}

function LlmBadge({ state }: { state: AssistState }) {
  const llm = state.llm;
  if (llm.state === 'off') return null;
  if (llm.state === 'streaming') {
    return (
      <p className="llm-status llm-status--streaming" role="status" data-testid="llm-status">
        Writing drafts{llm.model ? ` with ${llm.model}` : ''}… macro suggestions are ready below.
      </p>
    );
  }
  if (llm.state === 'fallback') {
    return (
      <p className="llm-status llm-status--fallback" role="status" data-testid="llm-status">
        Offline suggestions only{llm.reason ? `: ${llm.reason}` : ''}
      </p>
    );
  }
  return null;
}
