import type { SessionScore } from '../../../../shared/domain/cases';
import { verdictName } from '../../assist/model/labels';

/** The end of a replay: the overall score, per-turn results and what the trainee should work on. */
export function SessionSummary(props: { score: SessionScore; onAgain(): void; onPick(): void }) {
  const { score } = props;
  return (
    <section className="summary" aria-label="Session summary" data-testid="session-summary" tabIndex={-1}>
      <h2 className="summary__title">
        Overall <span data-testid="summary-overall">{Math.round(score.overall)}</span>/100
      </h2>
      <p>
        {score.trainee} · case {score.caseId}
      </p>
      <table className="summary__table">
        <thead>
          <tr>
            <th scope="col">Turn</th>
            <th scope="col">Score</th>
            <th scope="col">Policy</th>
            <th scope="col">Similarity</th>
          </tr>
        </thead>
        <tbody>
          {score.turns.map((t) => (
            <tr key={t.turn}>
              <td>{t.turn + 1}</td>
              <td>{Math.round(t.score)}</td>
              <td>{verdictName[t.verdict]}</td>
              <td>{Math.round(t.similarity * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>What to work on</h3>
      {score.workOn.length ? (
        <ul className="summary__work" data-testid="work-on">
          {score.workOn.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : (
        <p data-testid="work-on">Nothing stands out: well done.</p>
      )}
      <div className="summary__actions">
        <button type="button" className="button button--primary" onClick={props.onAgain}>
          Try this case again
        </button>
        <button type="button" className="button" onClick={props.onPick}>
          Pick another case
        </button>
      </div>
    </section>
  );
}
