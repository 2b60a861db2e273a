import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/app/app';
import { SupervisorView } from '../../../src/renderer/features/supervisor/components/supervisor-view';
import { supervisorKeys } from '../../../src/renderer/features/supervisor/hooks/keys';
import {
  PREFETCH_MAX_AGE_MS,
  prefetchDashboard,
  resetPrefetch,
  takePrefetched,
} from '../../../src/renderer/features/supervisor/prefetch';
import { createFakeSupervisor, type FakeSupervisor } from './fake-supervisor';
import { renderSupervisor } from './render-supervisor';

const pad = (n: number): string => String(n).padStart(2, '0');
const sixDaysAgo = (): string => {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() - 6);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const defaultFilter = () => ({ from: sixDaysAgo(), tzOffsetMinutes: 0 - new Date().getTimezoneOffset() });

function install(fake: FakeSupervisor): void {
  Object.defineProperty(window, 'tandem', { value: fake.api, configurable: true });
}

afterEach(() => resetPrefetch());

describe('dashboard first paint', { timeout: 30_000 }, () => {
  it('starts the first screen’s queries before the view’s code and does not send them twice', async () => {
    const fake = createFakeSupervisor();
    install(fake);
    prefetchDashboard();
    expect(fake.callsOf('getMetrics')).toEqual([defaultFilter()]);
    expect(fake.callsOf('listAgentRows')).toEqual([
      { filter: defaultFilter(), sort: { by: 'shown', dir: 'desc' }, page: { offset: 0, limit: 100 } },
    ]);
    renderSupervisor(<SupervisorView />, fake);
    expect(await screen.findByTestId('kpi-acceptance-value')).toHaveTextContent('60.0%');
    expect(await screen.findByTestId('agent-row-agent-001')).toBeInTheDocument();
    expect(fake.callsOf('getMetrics')).toHaveLength(1);
    expect(fake.callsOf('listAgentRows')).toHaveLength(1);
    expect(fake.callsOf('getEventStoreNotices')).toHaveLength(1);
  });

  it('drops the early answers when events are recorded before the view mounts', async () => {
    const fake = createFakeSupervisor();
    install(fake);
    prefetchDashboard();
    fake.emit('onDidRecordEvents', { count: 1, latestIds: ['01J'] });
    renderSupervisor(<SupervisorView />, fake);
    await screen.findByTestId('kpi-acceptance-value');
    expect(fake.callsOf('getMetrics')).toHaveLength(2);
  });

  it('hands an answer over once, and never one older than the limit', () => {
    const fake = createFakeSupervisor();
    install(fake);
    const key = supervisorKeys.metrics(defaultFilter());
    const now = Date.now();
    prefetchDashboard(now);
    expect(takePrefetched(key, now + PREFETCH_MAX_AGE_MS + 1)).toBeUndefined();
    prefetchDashboard(now);
    expect(takePrefetched(key, now + PREFETCH_MAX_AGE_MS)).toBeInstanceOf(Promise);
    expect(takePrefetched(key, now)).toBeUndefined();
  });

  it('draws the KPI cards before the charts, then the charts from the same answer', async () => {
    const fake = createFakeSupervisor();
    renderSupervisor(<SupervisorView />, fake);
    await screen.findByTestId('kpi-acceptance-value');
    // The cards' commit carries chart frames, not charts: the charts are a deferred render of their own.
    expect(screen.queryByTestId('chart-trend')).toBeNull();
    expect(screen.getByTestId('charts-pending')).toBeInTheDocument();
    expect(await screen.findByTestId('chart-trend')).toBeInTheDocument();
    expect(screen.getByTestId('chart-outcomes')).toBeInTheDocument();
    expect(screen.queryByTestId('charts-pending')).toBeNull();
    expect(fake.callsOf('getMetrics')).toHaveLength(1);
  });
});

describe('app shell for a supervisor', { timeout: 30_000 }, () => {
  it('opens the dashboard without drawing the agent panel first, each first query sent once', async () => {
    const fake = createFakeSupervisor();
    // Every call the page makes, answered by the fake or not.
    const called: string[] = [];
    fake.api = Object.fromEntries(
      Object.entries(fake.api as unknown as Record<string, (...args: unknown[]) => unknown>).map(
        ([name, fn]) => [
          name,
          (...args: unknown[]) => {
            called.push(name);
            return fn(...args);
          },
        ],
      ),
    ) as unknown as typeof fake.api;
    renderSupervisor(<App />, fake);
    expect(await screen.findByTestId('kpi-acceptance-value')).toHaveTextContent('60.0%');
    expect(called).toContain('getSettings');
    expect(called).not.toContain('getAssistState');
    expect(fake.callsOf('getMetrics')).toEqual([defaultFilter()]);
    expect(fake.callsOf('listAgentRows')).toHaveLength(1);
  });
});
