import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { Settings } from '../../shared/domain/settings';

/** What the tray menu does, supplied by the boot code so the tray holds no app state. */
export interface TrayActions {
  isWindowVisible(): boolean;
  toggleWindow(): void;
  toggleClipboardWatching(): void;
  quit(): void;
}

/**
 * A 16×16 tray glyph drawn in code (two overlapping rounded squares, "in tandem"), so the shell
 * does not depend on an icon file being packaged beside it.
 */
function trayIcon(): NativeImage {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  const inSquare = (x: number, y: number, ox: number, oy: number): boolean =>
    x >= ox && x < ox + 10 && y >= oy && y < oy + 10;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const i = (y * size + x) * 4;
      const a = inSquare(x, y, 1, 1);
      const b = inSquare(x, y, 5, 5);
      if (!a && !b) continue;
      // BGRA: teal front square, lighter back square.
      const [blue, green, red] = b ? [0xa8, 0x9c, 0x1f] : [0xd8, 0xd2, 0x8e];
      pixels[i] = blue;
      pixels[i + 1] = green;
      pixels[i + 2] = red;
      pixels[i + 3] = 0xff;
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}

/**
 * The tray icon and its menu: show/hide, pause/resume clipboard watching, quit. Rebuilt whenever
 * what it shows changes, because Electron menus are immutable once set.
 */
export class TandemTray {
  private readonly tray: Tray;

  constructor(private readonly actions: TrayActions) {
    this.tray = new Tray(trayIcon());
    this.tray.setToolTip('Tandem');
    this.tray.on('click', () => actions.toggleWindow());
  }

  update(settings: Settings): void {
    if (this.tray.isDestroyed()) return;
    const visible = this.actions.isWindowVisible();
    const watching = settings.clipboard.enabled;
    this.tray.setToolTip(watching ? 'Tandem — watching the clipboard' : 'Tandem — clipboard watching paused');
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: visible ? 'Hide Tandem' : 'Show Tandem', click: () => this.actions.toggleWindow() },
        {
          label: watching ? 'Pause clipboard watching' : 'Resume clipboard watching',
          click: () => this.actions.toggleClipboardWatching(),
        },
        { type: 'separator' },
        { label: 'Quit Tandem', click: () => this.actions.quit() },
      ]),
    );
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }
}
