import { Fragment } from 'react';

/** Electron accelerator names as people read them on this platform. */
export function formatAccelerator(accelerator: string, isMac: boolean): string[] {
  return accelerator.split('+').map((key) => {
    const k = key.trim();
    if (/^(CommandOrControl|CmdOrCtrl)$/i.test(k)) return isMac ? '⌘' : 'Ctrl';
    if (/^(Command|Cmd)$/i.test(k)) return '⌘';
    if (/^(Control|Ctrl)$/i.test(k)) return 'Ctrl';
    if (/^(Alt|Option)$/i.test(k)) return isMac ? '⌥' : 'Alt';
    if (/^(Super|Meta)$/i.test(k)) return isMac ? '⌘' : 'Super';
    return k;
  });
}

export interface KbdProps {
  accelerator: string;
  isMac?: boolean;
}

/** A key combination drawn as keys, with the readable text kept for screen readers. */
export function Kbd({ accelerator, isMac = false }: KbdProps) {
  const keys = formatAccelerator(accelerator, isMac);
  return (
    <span className="kbd-group">
      <span className="visually-hidden">{keys.join(' plus ')}</span>
      {keys.map((k, i) => (
        <Fragment key={`${k}-${i}`}>
          {i > 0 ? (
            <span aria-hidden="true" className="kbd-plus">
              +
            </span>
          ) : null}
          <kbd className="kbd" aria-hidden="true">
            {k}
          </kbd>
        </Fragment>
      ))}
    </span>
  );
}
