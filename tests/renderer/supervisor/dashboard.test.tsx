import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SupervisorView } from '../../../src/renderer/features/supervisor/components/supervisor-view';
import type { EventFilter } from '../../../src/shared/contract/supervisor';
import { createFakeSupervisor, sampleMetrics } from './fake-supervisor';
import { renderSupervisor } from './render-supervisor';

const pad = (n: number): string => String(n).padStart(2, '0');
const daysAgo = (n: number): string => {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const tz = 0 - new Date().getTimezoneOffset();

async function setup() {
  const fake = createFakeSupervisor();
  const user = userEvent.setup();
  renderSupervisor(<SupervisorView />, fake);
  await screen.findByTestId('kpi-acceptance-value');
  return { fake, user };
}

describe('supervisor dashboard wiring', { timeout: 30_000 }, () => {
  it('asks for the last 7 days in the local time zone and shows the answer', async () => {
    const { fake } = await setup();
    expect(fake.callsOf('getMetrics')).toContainEqual({ from: daysAgo(6), tzOffsetMinutes: tz });
    expect(screen.getByTestId('kpi-acceptance-value')).toHaveTextContent('60.0%');
    expect(screen.getByTestId('kpi-acceptance')).toHaveTextContent('6 of 10 shown');
    expect(screen.getByTestId('kpi-as-is-value')).toHaveTextContent('40.0%');
    expect(screen.getByTestId('kpi-edit-distance')).toHaveTextContent('p90 0.40');
    const agents = fake.callsOf('listAgentRows')[0] as { filter: EventFilter; sort: unknown };
    expect(agents.filter).toEqual({ from: daysAgo(6), tzOffsetMinutes: tz });
    expect(agents.sort).toEqual({ by: 'shown', dir: 'desc' });
  });

  it('keys every query on the filter: agent, team, intent and period', async () => {
    const { fake, user } = await setup();
    await user.selectOptions(screen.getByLabelText('Agent', { exact: true }), 'agent-002');
    await waitFor(() =>
      expect(fake.callsOf('getMetrics')).toContainEqual({
        from: daysAgo(6),
        tzOffsetMinutes: tz,
        agentIds: ['agent-002'],
      }),
    );
    await user.selectOptions(screen.getByLabelText('Intent'), 'refund_request');
    await user.selectOptions(screen.getByLabelText('Period'), 'today');
    const expected = {
      from: daysAgo(0),
      tzOffsetMinutes: tz,
      agentIds: ['agent-002'],
      intents: ['refund_request'],
    };
    await waitFor(() => expect(fake.callsOf('getMetrics')).toContainEqual(expected));
    await waitFor(() =>
      expect((fake.callsOf('listAgentRows').at(-1) as { filter: EventFilter }).filter).toEqual(expected),
    );
    // The menus list choices from the period alone, so picking an agent does not hide the others.
    expect(fake.callsOf('getMetrics')).toContainEqual({ from: daysAgo(0), tzOffsetMinutes: tz });
  });

  it('sends a custom range, and holds back an end before the start with a message', async () => {
    const { fake, user } = await setup();
    await user.selectOptions(screen.getByLabelText('Period'), 'custom');
    await user.type(screen.getByLabelText('From'), '2026-11-10');
    await user.type(screen.getByLabelText('To (inclusive)'), '2026-11-20');
    await waitFor(() =>
      expect(fake.callsOf('getMetrics')).toContainEqual({
        from: '2026-11-10',
        to: '2026-11-20',
        tzOffsetMinutes: tz,
      }),
    );
    await user.clear(screen.getByLabelText('To (inclusive)'));
    await user.type(screen.getByLabelText('To (inclusive)'), '2026-11-01');
    expect(await screen.findByText('The end date is before the start date.')).toBeInTheDocument();
    expect(screen.getByLabelText('To (inclusive)')).toHaveAttribute('aria-invalid', 'true');
    // The backwards range is never asked for.
    expect(fake.callsOf('getMetrics').some((f) => (f as EventFilter).to === '2026-11-01')).toBe(false);
  });

  it('sorts the agent table in main, flipping direction on a second click', async () => {
    const { fake, user } = await setup();
    const table = await screen.findByRole('table', { name: /By agent/ });
    await user.click(within(table).getByRole('button', { name: /Accepted/ }));
    await waitFor(() =>
      expect(fake.callsOf('listAgentRows').at(-1)).toMatchObject({
        sort: { by: 'acceptanceRate', dir: 'desc' },
      }),
    );
    await user.click(within(table).getByRole('button', { name: /Accepted/ }));
    await waitFor(() =>
      expect(fake.callsOf('listAgentRows').at(-1)).toMatchObject({
        sort: { by: 'acceptanceRate', dir: 'asc' },
      }),
    );
    expect(within(table).getByRole('columnheader', { name: /Accepted/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
  });

  it('refreshes on recorded events, at most once a second', async () => {
    const { fake } = await setup();
    const before = fake.callsOf('getMetrics').length;
    fake.metrics = () => sampleMetrics(20, 15, 1, 1);
    act(() => {
      for (let i = 0; i < 5; i++) fake.emit('onDidRecordEvents', { count: 1, latestIds: [] });
    });
    await waitFor(() => expect(screen.getByTestId('kpi-acceptance-value')).toHaveTextContent('80.0%'));
    // Five announcements: one refresh at once, the rest folded into a single trailing one.
    const started = Date.now();
    await waitFor(() => expect(fake.callsOf('getMetrics').length).toBe(before + 2), { timeout: 3000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(fake.callsOf('getMetrics').length).toBe(before + 2);
  });

  it('explains how data arrives when the period has no activity', async () => {
    const fake = createFakeSupervisor();
    fake.metrics = () => {
      const m = sampleMetrics(0, 0, 0, 0);
      return { ...m, totals: { ...m.totals, messages: 0, escalations: 0, overrides: 0, draftsChecked: 0 } };
    };
    renderSupervisor(<SupervisorView />, fake);
    expect(await screen.findByText('No assist activity in this period')).toBeInTheDocument();
    expect(screen.getByText(/each agent exports their record/)).toBeInTheDocument();
    expect(screen.getByLabelText('Or enter paths of exports (JSONL)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose export files…' })).toBeEnabled();
  });

  it('shows why the figures could not be read, never an empty-store explanation', async () => {
    const fake = createFakeSupervisor();
    fake.metrics = () => {
      throw new Error('The team store (db.example.com/tandem) could not be read: connection refused.');
    };
    renderSupervisor(<SupervisorView />, fake);
    expect(await screen.findByText(/could not be read: connection refused/)).toBeInTheDocument();
    expect(screen.queryByText('No assist activity in this period')).not.toBeInTheDocument();
  });
});
