import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/app/app';
import { createFakeTandem } from './fake-tandem';
import { renderWithTandem } from './render';

const navButtons = () =>
  within(screen.getByRole('navigation', { name: 'Views' }))
    .getAllByRole('button')
    .map((b) => b.textContent);

describe('app shell', { timeout: 30_000 }, () => {
  it('opens on the assist empty state with the shortcuts the user has set', async () => {
    const fake = createFakeTandem();
    fake.settings.shortcuts.analyzeClipboard = 'Alt+Shift+Q';
    renderWithTandem(<App />, fake);
    expect(
      await screen.findByRole('heading', { name: 'Copy a customer message to start' }),
    ).toBeInTheDocument();
    expect(navButtons()).toEqual(['Assist', 'Settings']);
    expect(await screen.findByText('Alt plus Shift plus Q')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
  });

  it('opens settings with Ctrl+, and views with Alt+digit, moving focus to the content', async () => {
    const user = userEvent.setup();
    renderWithTandem(<App />, createFakeTandem());
    await screen.findByRole('heading', { name: 'Copy a customer message to start' });
    await user.keyboard('{Control>},{/Control}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('main')).toHaveFocus();
    await user.keyboard('{Alt>}1{/Alt}');
    expect(
      await screen.findByRole('heading', { name: 'Copy a customer message to start' }),
    ).toBeInTheDocument();
  });

  it('offers each role its own view and follows a role change from main', async () => {
    const fake = createFakeTandem();
    fake.settings.role = 'trainer';
    renderWithTandem(<App />, fake);
    // The main region is named after the open view; the views' own content belongs to their features.
    expect(await screen.findByRole('main', { name: 'Trainer' })).toBeInTheDocument();
    expect(navButtons()).toEqual(['Trainer', 'Assist', 'Settings']);
    act(() => fake.emit('onDidChangeSettings', { ...fake.settings, role: 'supervisor' }));
    await waitFor(() => expect(navButtons()).toEqual(['Supervisor', 'Assist', 'Settings']));
    expect(screen.getByRole('main', { name: 'Supervisor' })).toBeInTheDocument();
  });

  it('applies the theme setting to the document', async () => {
    const fake = createFakeTandem();
    fake.settings.theme = 'dark';
    renderWithTandem(<App />, fake);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    act(() => fake.emit('onDidChangeSettings', { ...fake.settings, theme: 'system' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('system'));
  });
});
