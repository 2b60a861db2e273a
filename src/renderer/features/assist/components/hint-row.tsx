import type { Analysis } from '../../../../shared/domain/analysis';
import { errorMessage, tandem, unwrap } from '../../../lib/ipc';
import { useAssistUi } from '../store/assist-ui-store';
import { chipEntities, entityLabel, intentName, percent, trackingUrl } from '../model/labels';

const sentimentName = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' } as const;

/** Intent, sentiment, churn risk and the entities the agent acts on, readable at a glance. */
export function HintRow({ analysis }: { analysis: Analysis }) {
  const { intent, sentiment, churnRisk } = analysis;
  return (
    <section className="hints" aria-label="What the customer wants">
      <div className="hints__row">
        <span
          className="chip chip--intent"
          data-testid="intent-chip"
          title={`Confidence ${percent(intent.confidence)}`}
        >
          {intentName(intent.label)} <span className="chip__meta">{percent(intent.confidence)}</span>
        </span>
        {intent.secondary.map((s) => (
          <span
            key={s.label}
            className="chip chip--secondary"
            title={`Also possible: ${percent(s.confidence)}`}
          >
            {intentName(s.label)} <span className="chip__meta">{percent(s.confidence)}</span>
          </span>
        ))}
        <span className={`chip chip--sentiment chip--${sentiment.label}`} data-testid="sentiment-chip">
          {sentimentName[sentiment.label]} <span className="chip__meta">{sentiment.score.toFixed(2)}</span>
        </span>
      </div>
      <details className={`churn churn--${churnRisk.level}`} data-testid="churn">
        <summary>
          <span className="churn__label">Churn risk</span>
          <meter
            className="churn__meter"
            min={0}
            max={100}
            low={34}
            high={67}
            optimum={0}
            value={churnRisk.score}
            aria-label={`Churn risk ${churnRisk.score} of 100`}
          />
          <span className="churn__value">
            {churnRisk.score} · {churnRisk.level}
          </span>
        </summary>
        {churnRisk.reasons.length ? (
          <ul className="churn__reasons">
            {churnRisk.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          <p className="churn__reasons">No warning signs.</p>
        )}
        {sentiment.markers.length ? (
          <p className="churn__markers">Frustration: {sentiment.markers.join(', ')}</p>
        ) : null}
      </details>
      <EntityChips analysis={analysis} />
    </section>
  );
}

function EntityChips({ analysis }: { analysis: Analysis }) {
  const setStatus = useAssistUi((s) => s.setStatus);
  const chips = chipEntities(analysis.entities);
  if (!chips.length) return null;
  const open = async (url: string) => {
    try {
      // Not Electron's shell.openExternal: a contract call; main opens only https links on its allow-list.
      const result = unwrap(await tandem().openExternal({ url })); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
      if (!result.opened)
        setStatus({ kind: 'error', text: 'That link is not on the list of sites Tandem opens.' });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  };
  return (
    <ul className="hints__entities" aria-label="Details found in the message">
      {chips.map((e) => {
        const url = trackingUrl(e);
        return (
          <li key={`${e.type}-${e.value}`} className="chip chip--entity">
            {url ? (
              <button
                type="button"
                className="button button--link"
                onClick={() => void open(url)}
                title={`Open ${url}`}
              >
                {entityLabel(e)} ↗
              </button>
            ) : (
              entityLabel(e)
            )}
          </li>
        );
      })}
    </ul>
  );
}
