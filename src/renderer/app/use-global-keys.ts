import { useEffect } from 'react';
import type { ViewId, ViewInfo } from './views';

/**
 * Window-wide keys: Alt+1…9 opens the n-th view of the navigation, Ctrl+, (⌘, on macOS) opens
 * Settings, as in most desktop apps. Listening on the window keeps them working from any field.
 */
export function useGlobalKeys(views: readonly ViewInfo[], open: (view: ViewId) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.repeat) return;
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
        const view = views[Number(e.code.slice(5)) - 1];
        if (view) {
          e.preventDefault();
          open(view.id);
        }
        return;
      }
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === ',') {
        e.preventDefault();
        open('settings');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [views, open]);
}
