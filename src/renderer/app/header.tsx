import { TeamStatusIndicator } from './team-status';
import type { ViewId, ViewInfo } from './views';

export interface HeaderProps {
  views: readonly ViewInfo[];
  current: ViewId;
  onOpen(view: ViewId): void;
  isMac: boolean;
}

/** App name and the role's views; each button names its Alt+digit key for sighted keyboard users. */
export function Header({ views, current, onOpen, isMac }: HeaderProps) {
  const modifier = isMac ? '⌥' : 'Alt+';
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <svg className="app-header__logo" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="8" cy="12" r="5" fill="none" stroke="currentColor" strokeWidth="2.2" />
          <circle cx="16" cy="12" r="5" fill="none" stroke="currentColor" strokeWidth="2.2" />
        </svg>
        <span className="app-header__name">Tandem</span>
      </div>
      <nav className="app-nav" aria-label="Views">
        <ul>
          {views.map((v, i) => (
            <li key={v.id}>
              <button
                type="button"
                className="app-nav__item"
                aria-current={v.id === current ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${i + 1}`}
                title={`${v.label} (${modifier}${i + 1})`}
                onClick={() => onOpen(v.id)}
              >
                {v.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <TeamStatusIndicator />
    </header>
  );
}
