import type { ReactNode } from 'react';

export interface BannerProps {
  level: 'info' | 'warning' | 'error' | 'success';
  children: ReactNode;
  /** Shows a close button; omit for banners the user cannot make go away (they go when the cause does). */
  onDismiss?(): void;
  dismissLabel?: string;
}

/**
 * A message across the panel. Errors and warnings use `role="alert"` so they are announced;
 * information uses a polite status.
 */
export function Banner({ level, children, onDismiss, dismissLabel }: BannerProps) {
  const urgent = level === 'error' || level === 'warning';
  return (
    <div className={`banner banner--${level}`} role={urgent ? 'alert' : 'status'}>
      <div className="banner__body">{children}</div>
      {onDismiss ? (
        <button type="button" className="button button--ghost banner__close" onClick={onDismiss}>
          {dismissLabel ?? 'Dismiss'}
        </button>
      ) : null}
    </div>
  );
}
