/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads hooks with require(). */
'use strict';

const path = require('node:path');
const { flipFuses } = require('@electron/fuses');
const { fuseConfig } = require('../src/main/shell/fuses-config.cjs');

/**
 * electron-builder afterPack hook: flips the Electron fuses in the packaged binary before it is
 * signed. The fuse values come from src/main/shell/fuses-config.cjs, which the security test reads.
 * @param {{ appOutDir: string; electronPlatformName: string; arch: number; packager: { appInfo: { productFilename: string } } }} context
 */
exports.default = async function afterPack(context) {
  const name = context.packager.appInfo.productFilename;
  const platform = context.electronPlatformName;
  const binary =
    platform === 'darwin'
      ? path.join(context.appOutDir, `${name}.app`)
      : platform === 'win32'
        ? path.join(context.appOutDir, `${name}.exe`)
        : path.join(context.appOutDir, context.packager.executableName ?? name.toLowerCase());
  // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches (arch 3 = arm64).
  const resetAdHocDarwinSignature = platform === 'darwin' && context.arch === 3;
  await flipFuses(binary, { ...fuseConfig, resetAdHocDarwinSignature });
  console.log(`  • fuses flipped on ${path.basename(binary)}`);
};
