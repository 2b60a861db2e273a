import { useSettings } from '../../settings/hooks/use-settings-data';

/** The saved global shortcuts, so the empty state teaches the combinations this user actually has. */
export function useShortcutHints(): {
  analyzeClipboard: string;
  toggleWindow: string;
  pauseClipboard: string;
} | null {
  const settings = useSettings();
  return settings.data?.shortcuts ?? null;
}
