import { createServer } from 'node:net';
import { expect, type Page } from '@playwright/test';
import pg from 'pg';
import { ulid } from 'ulidx';
import { generateEvents } from '../../src/main/events/generate';
import { insertTeamEvents } from '../../src/main/team-store/pg-writer';
import { createTeamLogin } from '../../src/main/team-store/roles';
import type { EventFilter } from '../../src/shared/contract/supervisor';
import type { TandemEvent } from '../../src/shared/domain/events';
import { migrateTeamStore } from '../../src/main/team-store/migrate';
import { pgUnavailableReason, startPgCluster, type PgCluster } from '../unit/team-store/pg-cluster';
import { test, watchConsole } from './harness/fixtures';

const ORDER_MESSAGE =
  'Hi, I ordered a linen duvet cover last week and have not heard anything since. Order #10482. Where is it?';

/** A loopback port nothing listens on: the team store there is unreachable, as when the VPN is down. */
async function closedPort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function openSettings(page: Page): Promise<void> {
  await page.keyboard.press('Control+Comma');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
}

const teamSection = (page: Page) =>
  page.locator('section').filter({ has: page.getByRole('heading', { name: 'Team store', exact: true }) });
const indicator = (page: Page) => page.getByTestId('team-status');

/** Fills the section as an agent would: switch, address, password (saved on its own), then Save. */
async function configureTeamStore(page: Page, url: string, password: string): Promise<void> {
  const section = teamSection(page);
  await section.getByLabel('Send my assist events to the team store').check();
  await section.getByLabel('Team store address').fill(url);
  await section.getByLabel(/team store password/i).fill(password);
  await section.getByRole('button', { name: /Save password|Replace password/ }).click();
  await expect(section.getByTestId('team-password-status')).toHaveText('set');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('save-state')).toContainText('All changes saved');
}

test('an unreachable team store shows offline with the retry time, and Test connection says why', async ({
  page,
  harness,
}) => {
  const problems = watchConsole(page);
  const password = 'e2e-team-pw-Unreach41';
  await harness.open();
  // Off by default: the indicator is an empty live region.
  await expect(indicator(page)).toBeEmpty();
  await openSettings(page);
  const port = await closedPort();
  await configureTeamStore(page, `postgres://agent@127.0.0.1:${port}/tandem`, password);

  await expect(indicator(page).getByRole('button')).toHaveText(/Team: offline — retrying at \d/);
  await expect(indicator(page).getByRole('button')).toHaveAttribute('data-tone', 'warning');
  await teamSection(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('team-test-result')).toContainText(/Failed.*unreachable/i);
  await page.screenshot({ path: 'test-results/team-store-offline.png' });

  // The password went to the secret store only: not in the settings file, never back to the page.
  expect(harness.core.settings.get().teamStore).toMatchObject({ enabled: true });
  expect(await harness.secrets.get('teamStore.password')).toBe(password);
  expect(JSON.stringify(harness.exchanges.map((e) => e.result))).not.toContain(password);
  expect(JSON.stringify(harness.events)).not.toContain(password);
  expect(problems).toEqual([]);
});

const skip = pgUnavailableReason();

const pad = (n: number): string => String(n).padStart(2, '0');
/** The dashboard's default period ("last 7 days"), computed here independently. */
function lastSevenDays(now = new Date()): EventFilter {
  const noon = new Date(now);
  noon.setHours(12, 0, 0, 0);
  const d = new Date(noon.getTime() - 6 * 86_400_000);
  return {
    from: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    tzOffsetMinutes: 0 - now.getTimezoneOffset(),
  };
}
const thousands = (n: number): string => n.toLocaleString('en-US');

/** A suggestion shown and accepted as is, just now, by an agent of another desktop. */
function acceptedNow(agentId: string): TandemEvent[] {
  const t = Date.now() - 60_000;
  const common = {
    agentId,
    team: 'late-shift',
    source: 'clipboard' as const,
    threadId: `th-${agentId}`,
    messageId: `m-${agentId}`,
    intent: 'order_status',
    suggestionId: `s-${agentId}`,
    suggestionSource: 'offline' as const,
    verdict: 'pass' as const,
  };
  return [
    { ...common, id: ulid(t), at: new Date(t).toISOString(), type: 'suggestion_shown', rank: 0 },
    {
      ...common,
      id: ulid(t + 4000),
      at: new Date(t + 4000).toISOString(),
      type: 'suggestion_accepted',
      acceptKind: 'asIs',
      editDistance: 0,
      msToAccept: 4000,
      delivery: 'clipboard',
    },
  ];
}

test.describe('with a real PostgreSQL team store', () => {
  test.skip(skip !== null, skip ?? '');
  let cluster: PgCluster;
  let admin: pg.Client;
  let agentPassword: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    cluster = await startPgCluster();
    admin = new pg.Client({ connectionString: cluster.url });
    admin.on('error', () => {});
    await admin.connect();
    await migrateTeamStore(admin);
    // The desktop's agent id is "agent" by default; the login must be the same name.
    agentPassword = (await createTeamLogin(admin, 'agent', 'agent')).password;
  });
  test.afterAll(async () => {
    await admin?.end();
    await cluster?.destroy();
  });

  test('wrong password shows the error; the right one connects and a copied message reaches the server', async ({
    page,
    harness,
  }) => {
    const wrong = 'e2e-wrong-pw-Qx7';
    await harness.open();
    await openSettings(page);
    const url = `postgres://agent@127.0.0.1:${cluster.port}/postgres`;
    await configureTeamStore(page, url, wrong);
    const chip = indicator(page).getByRole('button');
    await expect(chip).toHaveText(/Team: error — The team store refused the login/);
    await expect(chip).not.toContainText(wrong);
    await page.screenshot({ path: 'test-results/team-store-error.png' });

    // Replacing the password alone reconnects (no settings change needed).
    const section = teamSection(page);
    await section.getByLabel('Replace the team store password').fill(agentPassword);
    await section.getByRole('button', { name: 'Replace password' }).click();
    await expect(chip).toHaveText('Team: connected');
    await section.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('team-test-result')).toContainText('your events will be shipped');

    await page.keyboard.press('Alt+1');
    harness.clipboard.writeText(ORDER_MESSAGE);
    await expect(page.getByTestId('customer-text')).toContainText(ORDER_MESSAGE.slice(0, 40));
    await expect
      .poll(async () => {
        const { rows } = await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM tandem_events WHERE agent_id = 'agent' AND type = 'message_analyzed'",
        );
        return rows[0]!.n;
      })
      .toBe(1);
    await expect(chip).toHaveText('Team: connected');
    await page.screenshot({ path: 'test-results/team-store-connected.png' });
  });

  test("a supervisor's dashboard reads the whole team from the team store and updates live", async ({
    page,
    harness,
  }) => {
    test.setTimeout(90_000);
    const suePassword = (await createTeamLogin(admin, 'sue', 'supervisor')).password;
    const end = new Date(Date.now() - 3_600_000);
    const events = [
      ...generateEvents({
        count: 600,
        seed: 9,
        agents: 6,
        start: new Date(end.getTime() - 3 * 86_400_000),
        end,
      }),
    ];
    await insertTeamEvents(admin, events, new Set());

    await harness.core.context.secrets.set('teamStore.password', suePassword);
    await harness.core.settings.update({
      role: 'supervisor',
      teamStore: { enabled: true, url: `postgres://sue@127.0.0.1:${cluster.port}/postgres` },
    });
    await harness.core.team.settled();
    await harness.open();
    const label = `team store (127.0.0.1:${cluster.port}/postgres)`;
    await expect(indicator(page).getByRole('button')).toHaveText(`Source: ${label}`);
    await expect(page.getByRole('heading', { name: 'Team overview' })).toBeVisible();
    await expect(page.getByText(`Source: ${label}. The figures cover every agent`)).toBeVisible();

    // The figures are the team store's (this computer recorded nothing).
    const store = harness.core.team.dashboard.current().store!;
    const before = (await store.getMetrics(lastSevenDays())).totals;
    expect(before.shown).toBeGreaterThan(0);
    expect(await harness.core.events.countEvents()).toBe(0);
    await expect(page.getByTestId('kpi-acceptance')).toContainText(
      `${thousands(before.acceptedAsIs + before.acceptedEdited)} of ${thousands(before.shown)} shown`,
    );
    await page.screenshot({ path: 'test-results/team-store-dashboard.png' });

    // Another desktop ships an acceptance: the dashboard's poll picks it up without a reload.
    await insertTeamEvents(admin, acceptedNow('zed'), new Set());
    await expect(page.getByTestId('kpi-acceptance')).toContainText(
      `${thousands(before.acceptedAsIs + before.acceptedEdited + 1)} of ${thousands(before.shown + 1)} shown`,
      { timeout: 20_000 },
    );
  });

  test('a supervisor whose team store is down sees an error banner naming it, not local figures', async ({
    page,
    harness,
  }) => {
    await harness.core.context.secrets.set('teamStore.password', 'irrelevant-here');
    const port = await closedPort();
    await harness.core.settings.update({
      role: 'supervisor',
      teamStore: { enabled: true, url: `postgres://sue@127.0.0.1:${port}/postgres` },
    });
    await harness.core.team.settled();
    await harness.open();
    await expect(page.getByText(/team store \(127\.0\.0\.1:\d+\/postgres\) could not be read/)).toBeVisible();
    await expect(page.getByText(/does not fall back to this computer's records/)).toBeVisible();
    await expect(indicator(page).getByRole('button')).toHaveText(/Source: team store .* — cannot be read/);
    await expect(indicator(page).getByRole('button')).toHaveAttribute('data-tone', 'error');
    await page.screenshot({ path: 'test-results/team-store-dashboard-down.png' });
  });
});
