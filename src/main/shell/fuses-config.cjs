// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: electron-builder's afterPack hook requires it directly. */
'use strict';

const { FuseV1Options, FuseVersion } = require('@electron/fuses');

/**
 * Electron fuses flipped into the packaged binary (scripts/after-pack.cjs). One module, required
 * by the packaging hook AND imported by the security unit test, so the test checks what ships.
 *
 * - RunAsNode off: the Tandem binary cannot be used as a plain Node.js (ELECTRON_RUN_AS_NODE).
 * - NODE_OPTIONS and --inspect arguments off: nobody can inject code or attach a debugger at launch.
 * - OnlyLoadAppFromAsar + asar integrity on: only the signed-off app.asar runs, unmodified.
 * - Cookie encryption on: the session's cookie store is encrypted with the OS key.
 * - GrantFileProtocolExtraPrivileges stays on: the renderer is loaded from file:// and its module
 *   scripts need it; turning it off needs a custom app:// protocol first.
 */
const fuseConfig = Object.freeze({
  version: FuseVersion.V1,
  strictlyRequireAllFuses: false,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
});

module.exports = { fuseConfig };
