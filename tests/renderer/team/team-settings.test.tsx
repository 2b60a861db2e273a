import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SettingsView } from '../../../src/renderer/features/settings/components/settings-view';
import { useMainEvents } from '../../../src/renderer/lib/use-main-events';
import { createFakeTandem, type FakeTandem } from '../fake-tandem';
import { renderWithTandem } from '../render';
import { withTeam } from './fake-team';

function SettingsWithEvents() {
  useMainEvents();
  return <SettingsView />;
}

const PASSWORD = 'team-pw-5Jx9QmL2';

async function setup(prepare?: (fake: FakeTandem) => void) {
  const fake = createFakeTandem();
  prepare?.(fake);
  const team = withTeam(fake);
  const user = userEvent.setup();
  renderWithTandem(<SettingsWithEvents />, fake);
  const section = (await screen.findByRole('heading', { name: 'Team store' })).closest('section')!;
  return { fake, team, user, section: within(section) };
}

const updates = (fake: FakeTandem) => fake.log.filter((c) => c.name === 'updateSettings');

describe('team store settings section', { timeout: 30_000 }, () => {
  it('refuses an address with a password in it, in words, and saves nothing', async () => {
    const { fake, user, section } = await setup();
    const url = section.getByLabelText('Team store address');
    await user.type(url, 'postgres://agent:hunter2@db.example.com/tandem');
    expect(
      await section.findByText(/Do not put the password in the address: enter it in the password field/),
    ).toBeInTheDocument();
    expect(url).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(updates(fake)).toEqual([]);
  });

  it("asks an agent for their own login: the address's login must be the agent ID", async () => {
    const { fake, user, section } = await setup();
    await user.click(section.getByLabelText('Send my assist events to the team store'));
    await user.type(section.getByLabelText('Team store address'), 'postgres://ann@db.example.com/tandem');
    expect(
      await section.findByText(/The login in this address \("ann"\) must be your agent ID \("agent"/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(updates(fake)).toEqual([]);
  });

  it('saves the switch, address and outbox size with the form; Ctrl+S works here too', async () => {
    const { fake, user, section } = await setup();
    await user.click(section.getByLabelText('Send my assist events to the team store'));
    await user.type(
      section.getByLabelText('Team store address'),
      'postgres://agent@db.example.com:5432/tandem',
    );
    const size = section.getByLabelText('Outbox size');
    await user.clear(size);
    await user.type(size, '100');
    expect(await section.findByText('Outbox size must be from 1000 to 50000000 events.')).toBeInTheDocument();
    await user.clear(size);
    await user.type(size, '20000');
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(updates(fake)).toHaveLength(1));
    expect(updates(fake)[0]?.input).toEqual({
      teamStore: {
        enabled: true,
        url: 'postgres://agent@db.example.com:5432/tandem',
        outboxCapacity: 20000,
      },
    });
    expect(fake.settings.teamStore).toMatchObject({ enabled: true, outboxCapacity: 20000 });
  });

  it('sends the password to main only, empties the field and shows just set / not set', async () => {
    const { team, user, section } = await setup();
    expect(await section.findByTestId('team-password-status')).toHaveTextContent('not set');
    const field = section.getByLabelText('Team store password');
    expect(field).toHaveAttribute('type', 'password');
    await user.type(field, PASSWORD);
    await user.click(section.getByRole('button', { name: 'Save password' }));
    await waitFor(() => expect(section.getByTestId('team-password-status')).toHaveTextContent('set'));
    expect(team.secrets.get('teamStore.password')).toBe(PASSWORD);
    expect(section.getByLabelText('Replace the team store password')).toHaveValue('');
    expect(JSON.stringify(team.answers)).not.toContain(PASSWORD);
    expect(document.body.innerHTML).not.toContain(PASSWORD);

    await user.click(section.getByRole('button', { name: 'Clear password' }));
    await waitFor(() => expect(section.getByTestId('team-password-status')).toHaveTextContent('not set'));
    expect(team.secrets.has('teamStore.password')).toBe(false);
  });

  it('tests the unsaved address and says why it failed', async () => {
    const { team, user, section } = await setup();
    const test = section.getByRole('button', { name: 'Test connection' });
    expect(test).toBeDisabled();
    await user.type(section.getByLabelText('Team store address'), 'postgres://agent@127.0.0.1:1/tandem');
    team.testResult = {
      ok: false,
      message: 'Team store unreachable: Nothing answers at that address (ECONNREFUSED).',
      latencyMs: 3,
      access: null,
      schemaVersion: null,
    };
    await user.click(test);
    const result = await section.findByTestId('team-test-result');
    await waitFor(() => expect(result).toHaveTextContent(/Failed.*Nothing answers at that address/));
    expect(team.tests).toEqual([{ url: 'postgres://agent@127.0.0.1:1/tandem' }]);

    team.testResult = {
      ok: true,
      message: 'Connected to 127.0.0.1:1/tandem as "agent": your events will be shipped (schema version 1).',
      latencyMs: 9,
      access: 'agent',
      schemaVersion: 1,
    };
    await user.click(section.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(result).toHaveTextContent(/Connected.*your events will be shipped/));
  });

  it('shows the current shipping status, live, in the indicator words', async () => {
    const { fake, section } = await setup();
    act(() =>
      fake.emit('onDidChangeTeamStatus', {
        state: 'error',
        queued: 4,
        dropped: 0,
        lastSentAt: null,
        nextRetryAt: null,
        reason: 'The team store refused the login: password authentication failed for user "agent".',
      }),
    );
    const current = await section.findByTestId('team-current-status');
    expect(current).toHaveTextContent(/Team: error — The team store refused the login/);
    expect(current).toHaveTextContent(/4 event\(s\) wait in the outbox/);
  });

  it('speaks to a supervisor about reading the team, without an outbox', async () => {
    const { section } = await setup((fake) => {
      fake.settings = { ...fake.settings, role: 'supervisor' };
    });
    expect(section.getByLabelText('Read the dashboard from the team store')).toBeInTheDocument();
    expect(section.queryByLabelText('Outbox size')).toBeNull();
    expect(section.getByLabelText('Team store address')).toHaveAccessibleDescription(/supervisor login/);
  });
});
