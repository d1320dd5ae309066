import { startPrivateRedis } from '@wxlogin/api/test/support/private-redis';

/** The Redis the API instances share: a private server, or the one TEST_REDIS_URL names. */
export interface SuiteRedis {
  /** redis:// URL for the API's REDIS_URL. */
  readonly url: string;
  /** What runs, for the printed figures. */
  readonly description: string;
  stop(): Promise<void>;
}

function isMissingBinary(error: unknown): boolean {
  const cause =
    error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  return cause?.code === 'ENOENT';
}

/**
 * A `redis-server` of our own on a free port, without persistence (the suite may break it
 * without touching the machine's Redis). Where the binary is missing, TEST_REDIS_URL's server is
 * used as it is; without either the suite cannot say anything about shared state, so it fails.
 */
export async function startSuiteRedis(): Promise<SuiteRedis> {
  try {
    const redis = await startPrivateRedis();
    return {
      url: redis.url,
      description: `private redis-server at ${redis.url}`,
      stop: () => redis.stop(),
    };
  } catch (error) {
    const shared = process.env.TEST_REDIS_URL;
    if (!isMissingBinary(error)) throw error;
    if (shared)
      return { url: shared, description: 'TEST_REDIS_URL', stop: () => Promise.resolve() };
    throw new Error(
      'redis-server is not on PATH: install it (apt-get install redis-server) or set TEST_REDIS_URL',
      { cause: error },
    );
  }
}
