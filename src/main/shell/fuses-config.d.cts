import type { FuseV1Config } from '@electron/fuses';

/** Types for fuses-config.cjs (kept CommonJS so the packaging hook can require it without a build). */
export declare const fuseConfig: Readonly<FuseV1Config<boolean>>;
