import '../team-store.css';
import { useId } from 'react';
import { describeTeamStatus, useFollowTeamStatus, useTeamStatus } from '../../../app/team-status-data';
import { CheckboxField, TextField } from '../../../ui/field';
import { Section } from '../../../ui/section';
import type { SettingsForm } from '../hooks/use-settings-form';
import { teamLogin } from '../model/validate';
import { TeamPassword } from './team-password';
import { TeamTestConnection } from './team-test-connection';

/** Where this desktop's shipping stands right now, in the same words as the header indicator. */
function CurrentStatus() {
  useFollowTeamStatus();
  const status = useTeamStatus();
  const view = describeTeamStatus(status.data);
  if (!view) return null;
  return (
    <p className="team-current" data-testid="team-current-status">
      <span className={`badge team-badge--${view.tone}`}>{view.text}</span> <span>{view.detail}</span>
    </p>
  );
}

/**
 * The shared PostgreSQL team store: agents ship their assist events to it, supervisors read the whole
 * team from it. Address, outbox size and CA are saved with the rest of the form; the password is
 * stored on its own, straight into the keychain.
 */
export function TeamStoreSection({ form }: { form: SettingsForm }) {
  const { values, errors, setField } = form;
  const caId = useId();
  const supervisor = values.role === 'supervisor';
  const login = teamLogin(values.teamUrl);
  const urlHint = supervisor
    ? 'Use your supervisor login: postgres://LOGIN@HOST:PORT/DATABASE. The dashboard then shows the whole team.'
    : `Your login is your agent ID ("${values.agentId.trim() || '…'}"): postgres://LOGIN@HOST:PORT/DATABASE. No password here.`;
  return (
    <Section
      title="Team store"
      description="A shared PostgreSQL database your administrator set up. Your assist events are sent there so supervisors see the whole team; customer text never is, only the decisions."
    >
      <CheckboxField
        label={
          supervisor ? 'Read the dashboard from the team store' : 'Send my assist events to the team store'
        }
        checked={values.teamEnabled}
        onChange={(v) => setField('teamEnabled', v)}
        hint="Events wait on this computer while the server cannot be reached, and are sent once, in order, when it is back."
      />
      <TextField
        label="Team store address"
        type="url"
        inputMode="url"
        name="team-store-url"
        value={values.teamUrl}
        onChange={(v) => setField('teamUrl', v)}
        error={errors.teamUrl}
        placeholder={`postgres://${login ?? (supervisor ? 'sue' : values.agentId.trim() || 'agent')}@db.example.com:5432/tandem`}
        hint={`${urlHint} A server on another machine must offer TLS.`}
      />
      <TeamPassword />
      {supervisor ? null : (
        <TextField
          label="Outbox size"
          inputMode="numeric"
          name="team-outbox-capacity"
          value={values.teamOutboxCapacity}
          onChange={(v) => setField('teamOutboxCapacity', v)}
          error={errors.teamOutboxCapacity}
          hint="Events kept on this computer while offline; beyond it the oldest are dropped, and the indicator says how many."
        />
      )}
      <details className="team-advanced" open={values.teamCaPem.trim() !== '' || undefined}>
        <summary>Company certificate authority</summary>
        <div className={`field${errors.teamCaPem ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={caId}>
            CA certificate (PEM)
          </label>
          <textarea
            id={caId}
            className="input input--mono"
            rows={4}
            spellCheck={false}
            value={values.teamCaPem}
            aria-invalid={errors.teamCaPem ? true : undefined}
            aria-describedby={`${caId}-hint${errors.teamCaPem ? ` ${caId}-error` : ''}`}
            placeholder="-----BEGIN CERTIFICATE-----"
            onChange={(e) => setField('teamCaPem', e.target.value)}
          />
          <p className="field__hint" id={`${caId}-hint`}>
            Only when the server&apos;s certificate is signed by your company&apos;s own authority.
          </p>
          {errors.teamCaPem ? (
            <p className="field__error" id={`${caId}-error`} role="alert">
              {errors.teamCaPem}
            </p>
          ) : null}
        </div>
      </details>
      <CurrentStatus />
      <TeamTestConnection values={values} />
    </Section>
  );
}
