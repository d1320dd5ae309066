import * as z from 'zod/mini';
import { UserView } from './user.schema.js';

// Apart from the request schemas of auth.schema.ts: the mini-program parses this answer, and
// importing it from there would bring the requests' zod code (xor, union) into its bundle.

/**
 * Success body of `POST /api/auth/login` and `POST /api/auth/refresh`. `expiresIn` is the access
 * token's lifetime in seconds; the refresh token is single-use (rotated on every refresh).
 */
export const TokenResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.int().check(z.positive()),
  user: UserView,
});
/** @see {@link TokenResponse} */
export type TokenResponse = z.infer<typeof TokenResponse>;
