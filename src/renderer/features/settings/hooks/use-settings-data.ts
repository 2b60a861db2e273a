import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SecretName } from '../../../../shared/contract/settings';
import type { SettingsPatch } from '../../../../shared/domain/settings';
import { tandem, unwrap } from '../../../lib/ipc';
import { queryKeys } from '../../../lib/query-keys';

/** Saved settings as main holds them; updated in place by `onDidChangeSettings`. */
export function useSettings() {
  return useQuery({
    queryKey: queryKeys.settings,
    queryFn: async () => unwrap(await tandem().getSettings()),
  });
}

/** Problems main met while loading settings (a corrupt file moved aside). */
export function useSettingsNotices() {
  return useQuery({
    queryKey: queryKeys.settingsNotices,
    queryFn: async () => unwrap(await tandem().getSettingsNotices()),
  });
}

/** Whether each secret is set and where secrets are kept; values never reach the renderer. */
export function useSecretStatus() {
  return useQuery({
    queryKey: queryKeys.secretStatus,
    queryFn: async () => unwrap(await tandem().getSecretStatus()),
  });
}

/** Which global shortcuts the OS accepted, with its reason when it refused one. */
export function useShortcutStatus() {
  return useQuery({
    queryKey: queryKeys.shortcutStatus,
    queryFn: async () => unwrap(await tandem().getShortcutStatus()),
  });
}

/** Saves a patch; main answers with the full settings, which replace the cache at once. */
export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (patch: SettingsPatch) => unwrap(await tandem().updateSettings(patch)),
    onSuccess: (settings) => {
      client.setQueryData(queryKeys.settings, settings);
      // Main re-registers shortcuts after a change; the event normally arrives first, this is a safety net.
      void client.invalidateQueries({ queryKey: queryKeys.shortcutStatus });
    },
  });
}

/** Puts every setting back to its default; main announces the change like any other update. */
export function useResetSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await tandem().resetSettings()),
    onSuccess: (settings) => client.setQueryData(queryKeys.settings, settings),
  });
}

/** Sends a secret to main's store; the answer is only the new status, never the value. */
export function useSetSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { name: SecretName; value: string }) => unwrap(await tandem().setSecret(input)),
    onSuccess: (status) => client.setQueryData(queryKeys.secretStatus, status),
  });
}

/** Deletes a secret from main's store. */
export function useClearSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (name: SecretName) => unwrap(await tandem().clearSecret({ name })),
    onSuccess: (status) => client.setQueryData(queryKeys.secretStatus, status),
  });
}
