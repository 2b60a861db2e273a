import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../lib/ipc';
import { TextField } from '../../../ui/field';
import { useClearSecret, useSecretStatus, useSetSecret } from '../hooks/use-settings-data';

const NAME = 'teamStore.password' as const;
const MAX_LENGTH = 16_384;

/**
 * The team store password: written straight to main's secret store (the OS keychain when there is
 * one), emptied from the field once saved; the view only ever learns "set" or "not set".
 */
export function TeamPassword() {
  const status = useSecretStatus();
  const setSecret = useSetSecret();
  const clearSecret = useClearSecret();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const isSet = status.data?.isSet[NAME] === true;
  const busy = setSecret.isPending || clearSecret.isPending;
  const memoryOnly = status.data?.backend === 'memory';

  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    setDone(null);
    if (!draft) return setError('Type the password your administrator gave you first.');
    if (draft.length > MAX_LENGTH) return setError('This is too long to be a password.');
    setError(null);
    try {
      await setSecret.mutateAsync({ name: NAME, value: draft });
      setDraft('');
      setDone('Password saved. Tandem reconnects with it now.');
    } catch (e) {
      setError(`The password was not saved: ${errorMessage(e)}`);
    }
  };

  const clear = async (): Promise<void> => {
    setDone(null);
    setError(null);
    try {
      await clearSecret.mutateAsync(NAME);
      setDone('Password removed.');
    } catch (e) {
      setError(`The password was not removed: ${errorMessage(e)}`);
    }
  };

  return (
    <div className="team-password">
      <p className="key-status">
        <span>Password: </span>
        {status.isPending ? (
          <span>checking…</span>
        ) : status.isError ? (
          <span className="text-error">{errorMessage(status.error)}</span>
        ) : (
          <span
            className={`badge ${isSet ? 'badge--ok' : 'badge--muted'}`}
            data-testid="team-password-status"
          >
            {isSet ? 'set' : 'not set'}
          </span>
        )}
      </p>
      <form className="key-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={isSet ? 'Replace the team store password' : 'Team store password'}
          type="password"
          autoComplete="off"
          name="team-store-password"
          value={draft}
          onChange={(v) => {
            setDraft(v);
            setError(null);
          }}
          error={error ?? undefined}
          hint={
            memoryOnly
              ? 'No keychain is available: the password is kept in memory until Tandem quits. It is never shown again.'
              : 'Kept in your system keychain, never in the settings file. It is never shown again.'
          }
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy || !draft}>
            {isSet ? 'Replace password' : 'Save password'}
          </button>
          {isSet ? (
            <button type="button" className="button" disabled={busy} onClick={() => void clear()}>
              Clear password
            </button>
          ) : null}
        </div>
      </form>
      <p className="status-line" role="status" aria-live="polite">
        {done}
      </p>
    </div>
  );
}
