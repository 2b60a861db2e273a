import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { useShellStore } from '../../src/renderer/app/shell-store';
import { useSettingsFormStore } from '../../src/renderer/features/settings/store/settings-form-store';
import { createQueryClient } from '../../src/renderer/lib/query-client';
import type { FakeTandem } from './fake-tandem';

/** Renders with a fresh query cache, fresh UI stores and the fake installed as `window.tandem`. */
export function renderWithTandem(ui: ReactElement, fake: FakeTandem): RenderResult {
  Object.defineProperty(window, 'tandem', { value: fake.api, configurable: true });
  useSettingsFormStore.setState(useSettingsFormStore.getInitialState(), true);
  useShellStore.setState(useShellStore.getInitialState(), true);
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}
