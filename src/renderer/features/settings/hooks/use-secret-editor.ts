import { useState, type FormEvent } from 'react';
import type { SecretName } from '../../../../shared/contract/settings';
import { errorMessage } from '../../../lib/ipc';
import { useClearSecret, useSecretStatus, useSetSecret } from './use-settings-data';

/** Wording of one secret's editor: what the user types, and what to say when it goes wrong. */
export interface SecretEditorText {
  /** "API key", "password": used in the outcome messages. */
  noun: string;
  /** Why the typed value cannot be a secret of this kind, or null to save it. */
  problem(value: string): string | null;
  /** Shown once the secret is saved (e.g. what happens next). */
  saved: string;
  removed: string;
}

/**
 * The shared behaviour of every write-only secret field: the value goes straight to main's secret store,
 * the field is emptied once it is saved, and the view only ever learns "set" or "not set". Each section
 * keeps its own wording and layout.
 */
export function useSecretEditor(name: SecretName, text: SecretEditorText, normalize = (v: string) => v) {
  const status = useSecretStatus();
  const setSecret = useSetSecret();
  const clearSecret = useClearSecret();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    setDone(null);
    const value = normalize(draft);
    const problem = text.problem(value);
    if (problem) return setError(problem);
    setError(null);
    try {
      await setSecret.mutateAsync({ name, value });
      setDraft('');
      setDone(text.saved);
    } catch (e) {
      setError(`The ${text.noun} was not saved: ${errorMessage(e)}`);
    }
  };

  const clear = async (): Promise<void> => {
    setDone(null);
    setError(null);
    try {
      await clearSecret.mutateAsync(name);
      setDone(text.removed);
    } catch (e) {
      setError(`The ${text.noun} was not removed: ${errorMessage(e)}`);
    }
  };

  return {
    status,
    isSet: status.data?.isSet[name] === true,
    busy: setSecret.isPending || clearSecret.isPending,
    draft,
    setDraft: (value: string) => {
      setDraft(value);
      setError(null);
    },
    error,
    done,
    submit,
    clear,
  };
}
