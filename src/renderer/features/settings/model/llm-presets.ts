import type { LlmPreset } from '../../../../shared/domain/settings';

/** What choosing a preset fills in; `custom` leaves the address as the user typed it. */
export interface LlmPresetInfo {
  id: LlmPreset;
  label: string;
  baseUrl: string | null;
  /** A model name that exists on that service, offered as a placeholder. */
  exampleModel: string;
  /** Local servers usually run without a key; the key section says so. */
  needsKey: boolean;
  hint: string;
}

/** Placeholders the user must replace; validation refuses an address that still contains them. */
export const AZURE_PLACEHOLDERS = ['YOUR-RESOURCE', 'YOUR-DEPLOYMENT'] as const;

/**
 * Known OpenAI-compatible services. Filling the address from a preset saves the agent from
 * looking up the exact `/v1` path each server expects.
 */
export const llmPresets: readonly LlmPresetInfo[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    exampleModel: 'gpt-4o-mini',
    needsKey: true,
    hint: 'Uses your OpenAI API key.',
  },
  {
    id: 'azure',
    label: 'Azure OpenAI',
    baseUrl: 'https://YOUR-RESOURCE.openai.azure.com/openai/deployments/YOUR-DEPLOYMENT',
    exampleModel: 'gpt-4o-mini',
    needsKey: true,
    hint: 'Replace YOUR-RESOURCE and YOUR-DEPLOYMENT with your Azure names and set the API version.',
  },
  {
    id: 'ollama',
    label: 'Ollama (this computer)',
    baseUrl: 'http://localhost:11434/v1',
    exampleModel: 'llama3.1',
    needsKey: false,
    hint: 'Runs on this computer; no API key needed.',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio (this computer)',
    baseUrl: 'http://localhost:1234/v1',
    exampleModel: 'qwen2.5-7b-instruct',
    needsKey: false,
    hint: 'Start the LM Studio server first; no API key needed.',
  },
  {
    id: 'vllm',
    label: 'vLLM server',
    baseUrl: 'http://localhost:8000/v1',
    exampleModel: 'meta-llama/Llama-3.1-8B-Instruct',
    needsKey: false,
    hint: 'Change the address if the server runs on another machine.',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    exampleModel: 'openai/gpt-4o-mini',
    needsKey: true,
    hint: 'Uses your OpenRouter API key.',
  },
  {
    id: 'custom',
    label: 'Other OpenAI-compatible server',
    baseUrl: null,
    exampleModel: 'model-name',
    needsKey: true,
    hint: 'Enter the address that ends before /chat/completions.',
  },
];

/** The preset entry for an id; unknown ids (a newer settings file) read as custom. */
export function presetInfo(id: LlmPreset): LlmPresetInfo {
  return llmPresets.find((p) => p.id === id) ?? (llmPresets[llmPresets.length - 1] as LlmPresetInfo);
}
