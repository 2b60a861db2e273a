import { useState } from 'react';
import { errorMessage } from '../../../lib/ipc';
import { Section } from '../../../ui/section';
import { useResetSettings } from '../hooks/use-settings-data';
import { useSettingsFormStore } from '../store/settings-form-store';

/**
 * Restores every setting to its default after a second, explicit confirmation; the API key is a
 * secret, not a setting, so it stays.
 */
export function ResetSection() {
  const reset = useResetSettings();
  const discard = useSettingsFormStore((s) => s.discard);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const confirm = async (): Promise<void> => {
    try {
      await reset.mutateAsync();
      discard();
      setMessage('Default settings restored.');
    } catch (e) {
      setMessage(`Settings were not restored: ${errorMessage(e)}`);
    } finally {
      setConfirming(false);
    }
  };

  return (
    <Section
      title="Restore defaults"
      description="Sets every option on this page back to how Tandem shipped. Your API key stays."
    >
      <div className="button-row button-row--start">
        {confirming ? (
          <>
            <button
              type="button"
              className="button button--danger"
              onClick={() => void confirm()}
              disabled={reset.isPending}
            >
              Yes, restore defaults
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => {
              setMessage(null);
              setConfirming(true);
            }}
          >
            Restore default settings…
          </button>
        )}
      </div>
      <p className="status-line" role="status" aria-live="polite">
        {message}
      </p>
    </Section>
  );
}
