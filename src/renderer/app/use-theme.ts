import { useEffect } from 'react';
import type { Settings } from '../../shared/domain/settings';

/**
 * Applies the theme setting to the document. "system" leaves the choice to `prefers-color-scheme`
 * (the stylesheet uses `light-dark()`), so an OS switch takes effect without any script.
 */
export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    document.documentElement.dataset.theme = theme ?? 'system';
  }, [theme]);
}
