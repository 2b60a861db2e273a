import { useQuery } from '@tanstack/react-query';
import { tandem, unwrap } from './ipc';
import { queryKeys } from './query-keys';

/** Name, version and platform; the platform decides how shortcuts are written (⌘ or Ctrl). */
export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: async () => unwrap(await tandem().getAppInfo()) });
}

/** True on macOS, where CommandOrControl means ⌘. */
export function useIsMac(): boolean {
  return useAppInfo().data?.platform === 'darwin';
}
