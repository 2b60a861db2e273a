import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { tandem } from './ipc';
import { queryKeys } from './query-keys';

/**
 * Keeps the query cache in step with main: a change made elsewhere (the tray, a shortcut, another
 * view) arrives as an event and replaces the cached answer, so no view polls.
 */
export function useMainEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const api = tandem();
    const offs = [
      api.onDidChangeSettings((settings) => client.setQueryData(queryKeys.settings, settings)),
      api.onDidChangeSecretStatus((status) => client.setQueryData(queryKeys.secretStatus, status)),
      api.onDidChangeShortcutStatus((status) => client.setQueryData(queryKeys.shortcutStatus, status)),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);
}
