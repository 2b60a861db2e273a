import { z } from 'zod';

/**
 * zod is loaded only by the views that validate with the shared schemas (Settings, Trainer), not by
 * the first screen: it is the largest package in the page and parsing it delayed the first paint.
 * Those views import this module first. The CSP forbids eval; without `jitless` zod probes
 * `new Function` and the page logs a CSP violation.
 */
z.config({ jitless: true });
