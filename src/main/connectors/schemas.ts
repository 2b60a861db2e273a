import { z } from 'zod';
import type { Timing } from './http/rate-budget';

/** Vendor ids arrive as numbers or (after lossless parsing of big ones) strings; Tandem keeps strings. */
export const IdSchema = z.union([z.string(), z.number()]).transform((v) => String(v));

/** Optional text fields that vendors send as null. */
export const NullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** What every connector takes besides its credentials; tests shrink the bounds and inject timing. */
export interface ConnectorCommonOptions {
  baseUrl: string;
  getSecret: (name: string) => Promise<string | null>;
  timeoutMs?: number;
  maxRetries?: number;
  keepLatest?: number;
  maxPages?: number;
  cacheTtlMs?: number;
  timing?: Timing;
  random?: () => number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}
