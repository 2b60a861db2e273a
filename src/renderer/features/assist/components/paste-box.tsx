import { useState } from 'react';
import { Kbd } from '../../../ui/kbd';
import { useAnalyzeText } from '../hooks/use-assist-data';

/**
 * The engine reads at most the head of a message (20,000 characters after cleaning), so a huge paste
 * is cut here, before it crosses IPC, with room to spare for quoted replies and markup that cleaning
 * removes. The panel still says the message was cut.
 */
export const PASTE_LIMIT = 200_000;

function cutPaste(text: string): { text: string; truncated: boolean } {
  if (text.length <= PASTE_LIMIT) return { text, truncated: false };
  const code = text.charCodeAt(PASTE_LIMIT - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? PASTE_LIMIT - 1 : PASTE_LIMIT;
  return { text: text.slice(0, end), truncated: true };
}

/** For messages that cannot be copied from a helpdesk (phone notes, chats): paste and analyse. */
export function PasteBox({ compact }: { compact: boolean }) {
  const [text, setText] = useState('');
  const analyze = useAnalyzeText();
  const submit = (newThread = false) => {
    if (!text.trim() || analyze.isPending) return;
    const cut = cutPaste(text);
    analyze.mutate(
      { text: cut.text, newThread, ...(cut.truncated ? { truncated: true } : {}) },
      { onSuccess: () => setText('') },
    );
  };
  return (
    <form
      className={`paste-box${compact ? ' paste-box--compact' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="paste-box" className="paste-box__label">
        Paste a customer message
      </label>
      <textarea
        id="paste-box"
        className="paste-box__textarea"
        value={text}
        rows={compact ? 2 : 5}
        placeholder="Paste the customer's message here…"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        data-testid="paste-box"
      />
      <div className="paste-box__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={!text.trim() || analyze.isPending}
          data-testid="analyze-paste"
        >
          {analyze.isPending ? 'Analysing…' : 'Analyse'} <Kbd accelerator="CommandOrControl+Enter" />
        </button>
        <button
          type="button"
          className="button button--ghost"
          disabled={!text.trim() || analyze.isPending}
          onClick={() => submit(true)}
        >
          New conversation
        </button>
      </div>
    </form>
  );
}
