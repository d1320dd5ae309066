import * as z from 'zod/mini';

/**
 * Body of `GET /api/health` (200 when the database answers, 503 with `unavailable`/`down` when it
 * does not).
 */
export const HealthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['up', 'down']),
});
/** @see {@link HealthResponse} */
export type HealthResponse = z.infer<typeof HealthResponse>;
