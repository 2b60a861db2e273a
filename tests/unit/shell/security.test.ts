import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { fuseConfig } from '../../../src/main/shell/fuses-config.cjs';
import { createMainWindowOptions } from '../../../src/main/shell/window-options';

describe('main window security settings (from the real window factory)', () => {
  const options = createMainWindowOptions({ mainDir: '/opt/Tandem/resources/app.asar/out/main' });
  const web = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer without Node', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on, no insecure content, no <webview>, no experimental features', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the one bundled preload from out/preload/index.js', () => {
    expect(web.preload).toBe('/opt/Tandem/resources/app.asar/out/preload/index.js');
  });

  it('opens as a 420×780 side panel by default and honours saved bounds and always-on-top', () => {
    expect(options).toMatchObject({ width: 420, height: 780, alwaysOnTop: false, show: false });
    const placed = createMainWindowOptions({
      mainDir: '/x/out/main',
      bounds: { x: 10, y: 20, width: 500, height: 900 },
      alwaysOnTop: true,
    });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 500, height: 900, alwaysOnTop: true });
    expect({ ...placed.webPreferences, preload: '' }).toEqual({ ...web, preload: '' });
  });
});

describe('Electron fuses (the config the packaging hook applies)', () => {
  it('turns off RunAsNode, NODE_OPTIONS and inspect arguments', () => {
    expect(fuseConfig.version).toBe(FuseVersion.V1);
    expect(fuseConfig[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuseConfig[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuseConfig[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
  });

  it('turns on asar-only loading, asar integrity and cookie encryption', () => {
    expect(fuseConfig[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuseConfig[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuseConfig[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });

  it('the afterPack hook flips exactly these fuses in a binary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-fuses-'));
    try {
      // A stand-in binary: padding, the fuse sentinel, wire version 1, 8 fuses all enabled ('1').
      const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
      const wire = Buffer.from([1, 8, ...Array(8).fill(0x31)]);
      await writeFile(
        join(dir, 'tandem'),
        Buffer.concat([Buffer.alloc(64), sentinel, wire, Buffer.alloc(64)]),
      );
      const { default: afterPack } = createRequire(__filename)('../../../scripts/after-pack.cjs') as {
        default: (context: unknown) => Promise<void>;
      };
      await afterPack({
        appOutDir: dir,
        electronPlatformName: 'linux',
        arch: 1,
        packager: { appInfo: { productFilename: 'Tandem' }, executableName: 'tandem' },
      });
      const flipped = await getCurrentFuseWire(join(dir, 'tandem'));
      const ENABLE = 0x31;
      const DISABLE = 0x30;
      for (let i = 0; i < 8; i += 1) {
        const wanted = (fuseConfig as unknown as Record<number, boolean>)[i];
        expect(flipped[i as FuseV1Options], FuseV1Options[i]).toBe(wanted ? ENABLE : DISABLE);
      }
      expect((await readFile(join(dir, 'tandem'))).length).toBe(64 + 32 + 10 + 64);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
