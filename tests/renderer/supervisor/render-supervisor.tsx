import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createQueryClient } from '../../../src/renderer/lib/query-client';
import { useSupervisorUi } from '../../../src/renderer/features/supervisor/store/supervisor-ui-store';
import type { FakeSupervisor } from './fake-supervisor';

/** jsdom has no layout: charts and the virtual list need a ResizeObserver to exist, even a silent one. */
class SilentResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

/** The agent table's scroller, given a size so the virtualizer draws rows (jsdom lays nothing out). */
for (const [prop, size] of [
  ['clientHeight', 320],
  ['clientWidth', 400],
] as const) {
  const real = Object.getOwnPropertyDescriptor(Element.prototype, prop)!;
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement): number {
      return this.classList.contains('sup-agents__body') ? size : (real.get!.call(this) as number);
    },
  });
}

/** Renders with a fresh query cache and UI store, the fake installed as `window.tandem`. */
export function renderSupervisor(ui: ReactElement, fake: FakeSupervisor): RenderResult {
  Object.defineProperty(window, 'tandem', { value: fake.api, configurable: true });
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= SilentResizeObserver;
  useSupervisorUi.setState(useSupervisorUi.getInitialState(), true);
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}
