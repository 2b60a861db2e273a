import { useState } from 'react';
import type { TrainingCase } from '../../../../shared/domain/cases';
import { Banner } from '../../../ui/banner';
import { useSaveCase } from '../hooks/use-trainer-data';

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const commas = (text: string): string[] =>
  text
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);

/** A gold reply still holding the capture's placeholder: saving it would teach nothing. */
const isPlaceholder = (text: string | undefined): boolean => !!text && text.startsWith('[Write the reply');

/**
 * The captured case as the trainer reviews it: every text is editable (the redaction is automatic but
 * the trainer is the last check), gold replies to write, and the expected labels. Main validates on save.
 */
export function CaseReview({ draft, onDone }: { draft: TrainingCase; onDone(): void }) {
  const [c, setC] = useState(draft);
  const [tags, setTags] = useState(draft.tags.join(', '));
  const [intents, setIntents] = useState(draft.expected.intents.join(', '));
  const [rubric, setRubric] = useState(draft.rubric.join('\n'));
  const [never, setNever] = useState(draft.mustNotSay.join('\n'));
  const save = useSaveCase();
  const setTurn = (i: number, patch: Partial<TrainingCase['turns'][number]>) =>
    setC((x) => ({ ...x, turns: x.turns.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
  const placeholders = c.turns.filter((t) => isPlaceholder(t.goldReply)).length;
  const submit = () =>
    save.mutate({
      ...c,
      tags: commas(tags),
      rubric: lines(rubric),
      mustNotSay: lines(never),
      expected: { ...c.expected, intents: commas(intents) },
    });
  return (
    <form
      className="case-review"
      aria-label="Review the captured case"
      data-testid="case-review"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p>Personal data was replaced with placeholders such as [EMAIL] and [CARD]. Check every text below.</p>
      <label className="field">
        Title
        <input
          value={c.title}
          onChange={(e) => setC({ ...c, title: e.target.value })}
          data-testid="review-title"
        />
      </label>
      <label className="field">
        Id (lowercase letters, digits, dashes)
        <input value={c.id} onChange={(e) => setC({ ...c, id: e.target.value })} />
      </label>
      <label className="field">
        Difficulty{' '}
        <select
          value={c.difficulty}
          onChange={(e) => setC({ ...c, difficulty: e.target.value as TrainingCase['difficulty'] })}
        >
          <option value="easy">Easy</option>
          <option value="medium">Medium</option>
          <option value="hard">Hard</option>
        </select>
      </label>
      <label className="field">
        Tags (comma separated)
        <input value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      <ol className="case-review__turns">
        {c.turns.map((t, i) => (
          <li key={i}>
            <label className="field">
              {t.role === 'customer' ? 'Customer' : t.role === 'agent' ? 'Agent' : 'Note'} (at{' '}
              {t.offsetSeconds} s)
              <textarea
                rows={3}
                value={t.text}
                onChange={(e) => setTurn(i, { text: e.target.value })}
                data-testid={`review-turn-${i}`}
              />
            </label>
            {t.role === 'customer' ? (
              <label className="field">
                Gold reply{isPlaceholder(t.goldReply) ? ' (to write)' : ''}
                <textarea
                  rows={3}
                  value={t.goldReply ?? ''}
                  onChange={(e) => setTurn(i, { goldReply: e.target.value })}
                />
              </label>
            ) : null}
          </li>
        ))}
      </ol>
      <label className="field">
        Expected intents (comma separated)
        <input value={intents} onChange={(e) => setIntents(e.target.value)} />
      </label>
      <label>
        <input
          type="checkbox"
          checked={c.expected.escalation.required}
          onChange={(e) =>
            setC({
              ...c,
              expected: {
                ...c.expected,
                escalation: { ...c.expected.escalation, required: e.target.checked },
              },
            })
          }
        />{' '}
        A supervisor must take this case
      </label>
      <label className="field">
        Rubric notes (one a line)
        <textarea rows={3} value={rubric} onChange={(e) => setRubric(e.target.value)} />
      </label>
      <label className="field">
        Must never say (one a line)
        <textarea rows={2} value={never} onChange={(e) => setNever(e.target.value)} />
      </label>
      {placeholders ? (
        <Banner level="warning">
          {placeholders} gold reply(ies) still to write before this case is useful.
        </Banner>
      ) : null}
      {save.isError ? <Banner level="error">Not saved: {save.error.message}</Banner> : null}
      {save.data ? (
        <p role="status" data-testid="review-saved">
          Saved as {save.data.id}. It is in the case list now.
        </p>
      ) : null}
      <div className="editor__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={save.isPending}
          data-testid="save-case"
        >
          Save case
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          Discard
        </button>
      </div>
    </form>
  );
}
