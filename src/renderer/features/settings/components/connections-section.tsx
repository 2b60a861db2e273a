import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type {
  ConnectionKind,
  ConnectionSummary,
  CredentialField,
} from '../../../../shared/contract/connectors';
import type { TestConnectionResult } from '../../../../shared/domain/connectors';
import { errorMessage, tandem, unwrap } from '../../../lib/ipc';
import { Section } from '../../../ui/section';
import { TextField } from '../../../ui/field';
import { connectionsKey, useConnectionList } from '../../assist/hooks/use-tickets';

const KINDS: { value: ConnectionKind; label: string; domain?: string }[] = [
  { value: 'zendesk', label: 'Zendesk', domain: 'zendesk.com' },
  { value: 'freshdesk', label: 'Freshdesk', domain: 'freshdesk.com' },
  { value: 'gorgias', label: 'Gorgias', domain: 'gorgias.com' },
  { value: 'helpscout', label: 'Help Scout' },
  { value: 'shopify', label: 'Shopify (store)', domain: 'myshopify.com' },
];

const FIELD_LABEL: Record<CredentialField, string> = {
  email: 'Agent e-mail',
  token: 'API token',
  apiKey: 'API key',
  clientId: 'App ID',
  clientSecret: 'App secret',
  accessToken: 'Admin API access token',
};

/** Same per-kind fields main asks for (connection-service `credentialFields`). */
function fieldsFor(kind: ConnectionKind, zendeskAuth: 'token' | 'oauth'): CredentialField[] {
  if (kind === 'zendesk') return zendeskAuth === 'oauth' ? ['token'] : ['email', 'token'];
  if (kind === 'freshdesk') return ['apiKey'];
  if (kind === 'gorgias') return ['email', 'apiKey'];
  if (kind === 'helpscout') return ['clientId', 'clientSecret'];
  return ['accessToken'];
}

interface Draft {
  id?: string;
  name: string;
  kind: ConnectionKind;
  subdomain: string;
  baseUrl: string;
  zendeskAuth: 'token' | 'oauth';
  credentials: Partial<Record<CredentialField, string>>;
}

const emptyDraft = (): Draft => ({
  name: '',
  kind: 'zendesk',
  subdomain: '',
  baseUrl: '',
  zendeskAuth: 'token',
  credentials: {},
});

const draftOf = (c: ConnectionSummary): Draft => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  subdomain: c.subdomain ?? '',
  baseUrl: c.baseUrl ?? '',
  zendeskAuth: c.zendeskAuth ?? 'token',
  credentials: {},
});

/**
 * Helpdesk and store connections. Credentials are password fields that go to main's secret store once;
 * they are never shown back (an edit that leaves them empty keeps the stored ones).
 */
export function ConnectionsSection() {
  const client = useQueryClient();
  const list = useConnectionList();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [results, setResults] = useState<Record<string, TestConnectionResult>>({});
  const refresh = (next: ConnectionSummary[]) => client.setQueryData(connectionsKey, next);
  const save = useMutation({
    mutationFn: async (d: Draft) =>
      unwrap(
        await tandem().saveConnection({
          ...(d.id ? { id: d.id } : {}),
          kind: d.kind,
          ...(d.name.trim() ? { name: d.name.trim() } : {}),
          ...(d.subdomain.trim() ? { subdomain: d.subdomain.trim() } : {}),
          ...(d.baseUrl.trim() ? { baseUrl: d.baseUrl.trim() } : {}),
          ...(d.kind === 'zendesk' ? { zendeskAuth: d.zendeskAuth } : {}),
          credentials: Object.fromEntries(
            Object.entries(d.credentials).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
          ),
        }),
      ),
    onSuccess: () => {
      setDraft(null);
      void client.invalidateQueries({ queryKey: connectionsKey });
    },
  });
  const remove = useMutation({
    mutationFn: async (id: string) => unwrap(await tandem().removeConnection({ id })),
    onSuccess: refresh,
  });
  const test = useMutation({
    mutationFn: async (id: string) => ({ id, result: unwrap(await tandem().testConnection({ id })) }),
    onSuccess: ({ id, result }) => setResults((r) => ({ ...r, [id]: result })),
  });

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (draft) save.mutate(draft);
  };
  const kindInfo = draft ? KINDS.find((k) => k.value === draft.kind) : undefined;

  return (
    <Section
      title="Connections"
      description="Connect your helpdesk to open tickets in the panel and post accepted replies, and your store for order context."
    >
      {list.isError ? <p role="alert">{errorMessage(list.error)}</p> : null}
      <ul className="connections" data-testid="connections-list">
        {(list.data ?? []).map((c) => (
          <li key={c.id} className="connections__item">
            <strong>{c.name}</strong>{' '}
            <span className="connections__meta">
              {c.credentials.every((x) => x.isSet) ? 'credentials set' : 'credentials missing'}
            </span>
            <div className="button-row">
              <button
                type="button"
                className="button button--small"
                disabled={test.isPending}
                onClick={() => test.mutate(c.id)}
              >
                Test connection
              </button>
              <button type="button" className="button button--small" onClick={() => setDraft(draftOf(c))}>
                Edit
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={remove.isPending}
                onClick={() => remove.mutate(c.id)}
              >
                Remove
              </button>
            </div>
            {results[c.id] ? (
              <p
                role="status"
                data-testid="connection-test-result"
                className={results[c.id]!.ok ? 'text-ok' : 'text-error'}
              >
                {results[c.id]!.message}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {test.isError ? <p role="alert">{errorMessage(test.error)}</p> : null}
      {draft ? (
        <form className="connection-form" onSubmit={submit} noValidate aria-label="Connection">
          <label className="field">
            <span className="field__label">Type</span>
            <select
              className="input"
              value={draft.kind}
              disabled={draft.id !== undefined}
              onChange={(e) =>
                setDraft({ ...draft, kind: e.target.value as ConnectionKind, credentials: {} })
              }
            >
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label="Name (optional)"
            value={draft.name}
            onChange={(name) => setDraft({ ...draft, name })}
          />
          {kindInfo?.domain ? (
            <TextField
              label="Subdomain"
              value={draft.subdomain}
              hint={`e.g. "acme" for acme.${kindInfo.domain}`}
              onChange={(subdomain) => setDraft({ ...draft, subdomain })}
            />
          ) : null}
          <TextField
            label={kindInfo?.domain ? 'Or base URL' : 'Base URL (optional)'}
            value={draft.baseUrl}
            placeholder="https://"
            onChange={(baseUrl) => setDraft({ ...draft, baseUrl })}
          />
          {draft.kind === 'zendesk' ? (
            <label className="field">
              <span className="field__label">Sign-in</span>
              <select
                className="input"
                value={draft.zendeskAuth}
                onChange={(e) => setDraft({ ...draft, zendeskAuth: e.target.value as 'token' | 'oauth' })}
              >
                <option value="token">E-mail and API token</option>
                <option value="oauth">OAuth access token</option>
              </select>
            </label>
          ) : null}
          {fieldsFor(draft.kind, draft.zendeskAuth).map((field) => (
            <TextField
              key={field}
              label={FIELD_LABEL[field]}
              type="password"
              name={`connection-${field}`}
              value={draft.credentials[field] ?? ''}
              hint={draft.id ? 'Leave empty to keep the saved value. It is never shown again.' : undefined}
              onChange={(v) => setDraft({ ...draft, credentials: { ...draft.credentials, [field]: v } })}
            />
          ))}
          {save.isError ? <p role="alert">{errorMessage(save.error)}</p> : null}
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              Save connection
            </button>
            <button type="button" className="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setDraft(emptyDraft())}>
          Add connection
        </button>
      )}
    </Section>
  );
}
