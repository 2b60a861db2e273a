import type { LlmPreset } from '../../../../shared/domain/settings';
import { Banner } from '../../../ui/banner';
import { Section } from '../../../ui/section';
import { TextField } from '../../../ui/field';
import { SecretStatus } from './secret-status';
import { useSecretEditor, type SecretEditorText } from '../hooks/use-secret-editor';
import { presetInfo } from '../model/llm-presets';

const KEY = 'llm.apiKey' as const;

const storageHint = {
  keychain: 'Kept in your system keychain.',
  'safe-storage': 'Kept encrypted by your operating system.',
  memory: 'Kept in memory until Tandem quits.',
} as const;
const MAX_KEY_LENGTH = 16_384;
const TEXT: SecretEditorText = {
  noun: 'key',
  problem: (value) =>
    !value
      ? 'Paste the API key first.'
      : value.length > MAX_KEY_LENGTH
        ? 'This is too long to be an API key.'
        : /\s/.test(value)
          ? 'An API key has no spaces or line breaks. Check what was pasted.'
          : null,
  saved: 'API key saved.',
  removed: 'API key removed.',
};

/** Fallback wording when main did not explain why secrets only live in memory. */
export const MEMORY_ONLY_WARNING =
  'No keychain is available, so the key is kept in memory and forgotten when Tandem quits.';

/**
 * Sets or clears the model's API key. The key goes straight to main's secret store; the field is
 * emptied after saving and the view only ever learns "set" or "not set".
 */
export function ApiKeySection({ preset }: { preset: LlmPreset }) {
  const editor = useSecretEditor(KEY, TEXT, (v) => v.trim());
  const { status, isSet, busy, draft, error, done } = editor;

  const info = presetInfo(preset);
  return (
    <Section title="API key" description={info.needsKey ? undefined : `${info.label} usually needs no key.`}>
      <SecretStatus label="Status" testId="api-key-status" editor={editor} />
      {status.data?.backend === 'memory' ? (
        <Banner level="warning">{status.data.warning ?? MEMORY_ONLY_WARNING}</Banner>
      ) : null}
      <form className="key-form" onSubmit={(e) => void editor.submit(e)} noValidate>
        <TextField
          label={isSet ? 'Replace the API key' : 'API key'}
          type="password"
          autoComplete="off"
          name="api-key"
          value={draft}
          onChange={editor.setDraft}
          error={error ?? undefined}
          hint={`${storageHint[status.data?.backend ?? 'keychain']} It is never shown again.`}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy || !draft}>
            {isSet ? 'Replace key' : 'Save key'}
          </button>
          {isSet ? (
            <button type="button" className="button" disabled={busy} onClick={() => void editor.clear()}>
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
