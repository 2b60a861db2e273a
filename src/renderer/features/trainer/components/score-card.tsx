import type { TurnScore } from '../../../../shared/domain/cases';
import { verdictName } from '../../assist/model/labels';
import { formatMs } from '../model/pacing';

const yesNo = (ok: boolean | null, right: string, wrong: string, none: string) =>
  ok === null ? (
    <span className="score__mark">{none}</span>
  ) : ok ? (
    <span className="score__mark score__mark--ok">✓ {right}</span>
  ) : (
    <span className="score__mark score__mark--bad">✗ {wrong}</span>
  );

/**
 * The gold reply and the trainee's side by side: words only in the gold reply are marked on the left,
 * words the trainee added on the right. Plain text nodes only.
 */
export function SideBySideDiff({ diff }: { diff: TurnScore['diff'] }) {
  return (
    <div className="diff" data-testid="score-diff">
      <div className="diff__col">
        <h4 className="diff__title">Model answer</h4>
        <p className="diff__text">
          {diff
            .filter((p) => p.kind !== 'added')
            .map((p, i) =>
              p.kind === 'removed' ? (
                <mark key={i} className="diff__removed" title="Missing from your reply">
                  {p.text}
                </mark>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
        </p>
      </div>
      <div className="diff__col">
        <h4 className="diff__title">Your reply</h4>
        <p className="diff__text">
          {diff
            .filter((p) => p.kind !== 'removed')
            .map((p, i) =>
              p.kind === 'added' ? (
                <mark key={i} className="diff__added" title="Not in the model answer">
                  {p.text}
                </mark>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
        </p>
      </div>
    </div>
  );
}

/** What the trainee got right and wrong on one customer turn, with the policy findings to learn from. */
export function ScoreCard({ score, expectedEscalation }: { score: TurnScore; expectedEscalation: boolean }) {
  return (
    <section
      className={`score score--${score.verdict}`}
      aria-label={`Score for turn ${score.turn + 1}`}
      data-testid="score-card"
      data-verdict={score.verdict}
    >
      <header className="score__head">
        <strong className="score__points">{Math.round(score.score)}/100</strong>
        <span className={`verdict verdict--${score.verdict}`} data-testid="score-verdict">
          Policy: {verdictName[score.verdict]}
        </span>
        <span>Similarity {Math.round(score.similarity * 100)}%</span>
        <span>Time to reply {formatMs(score.timeToReplyMs)}</span>
      </header>
      <ul className="score__facts">
        <li>Intent: {yesNo(score.intentCorrect, 'right', 'not what the customer asks', 'not marked')}</li>
        <li>
          Escalation:{' '}
          {yesNo(
            score.escalationCorrect,
            'right call',
            expectedEscalation ? 'this case needs a supervisor' : 'no supervisor needed here',
            '',
          )}
        </li>
        {score.mustNotSayHits.length ? (
          <li className="score__never" data-testid="must-not-say">
            Never say: {score.mustNotSayHits.map((h) => `“${h}”`).join(', ')}
          </li>
        ) : null}
      </ul>
      {score.findings.length ? (
        <ul className="findings" aria-label="Policy findings of your reply">
          {score.findings.map((f, i) => (
            <li key={`${f.rule}-${i}`} className="findings__item">
              <span className="findings__message">{f.message}</span>{' '}
              <code className="findings__rule">{f.rule}</code>
            </li>
          ))}
        </ul>
      ) : null}
      <SideBySideDiff diff={score.diff} />
    </section>
  );
}
