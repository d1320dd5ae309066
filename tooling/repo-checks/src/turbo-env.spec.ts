import { environmentReads } from './env-reads';
import { environmentReadsByRole, turboEntryMatches, turboEnvironmentNames } from './turbo-env';

/**
 * Read only by tests and benchmarks, which turbo runs (`pnpm test`, `pnpm bench`); turbo passes
 * nothing it is not told to, so these are in turbo.json as well.
 */
const TEST_AND_BENCH_VARIABLES: Record<string, string> = {
  TEST_DATABASE_URL:
    'database tests and the API bench use this PostgreSQL instead of an embedded one',
  TEST_REDIS_URL: 'the fault suite uses this Redis where the machine has no redis-server',
  CHROMIUM_PATH: "the H5 browser test's Chromium (Debian's by default)",
};

/** Read by programs that turbo starts, not by our code. */
const READ_BY_TOOLS: Record<string, string> = {
  CI: 'Jest writes no new snapshot under CI; also keeps CI runs apart in the cache key',
  COREPACK_INTEGRITY_KEYS:
    "corepack, when turbo starts a task through pnpm behind a registry mirror without npm's signatures",
};

/** Read by our code, and rightly absent from turbo.json. */
const NOT_FROM_TURBO: Record<string, string> = {
  PATH: 'turbo passes it to every task',
  HOME: 'turbo passes it to every task',
  NO_COLOR: 'turbo passes it to every task',
  TARO_ENV: 'set by the Taro CLI for the code it builds',
  WXLOGIN_TEST_SERVER_URL: "set by the API tests' global setup for the test workers it starts",
};

const turboNames = turboEnvironmentNames();
const productReads = environmentReadsByRole('product');
const testAndBenchReads = new Map([
  ...environmentReadsByRole('test'),
  ...environmentReadsByRole('bench'),
]);

/** `names` with each one a turbo.json pattern lets through replaced by that pattern. */
function asTurboEntries(names: Iterable<string>): string[] {
  const entries = [...names].map(
    (name) =>
      turboNames.find((entry) => entry.includes('*') && turboEntryMatches(entry, name)) ?? name,
  );
  return [...new Set(entries)].sort();
}

describe('turbo.json', () => {
  it('should let through exactly what the product reads, and the listed test and tool variables', () => {
    const expected = asTurboEntries(
      [
        ...productReads.keys(),
        ...Object.keys(TEST_AND_BENCH_VARIABLES),
        ...Object.keys(READ_BY_TOOLS),
      ].filter((name) => !(name in NOT_FROM_TURBO)),
    );
    const missing = expected.filter((name) => !turboNames.includes(name));
    const unread = turboNames.filter((name) => !expected.includes(name));
    expect({ missing, unread }).toEqual({ missing: [], unread: [] });
  });

  it('should let through every variable a test or benchmark reads, unless it needs not', () => {
    const notLetThrough = [...testAndBenchReads.keys()]
      .filter((name) => !(name in NOT_FROM_TURBO))
      .filter((name) => !turboNames.some((entry) => turboEntryMatches(entry, name)))
      .map((name) => `${name} (${testAndBenchReads.get(name)?.join(', ')})`);
    expect(notLetThrough).toEqual([]);
  });

  it('should list as test-only only variables that tests or benchmarks read and the product does not', () => {
    const misfiled = Object.keys(TEST_AND_BENCH_VARIABLES).flatMap((name) => {
      if (productReads.has(name)) return [`${name}: read by ${productReads.get(name)?.join(', ')}`];
      return testAndBenchReads.has(name) ? [] : [`${name}: read by no test or benchmark`];
    });
    expect(misfiled).toEqual([]);
  });

  it('should keep out only variables the code reads', () => {
    const read = new Set([...productReads.keys(), ...testAndBenchReads.keys()]);
    expect(Object.keys(NOT_FROM_TURBO).filter((name) => !read.has(name))).toEqual([]);
  });
});

describe('environmentReads', () => {
  it.each([
    ['process.env.NAME', 'const port = process.env.PORT;', ['PORT']],
    ["process.env['NAME']", "const color = process.env['NO_COLOR'];", ['NO_COLOR']],
    ['import.meta.env.NAME', 'const base = import.meta.env.API_BASE;', ['API_BASE']],
    [
      'a variable called env',
      "const apps = env['SIM_APPS'] ?? env.SIM_PORT;",
      ['SIM_APPS', 'SIM_PORT'],
    ],
    ['destructuring', 'const { HOST, PORT: port } = process.env;', ['HOST', 'PORT']],
    ['a helper given env and a name', "const apiPort = port(env, 'PORT', 3000);", ['PORT']],
    [
      'an environment schema',
      'const envSchema = z.object({ JWT_SECRET: z.string(), REDIS_URL: url });',
      ['JWT_SECRET', 'REDIS_URL'],
    ],
  ])('should find %s', (_, source, names) => {
    expect(environmentReads('example.ts', source)).toEqual(names);
  });

  it.each([
    ['variables set for a child process', "spawn('node', [], { env: { PORT: '3000' } });"],
    [
      'a schema of ordinary fields',
      'const body = z.object({ code: z.string(), PORT: z.number() });',
    ],
    ['a property of another object', 'const port = config.env.PORT ?? options.PORT;'],
    ['lower-case names', "const home = process.env['npm_config_cache'];"],
  ])('should ignore %s', (_, source) => {
    expect(environmentReads('example.ts', source)).toEqual([]);
  });
});
