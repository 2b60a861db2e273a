import type { ShortcutStatus } from '../../../../shared/contract/app';
import { errorMessage } from '../../../lib/ipc';
import { TextField } from '../../../ui/field';
import { Section } from '../../../ui/section';
import type { SettingsForm } from '../hooks/use-settings-form';
import { useShortcutStatus } from '../hooks/use-settings-data';
import { shortcutActionLabels } from '../model/validate';

type Action = keyof typeof shortcutActionLabels;
const actions = Object.keys(shortcutActionLabels) as Action[];

function StatusNote({ status, edited }: { status: ShortcutStatus | undefined; edited: boolean }) {
  if (edited) return <span>Save to apply the new combination.</span>;
  if (!status) return <span>Status unknown.</span>;
  if (status.registered) return <span className="badge badge--ok">Active</span>;
  return <span className="text-warning">Not active{status.error ? `: ${status.error}` : '.'}</span>;
}

/**
 * Global shortcuts, with what the OS said about each: a refused combination is reported here in
 * plain words instead of silently doing nothing.
 */
export function ShortcutsSection({ form }: { form: SettingsForm }) {
  const { values, saved, errors, setField } = form;
  const status = useShortcutStatus();
  return (
    <Section
      title="Shortcuts"
      description="Work everywhere, even when Tandem is in the background. Example: CommandOrControl+Shift+Space."
    >
      {status.isError ? <p className="text-error">{errorMessage(status.error)}</p> : null}
      {actions.map((action) => (
        <TextField
          key={action}
          label={shortcutActionLabels[action]}
          value={values[action]}
          onChange={(v) => setField(action, v)}
          error={errors[action]}
          hint={
            <StatusNote
              status={status.data?.find((s) => s.action === action)}
              edited={values[action].trim() !== saved[action]}
            />
          }
        />
      ))}
    </Section>
  );
}
