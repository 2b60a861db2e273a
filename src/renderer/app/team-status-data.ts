import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventSource, TeamStatus } from '../../shared/contract/team';
import { tandem, unwrap } from '../lib/ipc';

/** Query keys of the team store data main owns; events replace the cached answers in place. */
export const teamKeys = {
  status: ['team', 'status'] as const,
  source: ['team', 'source'] as const,
};

/** Every supervisor dashboard query starts with this key (see the supervisor feature's hooks). */
const SUPERVISOR_QUERIES = ['supervisor'] as const;

/** This desktop's shipping status (off, connected, queued, offline, error); followed live. */
export function useTeamStatus() {
  return useQuery({
    queryKey: teamKeys.status,
    queryFn: async () => unwrap(await tandem().getTeamStatus()),
  });
}

/** Where the supervisor dashboard reads from: this computer or the team store. */
export function useEventSource() {
  return useQuery({
    queryKey: teamKeys.source,
    queryFn: async () => unwrap(await tandem().getEventSource()),
  });
}

/** Keeps the cached shipping status in step with main (views that show it without the header). */
export function useFollowTeamStatus(): void {
  const client = useQueryClient();
  useEffect(
    () => tandem().onDidChangeTeamStatus((status) => client.setQueryData(teamKeys.status, status)),
    [client],
  );
}

/**
 * Follows main's team store events: the status replaces the cached one, and a new dashboard source
 * drops every dashboard answer so no figure from the previous source stays on screen. Mounted once,
 * by the header indicator.
 */
export function useTeamEvents(): void {
  const client = useQueryClient();
  useFollowTeamStatus();
  useEffect(
    () =>
      tandem().onDidChangeEventSource((source) => {
        client.setQueryData(teamKeys.source, source);
        void client.invalidateQueries({ queryKey: SUPERVISOR_QUERIES });
      }),
    [client],
  );
}

export type TeamTone = 'ok' | 'busy' | 'warning' | 'error' | 'muted';

/** What the indicator shows: a short label, its tone, and the longer explanation for the tooltip. */
export interface TeamStatusView {
  tone: TeamTone;
  text: string;
  detail: string;
  /** Events dropped from a full outbox; shown as a warning beside the label. */
  dropped: number;
}

const count = (n: number): string => n.toLocaleString('en-US');
const clock = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The agent's indicator for a shipping status; null when the team store is off (nothing to show). */
export function describeTeamStatus(status: TeamStatus | undefined): TeamStatusView | null {
  if (!status || status.state === 'off') return null;
  const dropped = status.dropped;
  const droppedNote =
    dropped > 0
      ? ` The outbox was full: the oldest ${count(dropped)} event(s) were dropped and supervisors will not see them.`
      : '';
  const queued = status.queued > 0 ? ` ${count(status.queued)} event(s) wait in the outbox.` : '';
  switch (status.state) {
    case 'connected':
      return {
        tone: dropped > 0 ? 'warning' : 'ok',
        text: 'Team: connected',
        detail: `Your assist events reach the team store.${status.lastSentAt ? ` Last sent at ${clock(status.lastSentAt)}.` : ''}${droppedNote}`,
        dropped,
      };
    case 'sending':
      return {
        tone: dropped > 0 ? 'warning' : 'busy',
        text: status.queued > 0 ? `Team: queued ${count(status.queued)}` : 'Team: sending…',
        detail: `Sending to the team store.${queued}${droppedNote}`,
        dropped,
      };
    case 'offline':
      return {
        tone: 'warning',
        text: status.nextRetryAt
          ? `Team: offline — retrying at ${clock(status.nextRetryAt)}`
          : 'Team: offline — retrying',
        detail: `${status.reason ?? 'The team store cannot be reached.'}${queued} Nothing is lost: events wait on this computer.${droppedNote}`,
        dropped,
      };
    case 'error':
      return {
        tone: 'error',
        text: `Team: error — ${status.reason ?? 'the team store refused the events'}`,
        detail: `${status.reason ?? 'The team store refused the events.'}${queued} Fix it in Settings → Team store.${droppedNote}`,
        dropped,
      };
  }
}

/** The supervisor's indicator: which store the dashboard shows. */
export function describeEventSource(source: EventSource | undefined): TeamStatusView | null {
  if (!source) return null;
  if (source.problem) {
    return {
      tone: 'error',
      text: `Team store: error — ${source.problem}`,
      detail: `The dashboard reads the ${source.label}, which cannot be used: ${source.problem}`,
      dropped: 0,
    };
  }
  if (source.kind === 'team' && source.readError) {
    return {
      tone: 'error',
      text: `Source: ${source.label} — cannot be read`,
      detail: `${source.readError} The dashboard does not fall back to this computer's records.`,
      dropped: 0,
    };
  }
  return source.kind === 'team'
    ? {
        tone: 'ok',
        text: `Source: ${source.label}`,
        detail: 'The dashboard shows every agent who ships to this team store.',
        dropped: 0,
      }
    : {
        tone: 'muted',
        text: 'Source: this computer',
        detail:
          "The dashboard shows this computer's records and imported files. Set up a team store in Settings to see the whole team live.",
        dropped: 0,
      };
}
