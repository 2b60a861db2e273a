import { useState } from 'react';
import { Banner } from '../../../ui/banner';
import { intentName, percent, verdictName } from '../../assist/model/labels';
import { useLibraryEval } from '../hooks/use-trainer-data';

/**
 * Batch mode: the whole library through the engine, listing only where the copilot disagrees with a
 * case's expected labels or a gold reply fails the policy check (which means the case needs fixing).
 */
export function BatchView() {
  const [run, setRun] = useState(false);
  const result = useLibraryEval(run);
  const data = result.data;
  const disagreements =
    data?.cases.filter((c) => c.intentAgreement < 1 || !c.escalationAgrees || !c.goldRepliesPass) ?? [];
  return (
    <section className="batch" aria-label="Where the copilot disagrees">
      <p>
        Runs every case through the copilot and lists where it disagrees with the expected intent or
        escalation, and any gold reply the policy check does not pass.
      </p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => (run ? void result.refetch() : setRun(true))}
        disabled={result.isFetching}
        data-testid="run-batch"
      >
        {result.isFetching ? 'Running…' : data ? 'Run again' : 'Run the library'}
      </button>
      {result.isError ? <Banner level="error">The batch run failed: {result.error.message}</Banner> : null}
      {data ? (
        <>
          <p role="status" data-testid="batch-totals">
            {data.cases.length} cases · intent agreement {percent(data.intentAgreement)} · escalation
            agreement {percent(data.escalationAgreement)} · gold replies failing policy: {data.goldFailures}
          </p>
          {disagreements.length === 0 ? <p>The copilot agrees with every case.</p> : null}
          <table className="batch__table" data-testid="batch-table">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Intent</th>
                <th scope="col">Escalation</th>
                <th scope="col">Gold replies</th>
              </tr>
            </thead>
            <tbody>
              {disagreements.map((c) => (
                <tr key={c.caseId}>
                  <th scope="row">{c.title}</th>
                  <td>
                    {c.turns
                      .filter((t) => !t.intentAgrees)
                      .map((t) => (
                        <div key={t.turn}>
                          Turn {t.turn + 1}: copilot says {intentName(t.predictedIntent)} (
                          {percent(t.confidence)}), expected {t.expectedIntents.map(intentName).join(' or ')}
                        </div>
                      ))}
                  </td>
                  <td>
                    {c.escalationAgrees
                      ? 'Agrees'
                      : `Copilot ${c.engineEscalation ? 'escalates' : 'does not escalate'}, case expects ${c.expectedEscalation ? 'yes' : 'no'}`}
                  </td>
                  <td>
                    {c.turns
                      .filter((t) => t.goldVerdict !== 'pass' && t.goldVerdict !== 'info')
                      .map((t) => (
                        <div key={t.turn}>
                          Turn {t.turn + 1}: {verdictName[t.goldVerdict]} —{' '}
                          {t.goldFindings.map((f) => f.message).join('; ')}
                        </div>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
