import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useQuery } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/app/app';
import { useShellStore } from '../../../src/renderer/app/shell-store';
import { TeamStatusIndicator } from '../../../src/renderer/app/team-status';
import type { TeamStatus } from '../../../src/shared/contract/team';
import { createFakeTandem } from '../fake-tandem';
import { renderWithTandem } from '../render';
import { OFF, withTeam } from './fake-team';

const status = (over: Partial<TeamStatus>): TeamStatus => ({ ...OFF, ...over });

/** Counts fetches of a dashboard query, to see a source switch drop the dashboard's answers. */
let dashboardFetches = 0;
function DashboardProbe() {
  useQuery({ queryKey: ['supervisor', 'metrics', 'probe'], queryFn: () => ++dashboardFetches });
  return null;
}

async function setup(init: Parameters<typeof withTeam>[1] = {}, role?: 'agent' | 'supervisor') {
  const fake = createFakeTandem();
  if (role) fake.settings = { ...fake.settings, role };
  const team = withTeam(fake, init);
  const user = userEvent.setup();
  renderWithTandem(
    <>
      <TeamStatusIndicator />
      <DashboardProbe />
    </>,
    fake,
  );
  const region = screen.getByRole('status');
  return { fake, team, user, region };
}

describe('team store indicator', () => {
  it('is an empty polite live region when the team store is off', async () => {
    const { region, fake } = await setup();
    expect(region).toHaveAttribute('aria-live', 'polite');
    // Wait for the answers, then check nothing is drawn.
    await waitFor(() => expect(fake.log.some((c) => c.name === 'getSettings')).toBe(true));
    await act(async () => {});
    expect(region).toBeEmptyDOMElement();
  });

  it('shows connected, then queued N, offline with the retry time, and error with the reason as events arrive', async () => {
    const { region, fake } = await setup({ status: status({ state: 'connected' }) });
    const chip = await within(region).findByRole('button', { name: /Team: connected/ });
    expect(chip).toHaveAttribute('data-tone', 'ok');

    act(() => fake.emit('onDidChangeTeamStatus', status({ state: 'sending', queued: 1234 })));
    expect(await within(region).findByRole('button', { name: /Team: queued 1,234/ })).toHaveAttribute(
      'data-tone',
      'busy',
    );

    const retry = '2026-11-24T17:42:05.000Z';
    act(() =>
      fake.emit(
        'onDidChangeTeamStatus',
        status({
          state: 'offline',
          queued: 7,
          nextRetryAt: retry,
          reason: 'Team store unreachable: ECONNREFUSED',
        }),
      ),
    );
    const time = new Date(retry).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const offline = await within(region).findByRole('button', {
      name: `Team: offline — retrying at ${time}`,
    });
    expect(offline).toHaveAttribute('data-tone', 'warning');
    expect(offline.title).toMatch(/ECONNREFUSED.*7 event\(s\) wait in the outbox/);

    act(() =>
      fake.emit(
        'onDidChangeTeamStatus',
        status({
          state: 'error',
          reason: 'The team store refused the login: password authentication failed.',
        }),
      ),
    );
    const error = await within(region).findByRole('button', {
      name: 'Team: error — The team store refused the login: password authentication failed.',
    });
    expect(error).toHaveAttribute('data-tone', 'error');

    act(() => fake.emit('onDidChangeTeamStatus', OFF));
    await waitFor(() => expect(region).toBeEmptyDOMElement());
  });

  it('warns when events were dropped from a full outbox', async () => {
    const { region } = await setup({ status: status({ state: 'connected', dropped: 2500 }) });
    const chip = await within(region).findByRole('button', { name: /Team: connected/ });
    expect(chip).toHaveTextContent('· 2,500 dropped');
    expect(chip).toHaveAttribute('data-tone', 'warning');
    expect(chip.title).toMatch(/oldest 2,500 event\(s\) were dropped/);
  });

  it('opens Settings from the keyboard', async () => {
    const { region, user } = await setup({ status: status({ state: 'error', reason: 'Wrong password.' }) });
    const chip = await within(region).findByRole('button', { name: /Team: error/ });
    chip.focus();
    await user.keyboard('{Enter}');
    expect(useShellStore.getState().view).toBe('settings');
  });

  it('tells a supervisor which store the dashboard shows, and refetches the dashboard when it changes', async () => {
    const { region, fake } = await setup({}, 'supervisor');
    expect(await within(region).findByRole('button', { name: 'Source: this computer' })).toBeInTheDocument();
    await waitFor(() => expect(dashboardFetches).toBeGreaterThan(0));
    const before = dashboardFetches;

    act(() =>
      fake.emit('onDidChangeEventSource', {
        kind: 'team',
        label: 'team store (db.example.com/tandem)',
        problem: null,
      }),
    );
    expect(
      await within(region).findByRole('button', { name: 'Source: team store (db.example.com/tandem)' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(dashboardFetches).toBe(before + 1));

    act(() =>
      fake.emit('onDidChangeEventSource', {
        kind: 'team',
        label: 'team store (db.example.com/tandem)',
        problem: null,
        readError: 'Team store unreachable: Nothing answers at that address (ECONNREFUSED).',
      }),
    );
    const unreadable = await within(region).findByRole('button', {
      name: 'Source: team store (db.example.com/tandem) — cannot be read',
    });
    expect(unreadable).toHaveAttribute('data-tone', 'error');
    expect(unreadable.title).toMatch(/ECONNREFUSED.*does not fall back/);

    act(() =>
      fake.emit('onDidChangeEventSource', {
        kind: 'team',
        label: 'team store',
        problem: 'The team store is on but has no address.',
      }),
    );
    expect(
      await within(region).findByRole('button', {
        name: 'Team store: error — The team store is on but has no address.',
      }),
    ).toHaveAttribute('data-tone', 'error');
  });
});

describe('the indicator in the app chrome', () => {
  it('sits in the header beside the navigation', async () => {
    const fake = createFakeTandem();
    withTeam(fake, { status: status({ state: 'sending', queued: 3 }) });
    renderWithTandem(<App />, fake);
    await screen.findByRole('navigation', { name: 'Views' });
    const header = document.querySelector<HTMLElement>('header.app-header')!;
    expect(await within(header).findByRole('button', { name: /Team: queued 3/ })).toBeInTheDocument();
  });
});
