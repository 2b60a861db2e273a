import { createEventBus, type EventBus } from '../ipc/event-bus';
import { createIpcRouter, type Handlers, type IpcRouter } from '../ipc/router';
import { createSenderCheck } from '../ipc/trust';
import { SecretsService } from '../secrets/secrets-service';
import { ExternalLinkPolicy } from '../security/external-links';
import { createSettingsService, type SettingsService } from '../settings/settings-service';
import { AppActions } from './app-actions';
import type { AppPorts, CoreContext } from './core-context';
import { createAppHandlers } from './handlers/app-handlers';
import { createSettingsHandlers } from './handlers/settings-handlers';
import { OwnClipboardWrites } from '../assist/own-writes';
import { ShortcutService } from './shortcut-service';
import { join } from 'node:path';
import {
  createSupervisorHandlers,
  forwardDashboardEvents,
  type DashboardSources,
} from '../events/supervisor-handlers';
import { createTeamFeature, type TeamFeature } from '../team-store/team-feature';
import { SqliteEventStore } from '../events/sqlite/sqlite-event-store';
import { scheduleRetention } from '../events/retention';
import type { EventStore } from '../events/event-store';
import { createAssistFeature, type AssistFeature } from './assist-feature';
import { createConnectorsFeature, type ConnectorsFeature } from './connectors-feature';
import { createTrainerHandlers } from '../replay/trainer-handlers';

export type { AppPorts, CoreContext } from './core-context';
export type { ShortcutRegistrar } from './shortcut-service';

/**
 * The app without its shell: services, handlers and events. Electron's main process and the
 * browser test harness both build it, so the UI tests talk to exactly the services the app runs.
 */
export interface AppCore {
  bus: EventBus;
  handlers: Handlers;
  /** Binds the handlers to a trust check for the URLs this shell loads (file://, dev server, test server). */
  createRouter(
    appUrls: readonly string[],
    onUnexpectedError?: (name: string, error: unknown) => void,
  ): IpcRouter;
  settings: SettingsService;
  /** The assist panel's services (engine, knowledge, LLM drafts, clipboard runtime). */
  assist: AssistFeature;
  /** Saved helpdesk/store connections and the ticket opener. */
  connectors: ConnectorsFeature;
  /** The local assist record. */
  events: EventStore;
  /** Shipping to the team store and the supervisor's reading from it, as Settings configure them. */
  team: TeamFeature;
  /** Everything features use; the shell reaches shortcuts, actions and link policy through it. */
  context: CoreContext;
  dispose(): Promise<void>;
}

/**
 * Composition root. A feature adds its handler file under ./handlers and one spread line below;
 * the `Handlers` type makes the compiler point at any contract call left without a handler.
 */
export async function createAppCore(ports: AppPorts): Promise<AppCore> {
  const bus = createEventBus();
  const settings = await createSettingsService({
    userDataDir: ports.userDataDir,
    notifications: ports.notifications,
  });
  const actions = new AppActions((action, error) => {
    ports.notifications.notify(
      'Tandem',
      `That did not work (${action}): ${(error as Error)?.message ?? error}`,
    );
  });
  actions.set('pauseClipboard', () =>
    settings.update({ clipboard: { enabled: !settings.get().clipboard.enabled } }),
  );
  const shortcuts = new ShortcutService(ports.shortcuts, (a) => actions.run(a), ports.notifications);
  const context: CoreContext = {
    ports,
    bus,
    settings,
    secrets: new SecretsService(ports.secrets),
    externalLinks: new ExternalLinkPolicy(),
    ownClipboardWrites: new OwnClipboardWrites(),
    shortcuts,
    actions,
  };

  const disposers: (() => unknown)[] = [
    settings.onDidChange((next) => bus.emit('onDidChangeSettings', next)),
    context.secrets.onDidChange((status) => bus.emit('onDidChangeSecretStatus', status)),
    shortcuts.onDidChange((status) => bus.emit('onDidChangeShortcutStatus', status)),
  ];
  let lastShortcuts = JSON.stringify(settings.get().shortcuts);
  shortcuts.apply(settings.get().shortcuts);
  disposers.push(
    settings.onDidChange((next) => {
      const serialized = JSON.stringify(next.shortcuts);
      if (serialized === lastShortcuts) return;
      lastShortcuts = serialized;
      shortcuts.apply(next.shortcuts);
    }),
  );

  const eventsPath = join(ports.userDataDir, 'events.sqlite');
  const events: EventStore = SqliteEventStore.open(eventsPath);
  for (const notice of events.notices) ports.notifications.notify('Tandem', notice.message);
  const team = await createTeamFeature({
    dbPath: eventsPath,
    events,
    settings,
    secrets: ports.secrets,
    onDidChangeSecrets: (listener) => context.secrets.onDidChange(listener),
    ...(ports.teamStore ? { options: ports.teamStore } : {}),
  });
  disposers.push(
    team.onDidChangeTeamStatus((status) => bus.emit('onDidChangeTeamStatus', status)),
    team.onDidChangeEventSource((source) => bus.emit('onDidChangeEventSource', source)),
    forwardDashboardEvents(team.dashboard, (batch) => bus.emit('onDidRecordEvents', batch)),
  );
  disposers.push(warmSupervisorDashboard(settings, team.dashboard));
  disposers.push(
    scheduleRetention({
      store: events,
      retentionDays: () => settings.get().eventStore.retentionDays,
      onError: (error) =>
        ports.notifications.notify(
          'Tandem',
          `Old assist records could not be cleaned up: ${(error as Error)?.message ?? error}`,
        ),
    }),
  );
  const connectors = await createConnectorsFeature(context);
  const assist = await createAssistFeature(context, events, connectors.bridge);
  connectors.attach((message) => assist.runtime.receive(message));

  const handlers: Handlers = {
    ...createAppHandlers(context),
    ...createSettingsHandlers(context),
    ...assist.handlers,
    ...createSupervisorHandlers(team.dashboard, {
      ...(ports.chooseExportPath ? { chooseExportPath: ports.chooseExportPath } : {}),
      ...(ports.chooseImportFiles ? { chooseImportFiles: ports.chooseImportFiles } : {}),
    }),
    ...createTrainerHandlers(context, assist, events),
    ...connectors.handlers,
    ...team.handlers,
  };

  return {
    bus,
    handlers,
    settings,
    context,
    assist,
    connectors,
    events,
    team,
    createRouter: (appUrls, onUnexpectedError) =>
      createIpcRouter(handlers, {
        isTrustedSender: createSenderCheck(appUrls),
        ...(onUnexpectedError ? { onUnexpectedError } : {}),
      }),
    async dispose() {
      for (const dispose of disposers.splice(0)) dispose();
      assist.dispose();
      connectors.dispose();
      shortcuts.unregisterAll();
      await team.dispose();
      await Promise.all([settings.flush(), events.close()]);
    },
  };
}

/**
 * A supervisor's window opens on the last 7 days. Reading that range once in the background at
 * start-up, while the window is still loading, brings the pages the query needs into memory: on a
 * cold file that first read was the largest part of the dashboard's first paint (paint bench
 * waterfall). Local store only; nothing is kept but the database's own caches.
 */
function warmSupervisorDashboard(settings: SettingsService, sources: DashboardSources): () => void {
  if (settings.get().role !== 'supervisor') return () => {};
  const timer = setTimeout(() => {
    const source = sources.current();
    if (source.kind !== 'local' || !source.store) return;
    const now = new Date();
    const noon = new Date(now.getTime());
    noon.setHours(12, 0, 0, 0);
    const from = new Date(noon.getTime() - 6 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const filter = {
      tzOffsetMinutes: -now.getTimezoneOffset(),
      from: `${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}`,
    };
    source.store.getMetrics(filter).catch(() => {
      // Best effort: the dashboard's own request reports any problem.
    });
  }, 0);
  return () => clearTimeout(timer);
}
