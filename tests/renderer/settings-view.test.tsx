import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SettingsView } from '../../src/renderer/features/settings/components/settings-view';
import { useMainEvents } from '../../src/renderer/lib/use-main-events';
import { defaultSettings } from '../../src/shared/domain/settings';
import { createFakeTandem } from './fake-tandem';
import { renderWithTandem } from './render';

/** The settings view as the shell mounts it: with main's events feeding the query cache. */
function SettingsWithEvents() {
  useMainEvents();
  return <SettingsView />;
}

const KEY = 'sk-unit-3b8e1f0c9d7a6b5e4f3a2c1d';

async function setup(init?: Parameters<typeof createFakeTandem>[0]) {
  const fake = createFakeTandem(init);
  const user = userEvent.setup();
  renderWithTandem(<SettingsWithEvents />, fake);
  await screen.findByLabelText('Model');
  return { fake, user };
}

const updates = (fake: ReturnType<typeof createFakeTandem>) =>
  fake.log.filter((c) => c.name === 'updateSettings');

// Typing whole values through user-event is slow on a busy machine; the default 5 s is too tight.
describe('settings form', { timeout: 30_000 }, () => {
  it('shows plain-words errors inline and sends nothing until they are fixed', async () => {
    const { fake, user } = await setup();
    const temperature = screen.getByLabelText('Temperature');
    await user.clear(temperature);
    await user.type(temperature, '2.5');
    expect(await screen.findByText('Temperature must be from 0 to 2.')).toBeInTheDocument();
    expect(temperature).toHaveAttribute('aria-invalid', 'true');
    expect(temperature).toHaveAccessibleDescription(
      expect.stringContaining('Temperature must be from 0 to 2.'),
    );

    const tokens = screen.getByLabelText('Max tokens');
    await user.clear(tokens);
    await user.type(tokens, '12.5');
    expect(screen.getByText('Max tokens must be a whole number from 16 to 8192.')).toBeInTheDocument();

    await user.keyboard('{Control>}s{/Control}');
    expect(screen.getByTestId('save-state')).toHaveTextContent('2 fields need fixing.');
    expect(updates(fake)).toEqual([]);

    await user.clear(temperature);
    await user.type(temperature, '0.9');
    await user.clear(tokens);
    await user.type(tokens, '900');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent('All changes saved'));
    // The section is sent whole: the shared patch schema fills omitted keys with defaults.
    expect(updates(fake)).toHaveLength(1);
    expect(updates(fake)[0]?.input).toEqual({
      llm: { ...defaultSettings().llm, temperature: 0.9, maxTokens: 900 },
    });
    expect(fake.settings.llm.temperature).toBe(0.9);
  });

  it('fills the address from a preset and asks for the Azure names and API version', async () => {
    const { fake, user } = await setup();
    await user.selectOptions(screen.getByLabelText('Service'), 'lmstudio');
    expect(screen.getByLabelText('Server address')).toHaveValue('http://localhost:1234/v1');
    await user.selectOptions(screen.getByLabelText('Service'), 'azure');
    expect(screen.getByLabelText('Server address')).toHaveValue(
      'https://YOUR-RESOURCE.openai.azure.com/openai/deployments/YOUR-DEPLOYMENT',
    );
    expect(screen.getByText(/Replace YOUR-RESOURCE and YOUR-DEPLOYMENT with the names/)).toBeInTheDocument();
    expect(screen.getByText('Enter the API version.')).toBeInTheDocument();

    const address = screen.getByLabelText('Server address');
    await user.clear(address);
    await user.click(address);
    await user.paste('https://contoso.openai.azure.com/openai/deployments/drafts');
    await user.type(screen.getByLabelText('API version'), '2024-10-21');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.settings.llm.preset).toBe('azure'));
    expect(fake.settings.llm).toMatchObject({
      baseUrl: 'https://contoso.openai.azure.com/openai/deployments/drafts',
      apiVersion: '2024-10-21',
    });
  });

  it('refuses a shortcut that another action already uses or that has no modifier', async () => {
    const { user } = await setup();
    const pause = screen.getByLabelText('Pause clipboard watching');
    await user.clear(pause);
    await user.type(pause, 'CommandOrControl+Shift+A');
    expect(screen.getByText('Already used for "Analyze the clipboard now".')).toBeInTheDocument();
    await user.clear(pause);
    await user.type(pause, 'K');
    expect(screen.getByText(/Add a modifier such as CommandOrControl/)).toBeInTheDocument();
    await user.clear(pause);
    await user.type(pause, 'Alt+Shift+K');
    expect(screen.queryByText(/Add a modifier/)).not.toBeInTheDocument();
    expect(screen.getByText('Save to apply the new combination.')).toBeInTheDocument();
  });

  it('shows why the OS refused a shortcut', async () => {
    const fake = createFakeTandem();
    fake.shortcutStatus[0] = {
      action: 'toggleWindow',
      accelerator: 'CommandOrControl+Shift+Space',
      registered: false,
      error: 'CommandOrControl+Shift+Space is taken by the system or another app.',
    };
    renderWithTandem(<SettingsView />, fake);
    expect(
      await screen.findByText(
        'Not active: CommandOrControl+Shift+Space is taken by the system or another app.',
      ),
    ).toBeInTheDocument();
  });

  it('follows a change from main in untouched fields and keeps what the user is typing', async () => {
    const { fake, user } = await setup();
    const model = screen.getByLabelText('Model');
    await user.clear(model);
    await user.type(model, 'my-model');
    act(() => {
      fake.emit('onDidChangeSettings', {
        ...fake.settings,
        window: { alwaysOnTop: true },
        llm: { ...fake.settings.llm, model: 'changed-elsewhere' },
      });
    });
    // react-query notifies on its own tick, so wait for the re-render rather than expecting it synchronously.
    await waitFor(() => expect(screen.getByLabelText('Keep Tandem on top of other windows')).toBeChecked());
    expect(model).toHaveValue('my-model');
  });

  it('tells the user when saving failed and keeps the edit', async () => {
    const { fake, user } = await setup();
    fake.failNext('updateSettings', 'io_error', 'The settings file could not be written (disk full).');
    const model = screen.getByLabelText('Model');
    await user.clear(model);
    await user.type(model, 'gpt-4.1-mini');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Not saved: The settings file could not be written/)).toBeInTheDocument();
    expect(model).toHaveValue('gpt-4.1-mini');
    expect(fake.settings.llm.model).toBe('gpt-4o-mini');
  });

  it('restores defaults only after confirmation and keeps the API key', async () => {
    const fake = createFakeTandem();
    fake.settings.llm.model = 'custom-model';
    fake.secrets.set('llm.apiKey', KEY);
    const user = userEvent.setup();
    renderWithTandem(<SettingsWithEvents />, fake);
    expect(await screen.findByLabelText('Model')).toHaveValue('custom-model');
    await user.click(screen.getByRole('button', { name: 'Restore default settings…' }));
    expect(fake.log.filter((c) => c.name === 'resetSettings')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Restore default settings…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, restore defaults' }));
    expect(await screen.findByText('Default settings restored.')).toBeInTheDocument();
    expect(screen.getByLabelText('Model')).toHaveValue('gpt-4o-mini');
    expect(fake.log.filter((c) => c.name === 'resetSettings')).toHaveLength(1);
    expect(fake.secrets.get('llm.apiKey')).toBe(KEY);
  });

  it('shows a settings notice once and lets the user dismiss it', async () => {
    const { user } = await setup({
      notices: [{ level: 'warning', message: 'Your settings file could not be read (it was empty).' }],
    });
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('could not be read');
    await user.click(within(notice).getByRole('button', { name: 'Dismiss notice' }));
    expect(screen.queryByText(/could not be read/)).not.toBeInTheDocument();
  });
});

describe('API key', { timeout: 30_000 }, () => {
  it('sets the key without ever showing it back, then clears it', async () => {
    const { fake, user } = await setup();
    expect(await screen.findByTestId('api-key-status')).toHaveTextContent('not set');
    const input = screen.getByLabelText('API key', { selector: 'input' });
    expect(input).toHaveAttribute('type', 'password');
    await user.type(input, KEY);
    await user.click(screen.getByRole('button', { name: 'Save key' }));

    await waitFor(() => expect(screen.getByTestId('api-key-status')).toHaveTextContent('set'));
    expect(fake.secrets.get('llm.apiKey')).toBe(KEY);
    expect(screen.getByLabelText('Replace the API key')).toHaveValue('');
    expect(screen.getByText('API key saved.')).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(KEY);
    expect(JSON.stringify(fake.answers)).not.toContain(KEY);

    await user.click(screen.getByRole('button', { name: 'Clear key' }));
    await waitFor(() => expect(screen.getByTestId('api-key-status')).toHaveTextContent('not set'));
    expect(fake.secrets.has('llm.apiKey')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Clear key' })).not.toBeInTheDocument();
  });

  it('refuses a pasted key with spaces and sends nothing', async () => {
    const { fake, user } = await setup();
    await user.type(screen.getByLabelText('API key', { selector: 'input' }), 'sk-abc def{Enter}');
    expect(await screen.findByText(/An API key has no spaces or line breaks/)).toBeInTheDocument();
    expect(fake.log.filter((c) => c.name === 'setSecret')).toEqual([]);
  });

  it('keeps the typed key and explains when the store fails', async () => {
    const { fake, user } = await setup();
    fake.failNext('setSecret', 'unavailable', 'The keychain is locked.');
    const input = screen.getByLabelText('API key', { selector: 'input' });
    await user.type(input, KEY);
    await user.click(screen.getByRole('button', { name: 'Save key' }));
    expect(await screen.findByText('The key was not saved: The keychain is locked.')).toBeInTheDocument();
    expect(screen.getByTestId('api-key-status')).toHaveTextContent('not set');
  });

  it('warns when secrets only live in memory', async () => {
    await setup({ backend: 'memory', warning: 'No keychain was found; the key is kept until Tandem quits.' });
    expect(
      await screen.findByText('No keychain was found; the key is kept until Tandem quits.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Kept in memory until Tandem quits/)).toBeInTheDocument();
  });
});
