import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, watchConsole } from './harness/fixtures';

const API_KEY = 'sk-e2e-7f3a9c1d5b2e4f60a8c7d9e1b3f5a7c9';

async function openSettings(page: Page): Promise<void> {
  // The keyboard route a desktop user expects: Ctrl+, from anywhere.
  await page.keyboard.press('Control+Comma');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
}

const saveState = (page: Page) => page.getByTestId('save-state');
const keyStatus = (page: Page) => page.getByTestId('api-key-status');

test('changes settings, sets and clears the API key, and keeps them after a reload', async ({
  page,
  harness,
}) => {
  const problems = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await harness.open();
  await openSettings(page);
  await expect(keyStatus(page)).toHaveText('not set');
  await page.screenshot({ path: 'test-results/settings-panel.png' });

  // Choosing a preset fills the address; the model and theme are typed/selected by the user.
  await page.getByLabel('Service').selectOption('ollama');
  await expect(page.getByLabel('Server address')).toHaveValue('http://localhost:11434/v1');
  await page.getByLabel('Model', { exact: true }).fill('llama3.1:8b');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(saveState(page)).toHaveText('4 unsaved changes');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(saveState(page)).toContainText('All changes saved');

  const saved = harness.core.settings.get();
  expect(saved.llm).toMatchObject({
    preset: 'ollama',
    baseUrl: 'http://localhost:11434/v1',
    model: 'llama3.1:8b',
  });
  expect(saved.theme).toBe('dark');
  await harness.core.settings.flush();
  const onDisk = JSON.parse(await readFile(join(harness.userDataDir, 'settings.json'), 'utf8'));
  expect(onDisk).toMatchObject({ theme: 'dark', llm: { model: 'llama3.1:8b' } });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(22, 24, 29)');

  // The key goes to the secret store; the page learns only "set".
  const keyInput = page.getByRole('textbox', { name: 'API key', exact: true });
  await keyInput.fill(API_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(keyStatus(page)).toHaveText('set');
  expect(await harness.secrets.get('llm.apiKey')).toBe(API_KEY);
  await expect(page.getByLabel('Replace the API key')).toHaveValue('');
  expect(await page.content()).not.toContain(API_KEY);
  expect(JSON.stringify(harness.exchanges.map((e) => e.result))).not.toContain(API_KEY);
  expect(JSON.stringify(harness.events)).not.toContain(API_KEY);
  // Only the one call that set it carried the key into main.
  const carrying = harness.exchanges.filter((e) => JSON.stringify(e.payload ?? null).includes(API_KEY));
  expect(carrying.map((e) => e.name)).toEqual(['setSecret']);

  // Everything survives a reload: the state lives in main, not in the page.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await openSettings(page);
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('llama3.1:8b');
  await expect(page.getByLabel('Service')).toHaveValue('ollama');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(keyStatus(page)).toHaveText('set');
  expect(await page.content()).not.toContain(API_KEY);
  // Saving one key of a section keeps the section's other keys.
  await page.getByLabel('Temperature').fill('0.5');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(saveState(page)).toContainText('All changes saved');
  expect(harness.core.settings.get().llm).toMatchObject({
    temperature: 0.5,
    model: 'llama3.1:8b',
    preset: 'ollama',
  });
  await page.screenshot({ path: 'test-results/settings-panel-dark.png' });

  await page.getByRole('button', { name: 'Clear key' }).click();
  await expect(keyStatus(page)).toHaveText('not set');
  expect(await harness.secrets.get('llm.apiKey')).toBeNull();
  await page.reload();
  await openSettings(page);
  await expect(keyStatus(page)).toHaveText('not set');
  expect(JSON.stringify(harness.exchanges.map((e) => e.result))).not.toContain(API_KEY);
  expect(problems).toEqual([]);
});

test('explains invalid values in plain words and never sends them', async ({ page, harness }) => {
  await harness.open();
  await openSettings(page);
  const before = harness.core.settings.get();
  await page.getByLabel('Temperature').fill('5');
  await page.getByLabel('Server address').fill('localhost:11434');
  await expect(page.getByText('Temperature must be from 0 to 2.')).toBeVisible();
  await expect(page.getByText('The address must start with http:// or https://.')).toBeVisible();
  await expect(page.getByLabel('Temperature')).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Control+s');
  await expect(saveState(page)).toHaveText('2 fields need fixing.');
  expect(harness.exchanges.filter((e) => e.name === 'updateSettings')).toEqual([]);
  expect(harness.core.settings.get()).toEqual(before);

  await page.getByLabel('Temperature').fill('0.7');
  await page.getByLabel('Server address').fill('http://localhost:11434/v1');
  await page.keyboard.press('Control+s');
  await expect(saveState(page)).toContainText('All changes saved');
  expect(harness.core.settings.get().llm).toMatchObject({
    temperature: 0.7,
    baseUrl: 'http://localhost:11434/v1',
  });
});

test('shows a change made in main at once, and the role decides the navigation', async ({
  page,
  harness,
}) => {
  await harness.open();
  const nav = page.getByRole('navigation', { name: 'Views' });
  await expect(nav.getByRole('button')).toHaveText(['Assist', 'Settings']);
  await expect(page.getByRole('heading', { name: 'Copy a customer message to start' })).toBeVisible();
  await page.screenshot({ path: 'test-results/assist-empty.png' });
  // Keyboard first: the first Tab reaches the skip link, which jumps past the navigation.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await openSettings(page);

  // The tray (or another window) changes a setting: the open form follows without a reload.
  await harness.core.settings.update({ window: { alwaysOnTop: true } });
  await expect(page.getByLabel('Keep Tandem on top of other windows')).toBeChecked();

  await page.getByLabel('Role').selectOption('supervisor');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(nav.getByRole('button')).toHaveText(['Supervisor', 'Assist', 'Settings']);
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('main', { name: 'Supervisor' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Supervisor' })).toHaveAttribute('aria-current', 'page');
});

test.describe('with a corrupt settings file', () => {
  test.use({ seedSettingsFile: '{"theme": "dark", ' });

  test('tells the user the file was moved aside and starts with defaults', async ({ page, harness }) => {
    await harness.open();
    await openSettings(page);
    const notice = page.getByRole('alert').filter({ hasText: 'could not be read' });
    await expect(notice).toContainText('The old file was kept as');
    await expect(page.getByLabel('Theme')).toHaveValue('system');
    await notice.getByRole('button', { name: 'Dismiss notice' }).click();
    await expect(notice).toHaveCount(0);
  });
});
