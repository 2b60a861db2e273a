/// <reference types="vite/client" />
import type { TandemApi } from '../shared/ipc/api';

declare global {
  interface Window {
    /** The contract exposed by the preload (or the browser test harness); the renderer's only way to reach main. */
    readonly tandem: TandemApi;
  }
}

export {};
