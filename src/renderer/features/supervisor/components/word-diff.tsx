import { diffWords, type Change } from 'diff';
import { useMemo } from 'react';

export interface WordDiffProps {
  /** The suggestion as shown (redacted). */
  before: string;
  /** What the agent sent (redacted). */
  after: string;
}

/** Word-level changes from the suggestion to the sent text; `diff` handles the LCS so we do not. */
export function wordChanges(before: string, after: string): Change[] {
  return diffWords(before, after);
}

/**
 * The suggestion and the sent text side by side, removed words struck in the left column and added words
 * marked in the right. Every part is a text node: recorded texts came from customers and models and are
 * never parsed as HTML. The change is also announced in words (not only by colour) for screen readers.
 */
export function WordDiff({ before, after }: WordDiffProps) {
  const parts = useMemo(() => wordChanges(before, after), [before, after]);
  const unchanged = parts.every((p) => !p.added && !p.removed);
  return (
    <div className="sup-diff" data-testid="word-diff">
      <figure className="sup-diff__col">
        <figcaption className="sup-diff__caption">Suggested</figcaption>
        <p className="sup-diff__text" data-testid="diff-before">
          {parts.map((p, i) =>
            p.added ? null : p.removed ? (
              <del key={i} className="sup-diff__removed">
                <span className="visually-hidden">[removed: </span>
                {p.value}
                <span className="visually-hidden">]</span>
              </del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </p>
      </figure>
      <figure className="sup-diff__col">
        <figcaption className="sup-diff__caption">Sent</figcaption>
        <p className="sup-diff__text" data-testid="diff-after">
          {parts.map((p, i) =>
            p.removed ? null : p.added ? (
              <ins key={i} className="sup-diff__added">
                <span className="visually-hidden">[added: </span>
                {p.value}
                <span className="visually-hidden">]</span>
              </ins>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </p>
      </figure>
      {unchanged ? <p className="sup-diff__note text-muted">Sent exactly as suggested.</p> : null}
    </div>
  );
}
