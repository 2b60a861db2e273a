import { useState, type FormEvent } from 'react';
import type { LlmPreset } from '../../../../shared/domain/settings';
import { errorMessage } from '../../../lib/ipc';
import { Banner } from '../../../ui/banner';
import { Section } from '../../../ui/section';
import { TextField } from '../../../ui/field';
import { useClearSecret, useSecretStatus, useSetSecret } from '../hooks/use-settings-data';
import { presetInfo } from '../model/llm-presets';

const KEY = 'llm.apiKey' as const;

const storageHint = {
  keychain: 'Kept in your system keychain.',
  'safe-storage': 'Kept encrypted by your operating system.',
  memory: 'Kept in memory until Tandem quits.',
} as const;
const MAX_KEY_LENGTH = 16_384;

/** Fallback wording when main did not explain why secrets only live in memory. */
export const MEMORY_ONLY_WARNING =
  'No keychain is available, so the key is kept in memory and forgotten when Tandem quits.';

/**
 * Sets or clears the model's API key. The key goes straight to main's secret store; the field is
 * emptied after saving and the view only ever learns "set" or "not set".
 */
export function ApiKeySection({ preset }: { preset: LlmPreset }) {
  const status = useSecretStatus();
  const setSecret = useSetSecret();
  const clearSecret = useClearSecret();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const isSet = status.data?.isSet[KEY] === true;
  const busy = setSecret.isPending || clearSecret.isPending;

  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    setDone(null);
    const value = draft.trim();
    if (!value) return setError('Paste the API key first.');
    if (value.length > MAX_KEY_LENGTH) return setError('This is too long to be an API key.');
    if (/\s/.test(value)) return setError('An API key has no spaces or line breaks. Check what was pasted.');
    setError(null);
    try {
      await setSecret.mutateAsync({ name: KEY, value });
      setDraft('');
      setDone('API key saved.');
    } catch (e) {
      setError(`The key was not saved: ${errorMessage(e)}`);
    }
  };

  const clear = async (): Promise<void> => {
    setDone(null);
    setError(null);
    try {
      await clearSecret.mutateAsync(KEY);
      setDone('API key removed.');
    } catch (e) {
      setError(`The key was not removed: ${errorMessage(e)}`);
    }
  };

  const info = presetInfo(preset);
  return (
    <Section title="API key" description={info.needsKey ? undefined : `${info.label} usually needs no key.`}>
      <p className="key-status">
        <span>Status: </span>
        {status.isPending ? (
          <span>checking…</span>
        ) : status.isError ? (
          <span className="text-error">{errorMessage(status.error)}</span>
        ) : (
          <span className={`badge ${isSet ? 'badge--ok' : 'badge--muted'}`} data-testid="api-key-status">
            {isSet ? 'set' : 'not set'}
          </span>
        )}
      </p>
      {status.data?.backend === 'memory' ? (
        <Banner level="warning">{status.data.warning ?? MEMORY_ONLY_WARNING}</Banner>
      ) : null}
      <form className="key-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={isSet ? 'Replace the API key' : 'API key'}
          type="password"
          autoComplete="off"
          name="api-key"
          value={draft}
          onChange={(v) => {
            setDraft(v);
            setError(null);
          }}
          error={error ?? undefined}
          hint={`${storageHint[status.data?.backend ?? 'keychain']} It is never shown again.`}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy || !draft}>
            {isSet ? 'Replace key' : 'Save key'}
          </button>
          {isSet ? (
            <button type="button" className="button" disabled={busy} onClick={() => void clear()}>
              Clear key
            </button>
          ) : null}
        </div>
      </form>
      <p className="status-line" role="status" aria-live="polite">
        {done}
      </p>
    </Section>
  );
}
