import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { OpenTicketInput } from '../../../../shared/contract/connectors';
import { tandem, unwrap } from '../../../lib/ipc';

/** Shared with Settings → Connections so a saved connection shows up in the picker at once. */
export const connectionsKey = ['connections'] as const;
const openTicketsKey = ['myOpenTickets'] as const;

/** The saved connections (no credentials), kept fresh by onDidChangeConnections. */
export function useConnectionList() {
  const client = useQueryClient();
  useEffect(
    () => tandem().onDidChangeConnections((list) => client.setQueryData(connectionsKey, list)),
    [client],
  );
  return useQuery({
    queryKey: connectionsKey,
    queryFn: async () => unwrap(await tandem().listConnections()),
  });
}

/** "My open tickets" across connected helpdesks; fetched when the agent opens the picker. */
export function useMyOpenTickets(enabled: boolean) {
  return useQuery({
    queryKey: openTicketsKey,
    queryFn: async () => unwrap(await tandem().listMyOpenTickets({})),
    enabled,
    staleTime: 30_000,
  });
}

export function useOpenTicket() {
  return useMutation({
    mutationFn: async (input: OpenTicketInput) => unwrap(await tandem().openTicket(input)),
  });
}
