import { useMutation } from '@tanstack/react-query';
import type { LlmConnectionOverrides, LlmConnectionTest } from '../../../../shared/contract/llm';
import { errorMessage, tandem, unwrap } from '../../../lib/ipc';
import type { FormValues } from '../model/form-values';

const MAX_MODELS_SHOWN = 12;

/**
 * The unsaved form values as overrides, so "Test connection" tries what the user typed before they save.
 * Fields that do not parse are left out and main uses the saved value instead.
 */
export function connectionOverrides(values: FormValues): LlmConnectionOverrides {
  const out: LlmConnectionOverrides = { preset: values.preset };
  const baseUrl = values.baseUrl.trim();
  if (baseUrl && baseUrl.length <= 2000) out.baseUrl = baseUrl;
  const model = values.model.trim();
  if (model && model.length <= 200) out.model = model;
  const seconds = Number(values.timeoutSeconds);
  if (Number.isFinite(seconds) && seconds >= 1 && seconds <= 300) out.timeoutMs = Math.round(seconds * 1000);
  if (values.preset === 'azure' && values.apiVersion.trim())
    out.apiVersion = values.apiVersion.trim().slice(0, 50);
  return out;
}

/**
 * Tries the endpoint with the values on screen (the key stays in main) and says in plain words what
 * happened, how long it took, and whether the chosen model is offered.
 */
export function LlmTestConnection({ values }: { values: FormValues }) {
  const test = useMutation({
    mutationFn: async (overrides: LlmConnectionOverrides): Promise<LlmConnectionTest> =>
      unwrap(await tandem().testLlmConnection(overrides)),
  });
  const result = test.data;
  return (
    <div className="llm-test" data-testid="llm-test">
      <div className="button-row button-row--start">
        <button
          type="button"
          className="button"
          disabled={test.isPending}
          aria-describedby="llm-test-result"
          onClick={() => test.mutate(connectionOverrides(values))}
        >
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <div id="llm-test-result" role="status" aria-live="polite" data-testid="llm-test-result">
        {test.isPending ? <p className="status-line">Contacting {values.baseUrl || 'the server'}…</p> : null}
        {test.isError ? (
          <p className="text-error">The test could not run: {errorMessage(test.error)}</p>
        ) : null}
        {result && !test.isPending ? <TestResult result={result} model={values.model.trim()} /> : null}
      </div>
    </div>
  );
}

function TestResult({ result, model }: { result: LlmConnectionTest; model: string }) {
  const models = result.models ?? [];
  return (
    <div data-ok={result.ok} data-testid="llm-test-outcome">
      <p className={result.ok ? 'status-line' : 'text-error'}>
        <span className={`badge ${result.ok ? 'badge--ok' : 'badge--muted'}`}>
          {result.ok ? 'Connected' : 'Failed'}
        </span>{' '}
        {result.message} <span className="llm-test__latency">({Math.round(result.latencyMs)} ms)</span>
      </p>
      {result.modelAvailable === true ? (
        <p className="status-line">The model “{model}” is available.</p>
      ) : result.modelAvailable === false ? (
        <p className="text-error">The model “{model}” is not offered by this server. Pick one below.</p>
      ) : null}
      {models.length > 0 ? (
        <details>
          <summary>
            {models.length} model{models.length === 1 ? '' : 's'} offered
          </summary>
          <ul className="llm-test__models" aria-label="Models offered">
            {models.slice(0, MAX_MODELS_SHOWN).map((m) => (
              <li key={m}>{m === model ? <strong>{m}</strong> : m}</li>
            ))}
            {models.length > MAX_MODELS_SHOWN ? <li>… and {models.length - MAX_MODELS_SHOWN} more</li> : null}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
