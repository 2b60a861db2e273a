import type { LlmPreset } from '../../../../shared/domain/settings';
import { CheckboxField, SelectField, TextField } from '../../../ui/field';
import { Section } from '../../../ui/section';
import type { SettingsForm } from '../hooks/use-settings-form';
import { llmPresets, presetInfo } from '../model/llm-presets';
import { LlmTestConnection } from './llm-test-connection';

const presetOptions = llmPresets.map((p) => ({ value: p.id, label: p.label }));

/** Where drafts come from: any OpenAI-compatible endpoint, picked from a preset or typed in. */
export function LlmSection({ form }: { form: SettingsForm }) {
  const { values, errors, setField, setFields } = form;
  const preset = presetInfo(values.preset);

  const choosePreset = (id: LlmPreset): void => {
    const info = presetInfo(id);
    setFields({ preset: id, ...(info.baseUrl ? { baseUrl: info.baseUrl } : {}) });
  };

  return (
    <Section
      title="Drafting model"
      description="Tandem always offers suggestions from your macros. A model adds written drafts when it is on."
    >
      <CheckboxField
        label="Write drafts with a language model"
        checked={values.llmEnabled}
        onChange={(v) => setField('llmEnabled', v)}
        hint="Personal data is removed from the message before it is sent."
      />
      <SelectField
        label="Service"
        value={values.preset}
        options={presetOptions}
        onChange={choosePreset}
        hint={preset.hint}
      />
      <TextField
        label="Server address"
        type="url"
        inputMode="url"
        value={values.baseUrl}
        onChange={(v) => setField('baseUrl', v)}
        error={errors.baseUrl}
        placeholder="https://api.openai.com/v1"
      />
      {values.preset === 'azure' ? (
        <TextField
          label="API version"
          value={values.apiVersion}
          onChange={(v) => setField('apiVersion', v)}
          error={errors.apiVersion}
          placeholder="2024-10-21"
        />
      ) : null}
      <TextField
        label="Model"
        value={values.model}
        onChange={(v) => setField('model', v)}
        error={errors.model}
        placeholder={preset.exampleModel}
      />
      <div className="field-grid">
        <TextField
          label="Temperature"
          inputMode="decimal"
          value={values.temperature}
          onChange={(v) => setField('temperature', v)}
          error={errors.temperature}
          hint="0 = steady, 2 = inventive"
        />
        <TextField
          label="Max tokens"
          inputMode="numeric"
          value={values.maxTokens}
          onChange={(v) => setField('maxTokens', v)}
          error={errors.maxTokens}
        />
        <TextField
          label="Timeout (seconds)"
          inputMode="decimal"
          value={values.timeoutSeconds}
          onChange={(v) => setField('timeoutSeconds', v)}
          error={errors.timeoutSeconds}
        />
        <TextField
          label="Number of drafts"
          inputMode="numeric"
          value={values.suggestionCount}
          onChange={(v) => setField('suggestionCount', v)}
          error={errors.suggestionCount}
        />
      </div>
      <LlmTestConnection values={values} />
    </Section>
  );
}
