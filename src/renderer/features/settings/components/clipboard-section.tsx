import { CheckboxField, TextField } from '../../../ui/field';
import { Section } from '../../../ui/section';
import type { SettingsForm } from '../hooks/use-settings-form';

/** Clipboard watching: Tandem reads what the agent copies; nothing is kept unless it is analysed. */
export function ClipboardSection({ form }: { form: SettingsForm }) {
  const { values, errors, setField } = form;
  return (
    <Section title="Clipboard">
      <CheckboxField
        label="Watch the clipboard for customer messages"
        checked={values.clipboardEnabled}
        onChange={(v) => setField('clipboardEnabled', v)}
        hint="Copy a customer message in your helpdesk and Tandem analyses it. Only redacted text is kept."
      />
      <TextField
        label="Check interval (ms)"
        inputMode="numeric"
        value={values.pollMs}
        onChange={(v) => setField('pollMs', v)}
        error={errors.pollMs}
        hint="Lower is quicker; 250 ms suits most computers."
      />
    </Section>
  );
}
