import '../../../lib/zod-setup';
import { useMutation } from '@tanstack/react-query';
import type { TeamConnectionOverrides, TeamConnectionTest } from '../../../../shared/contract/team';
import { teamStoreUrlProblem } from '../../../../shared/domain/settings';
import { errorMessage, tandem, unwrap } from '../../../lib/ipc';
import type { FormValues } from '../model/form-values';

/**
 * The unsaved form's address and CA as overrides, so the test tries what is on screen before it is
 * saved. An address that does not parse is sent anyway: main answers with the same plain-words rule.
 */
export function teamOverrides(values: FormValues): TeamConnectionOverrides {
  const out: TeamConnectionOverrides = {};
  const url = values.teamUrl.trim();
  if (url && url.length <= 2000) out.url = url;
  const ca = values.teamCaPem.trim();
  if (ca && ca.length <= 65_536) out.caPem = ca;
  return out;
}

const accessWords: Record<NonNullable<TeamConnectionTest['access']>, string> = {
  agent: 'agent login (ships its own events)',
  supervisor: 'supervisor login (reads the team)',
  admin: 'administrator login',
  none: 'login without access to the events',
};

/** "Test connection": connects with the values on screen and the stored password (which stays in main). */
export function TeamTestConnection({ values }: { values: FormValues }) {
  const test = useMutation({
    mutationFn: async (overrides: TeamConnectionOverrides): Promise<TeamConnectionTest> =>
      unwrap(await tandem().testTeamConnection(overrides)),
  });
  const result = test.data;
  const url = values.teamUrl.trim();
  return (
    <div className="llm-test" data-testid="team-test">
      <div className="button-row button-row--start">
        <button
          type="button"
          className="button"
          disabled={test.isPending || !url}
          aria-describedby="team-test-result"
          onClick={() => test.mutate(teamOverrides(values))}
        >
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <div id="team-test-result" role="status" aria-live="polite" data-testid="team-test-result">
        {test.isPending ? (
          <p className="status-line">
            Contacting {teamStoreUrlProblem(url) ? 'the team store' : new URL(url).host}…
          </p>
        ) : null}
        {test.isError ? (
          <p className="text-error">The test could not run: {errorMessage(test.error)}</p>
        ) : null}
        {result && !test.isPending ? (
          <p className={result.ok ? 'status-line' : 'text-error'} data-ok={result.ok}>
            <span className={`badge ${result.ok ? 'badge--ok' : 'badge--muted'}`}>
              {result.ok ? 'Connected' : 'Failed'}
            </span>{' '}
            {result.message}
            {result.access && !result.ok ? ` (${accessWords[result.access]})` : ''}{' '}
            <span className="llm-test__latency">({Math.round(result.latencyMs)} ms)</span>
          </p>
        ) : null}
      </div>
    </div>
  );
}
