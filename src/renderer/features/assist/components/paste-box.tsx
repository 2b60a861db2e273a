import { useState } from 'react';
import { Kbd } from '../../../ui/kbd';
import { useAnalyzeText } from '../hooks/use-assist-data';

/** For messages that cannot be copied from a helpdesk (phone notes, chats): paste and analyse. */
export function PasteBox({ compact }: { compact: boolean }) {
  const [text, setText] = useState('');
  const analyze = useAnalyzeText();
  const submit = (newThread = false) => {
    if (!text.trim() || analyze.isPending) return;
    analyze.mutate({ text, newThread }, { onSuccess: () => setText('') });
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
