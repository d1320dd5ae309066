/** A mini-program as the login module is configured with it. */
export interface WxApp {
  readonly appId: string;
  readonly secret: string;
}

/**
 * The login module's settings a spec chooses; everything else (secrets, public URL, pool) is
 * the host's own test configuration.
 */
export interface ModuleSettings {
  readonly apps: readonly WxApp[];
  readonly wechatApiBaseUrl: string;
  readonly rateLimitPerMinute?: number;
  readonly refreshReuseIntervalSeconds?: number;
  readonly sessionKeyGraceSeconds?: number;
  readonly wechatTimeoutMs?: number;
}

/** What a spec asks of the host it starts. */
export interface HostSettings {
  readonly databaseUrl: string;
  readonly wxlogin: ModuleSettings;
  /** The module's Fastify helpers' limits (`RequestLimits`); unset: the host's defaults. */
  readonly requestDeadlineMs?: number;
  readonly requestBodyTimeoutMs?: number;
  /** Receives every log line of the host at its most detailed level; unset: the host is quiet. */
  readonly logSink?: (line: string) => void;
}

/** What a running host's Fastify instance tells about its routes. */
export interface RouteListing {
  printRoutes(options: { commonPrefix: false }): string;
}

/** A host listening on a random local port. */
export interface RunningHost {
  readonly url: string;
  readonly fastify: RouteListing;
  close(): Promise<void>;
}

/** A host of `@wxlogin/nest` the suite runs against (apps/api, examples/nest-host). */
export interface HostUnderTest {
  readonly name: string;
  /** Brings a new database to the host's schema: the module's migrations and its own. */
  migrate(databaseUrl: string): Promise<void>;
  start(settings: HostSettings): Promise<RunningHost>;
  /** Whether the host answers the table's health route (the module leaves health to hosts). */
  readonly servesHealth: boolean;
  /** The routes it registers beyond the route table, as `METHOD /path` in Fastify's syntax. */
  readonly ownRoutes: readonly string[];
}

let registered: HostUnderTest | undefined;

/** Called by a host's Jest setup file (`setupFilesAfterEnv`): the host the specs run against. */
export function registerHost(host: HostUnderTest): void {
  registered = host;
}

export function hostUnderTest(): HostUnderTest {
  if (registered === undefined) {
    throw new Error('no host registered: list the host setup file in setupFilesAfterEnv');
  }
  return registered;
}
