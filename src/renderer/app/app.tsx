import { lazy, Suspense, useEffect, useMemo, useRef, type ComponentType } from 'react';
import { AssistView } from '../features/assist/components/assist-view';
import { useSettings } from '../features/settings/hooks/use-settings-data';
import { prefetchDashboard } from '../features/supervisor/prefetch';
import { useIsMac } from '../lib/use-app-info';
import { useMainEvents } from '../lib/use-main-events';
import { Header } from './header';
import { useShellStore } from './shell-store';
import { useGlobalKeys } from './use-global-keys';
import { useTheme } from './use-theme';
import { viewsForRole, type ViewId } from './views';

// The dashboard and the trainer carry the chart library and their own screens: load them when opened,
// so the agent's panel paints without them.
// The dashboard's first queries start with its code, not after it (see features/supervisor/prefetch.ts).
const SupervisorView = lazy(() => {
  prefetchDashboard();
  return import('../features/supervisor/components/supervisor-view').then((m) => ({
    default: m.SupervisorView,
  }));
});
// Settings validates with the shared schemas (zod), the largest package in the page: it loads on open,
// and is fetched in the background once the first view has painted so opening it stays instant.
const loadSettingsView = () =>
  import('../features/settings/components/settings-view').then((m) => ({ default: m.SettingsView }));
const SettingsView = lazy(loadSettingsView);
const TrainerView = lazy(() =>
  import('../features/trainer/components/trainer-view').then((m) => ({ default: m.TrainerView })),
);

const viewComponents: Record<ViewId, ComponentType> = {
  assist: AssistView,
  supervisor: SupervisorView,
  trainer: TrainerView,
  settings: SettingsView,
};

/**
 * The window shell: header, role-aware navigation and the open view. Focus moves to the view's
 * content when the view changes so keyboard and screen-reader users land where the change happened.
 */
export function App() {
  useMainEvents();
  const settings = useSettings();
  useTheme(settings.data?.theme);
  const isMac = useIsMac();
  const role = settings.data?.role ?? 'agent';
  const views = useMemo(() => viewsForRole(role), [role]);
  const chosen = useShellStore((s) => s.view);
  const openView = useShellStore((s) => s.openView);
  const current = chosen && views.some((v) => v.id === chosen) ? chosen : (views[0]?.id ?? 'settings');
  useGlobalKeys(views, openView);

  useEffect(() => {
    if (settings.isPending) return;
    const timer = setTimeout(() => void loadSettingsView(), 1500);
    return () => clearTimeout(timer);
  }, [settings.isPending]);

  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [current]);

  const View = viewComponents[current];
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header views={views} current={current} onOpen={openView} isMac={isMac} />
      <main id="main" className="app-main" ref={main} tabIndex={-1} aria-label={labelOf(views, current)}>
        <Suspense fallback={<p className="text-muted">Loading…</p>}>
          {/* No view until the role is known: a supervisor's window would otherwise draw the agent's
              panel, and start its queries, on the dashboard's critical path (measured in the paint bench). */}
          {settings.isPending ? null : <View />}
        </Suspense>
      </main>
    </div>
  );
}

const labelOf = (views: readonly { id: ViewId; label: string }[], id: ViewId): string =>
  views.find((v) => v.id === id)?.label ?? 'Tandem';
