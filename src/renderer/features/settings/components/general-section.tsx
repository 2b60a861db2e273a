import type { Role, Settings } from '../../../../shared/domain/settings';
import { CheckboxField, SelectField, TextField } from '../../../ui/field';
import { Section } from '../../../ui/section';
import type { SettingsForm } from '../hooks/use-settings-form';

const themeOptions: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const roleOptions: { value: Role; label: string }[] = [
  { value: 'agent', label: 'Agent' },
  { value: 'supervisor', label: 'Supervisor' },
  { value: 'trainer', label: 'Trainer' },
];

/** Who is using Tandem and how the window looks; the role decides which views the navigation offers. */
export function GeneralSection({ form }: { form: SettingsForm }) {
  const { values, errors, setField } = form;
  return (
    <>
      <Section title="You">
        <SelectField
          label="Role"
          value={values.role}
          options={roleOptions}
          onChange={(v) => setField('role', v)}
          hint="Supervisors and trainers get their own views."
        />
        <div className="field-grid">
          <TextField
            label="Agent ID"
            value={values.agentId}
            onChange={(v) => setField('agentId', v)}
            error={errors.agentId}
          />
          <TextField
            label="Team"
            value={values.team}
            onChange={(v) => setField('team', v)}
            error={errors.team}
          />
        </div>
      </Section>
      <Section title="Window">
        <SelectField
          label="Theme"
          value={values.theme}
          options={themeOptions}
          onChange={(v) => setField('theme', v)}
        />
        <CheckboxField
          label="Keep Tandem on top of other windows"
          checked={values.alwaysOnTop}
          onChange={(v) => setField('alwaysOnTop', v)}
        />
      </Section>
    </>
  );
}
