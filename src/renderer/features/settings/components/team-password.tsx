import { TextField } from '../../../ui/field';
import { SecretStatus } from './secret-status';
import { useSecretEditor, type SecretEditorText } from '../hooks/use-secret-editor';

const NAME = 'teamStore.password' as const;
const MAX_LENGTH = 16_384;
const TEXT: SecretEditorText = {
  noun: 'password',
  problem: (value) =>
    !value
      ? 'Type the password your administrator gave you first.'
      : value.length > MAX_LENGTH
        ? 'This is too long to be a password.'
        : null,
  saved: 'Password saved. Tandem reconnects with it now.',
  removed: 'Password removed.',
};

/**
 * The team store password: written straight to main's secret store (the OS keychain when there is
 * one), emptied from the field once saved; the view only ever learns "set" or "not set".
 */
export function TeamPassword() {
  const editor = useSecretEditor(NAME, TEXT);
  const { status, isSet, busy, draft, error, done } = editor;
  const memoryOnly = status.data?.backend === 'memory';

  return (
    <div className="team-password">
      <SecretStatus label="Password" testId="team-password-status" editor={editor} />
      <form className="key-form" onSubmit={(e) => void editor.submit(e)} noValidate>
        <TextField
          label={isSet ? 'Replace the team store password' : 'Team store password'}
          type="password"
          autoComplete="off"
          name="team-store-password"
          value={draft}
          onChange={editor.setDraft}
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
            <button type="button" className="button" disabled={busy} onClick={() => void editor.clear()}>
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
