import { execFileSync } from 'node:child_process';
import { DEV_APP } from '@wxlogin/wechat-sim';
import { apiEnvironmentVariables, dotenvAssignments, dotenvVariables } from './api-env';
import {
  composeSchemaErrors,
  envFiles,
  loadComposeFile,
  networksOf,
  withDefaults,
  type ComposeFile,
  type ComposeService,
} from './compose';
import { instructionsOf, argumentsText, parseDockerfile } from './dockerfile';
import { readRepoFile, REPO_ROOT, repoFileExists, workspacePackage } from './repo';

const COMPOSE = 'docker/compose.yaml';
const DEMO = 'docker/compose.demo.yaml';
const ENV_EXAMPLE = 'docker/.env.example';
const compose = loadComposeFile(COMPOSE);
const demo = loadComposeFile(DEMO);

/** Variables whose values are secrets: only ever interpolated from docker/.env. */
const SECRET_VARIABLES = new Set([
  'JWT_SECRET',
  'SESSION_KEY_ENCRYPTION_KEY',
  'WX_SECRET',
  'WX_APPS',
  'POSTGRES_PASSWORD',
]);
/** Variables that only Compose reads (interpolation), not the API. */
const COMPOSE_VARIABLES = new Set([
  'POSTGRES_PASSWORD',
  'API_PORT',
  'SIM_PORT',
  'API_REPLICAS',
  'EDGE_SUBNET',
]);

function service(file: ComposeFile, name: string): ComposeService {
  const found = file.services[name];
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
}

const isInterpolated = (value: unknown) =>
  typeof value === 'string' && /^\$\{[A-Z0-9_]+(:?[?-][^}]*)?\}$/.test(value);

describe.each([COMPOSE, DEMO])('%s', (file) => {
  it('should be valid against the Compose Specification schema', () => {
    expect(composeSchemaErrors(loadComposeFile(file))).toEqual([]);
  });

  it('should set no secret to a literal value (secrets come from docker/.env)', () => {
    const document = loadComposeFile(file);
    for (const [name, svc] of Object.entries(document.services)) {
      for (const [variable, value] of Object.entries(svc.environment ?? {})) {
        if (!SECRET_VARIABLES.has(variable) || isInterpolated(value) || value === '') continue;
        // The one exception: the simulator's public, fake development app in the demo overlay.
        expect({ name, variable, value }).toEqual({
          name,
          variable: 'WX_SECRET',
          value: file === DEMO ? DEV_APP.secret : '(no literal secret here)',
        });
      }
      // A secret must not hide inside another value either (DATABASE_URL's password).
      for (const value of Object.values(svc.environment ?? {})) {
        if (typeof value === 'string' && value.includes('://') && value.includes('@')) {
          expect(value).toMatch(/:\$\{POSTGRES_PASSWORD(:\?[^}]*)?\}@/);
        }
      }
    }
  });

  it('should give the API only variables its config reads', () => {
    const known = new Set(apiEnvironmentVariables());
    const document = loadComposeFile(file);
    for (const name of ['api', 'migrate']) {
      for (const variable of Object.keys(document.services[name]?.environment ?? {})) {
        expect({ variable, readByApi: known.has(variable) }).toEqual({ variable, readByApi: true });
      }
    }
  });
});

describe(COMPOSE, () => {
  const dockerfiles = new Map<string, ReturnType<typeof parseDockerfile>>();
  const dockerfileOf = (svc: ComposeService) => {
    const path = `docker/${svc.build?.context ?? '.'}/${svc.build?.dockerfile ?? ''}`;
    const relative = svc.build?.context === '..' ? (svc.build.dockerfile ?? '') : path;
    if (!dockerfiles.has(relative))
      dockerfiles.set(relative, parseDockerfile(readRepoFile(relative)));
    return dockerfiles.get(relative)!;
  };

  it('should run postgres from a pinned PostgreSQL 15 image with a named volume and pg_isready', () => {
    const postgres = service(compose, 'postgres');
    expect(postgres.image).toMatch(/^postgres:15\.\d+(-[a-z]+)?$/);
    const [volume] = postgres.volumes ?? [];
    const volumeName = typeof volume === 'string' ? volume.split(':')[0] : volume?.source;
    expect(volumeName).toMatch(/^[a-z][\w-]*$/);
    expect(Object.keys(compose.volumes ?? {})).toContain(volumeName);
    expect([postgres.healthcheck?.test].flat().join(' ')).toContain('pg_isready');
    expect(isInterpolated(postgres.environment?.['POSTGRES_PASSWORD'])).toBe(true);
  });

  it('should build every image from the repository root with a Dockerfile target that exists', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      if (svc.build === undefined) continue;
      expect({ name, context: svc.build.context }).toEqual({ name, context: '..' });
      expect(repoFileExists(svc.build.dockerfile ?? '')).toBe(true);
      const stages = dockerfileOf(svc).stages.map((stage) => stage.name);
      expect(stages).toContain(svc.build.target);
    }
  });

  it('should run migrations once, with the API image, before any API container starts', () => {
    const migrate = service(compose, 'migrate');
    const api = service(compose, 'api');
    expect(migrate.image).toBe(api.image);
    expect(migrate.build).toEqual(api.build);
    const command = [migrate.command].flat().join(' ');
    const script = /^npm run (?:--silent )?([\w:-]+)$/.exec(command)?.[1];
    expect(script).toBe('migration:run');
    expect(workspacePackage('@wxlogin/api').manifest.scripts?.[script ?? '']).toContain(
      'migration:run',
    );
    expect(migrate.depends_on?.['postgres']?.condition).toBe('service_healthy');
    expect(api.depends_on?.['postgres']?.condition).toBe('service_healthy');
    expect(api.depends_on?.['migrate']?.condition).toBe('service_completed_successfully');
    expect(api.environment?.['DB_MIGRATE_ON_START']).toBe('false');
  });

  it('should give the API its secrets from the git-ignored docker/.env, published only through the proxy', () => {
    for (const name of ['api', 'migrate']) {
      expect(envFiles(service(compose, name))).toEqual(['.env']);
    }
    execFileSync('git', ['check-ignore', '-q', 'docker/.env'], { cwd: REPO_ROOT });
    expect(service(compose, 'api').ports).toBeUndefined();
    expect(service(compose, 'proxy').ports).toEqual(['${API_PORT:-3000}:8080']);
    expect(service(compose, 'api').environment?.['NODE_ENV']).toBe('production');
  });

  it('should run several API replicas sharing one Redis, which is pinned, private and not persisted', () => {
    const api = service(compose, 'api');
    expect(Number(withDefaults(String(api.deploy?.replicas)))).toBeGreaterThan(1);
    const redis = service(compose, 'redis');
    expect(redis.image).toMatch(/^redis:7\.\d+\.\d+(-[a-z]+)?$/);
    expect(redis.ports).toBeUndefined();
    expect([redis.command].flat().join(' ')).toBe('redis-server --save  --appendonly no');
    expect([redis.healthcheck?.test].flat().join(' ')).toContain('redis-cli ping');
    expect(api.environment?.['REDIS_URL']).toBe('redis://redis:6379');
    expect(api.depends_on?.['redis']?.condition).toBe('service_healthy');
    expect(networksOf(redis)).toEqual(networksOf(service(compose, 'postgres')));
  });

  it('should trust X-Forwarded-For from the proxy network only, shared by nothing but the proxy and the API', () => {
    const proxy = service(compose, 'proxy');
    const api = service(compose, 'api');
    expect(networksOf(proxy)).toHaveLength(1);
    const [edge = ''] = networksOf(proxy);
    const onEdge = Object.entries(compose.services)
      .filter(([, svc]) => networksOf(svc).includes(edge))
      .map(([name]) => name);
    expect(onEdge.sort()).toEqual(['api', 'proxy']);
    const subnet = compose.networks?.[edge]?.ipam?.config?.[0]?.subnet;
    expect(subnet).toBeDefined();
    expect(api.environment?.['TRUST_PROXY']).toBe(subnet);
    expect(withDefaults(subnet ?? '')).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  });

  it('should put a pinned nginx in front, with its config file, balancing over the replicas', () => {
    const proxy = service(compose, 'proxy');
    expect(proxy.image).toMatch(/^nginx:1\.\d+\.\d+(-[a-z]+)?$/);
    expect(proxy.depends_on?.['api']?.condition).toBe('service_healthy');
    const [mount] = proxy.volumes ?? [];
    expect(mount).toBe('./nginx.conf:/etc/nginx/nginx.conf:ro');
    const config = readRepoFile('docker/nginx.conf');
    // `resolve`: replicas added by --scale are found without a reload.
    expect(config).toMatch(/server api:3000 resolve;/);
    expect(config).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    const [published] = proxy.ports ?? [];
    expect(config).toContain(`listen ${String(published).split(':').pop() ?? ''};`);
  });

  it('should health-check every long-running service (in compose or in its image)', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      if (name === 'migrate') {
        expect(svc.healthcheck?.disable).toBe(true);
        continue;
      }
      const inCompose = svc.healthcheck?.test !== undefined;
      const stage = svc.build && dockerfileOf(svc).stages.find((s) => s.name === svc.build?.target);
      const inImage = stage !== undefined && instructionsOf(stage, 'HEALTHCHECK').length === 1;
      expect({ name, healthChecked: inCompose || inImage }).toEqual({ name, healthChecked: true });
    }
  });

  it('should start the simulator only under the demo profile, and nothing else under a profile', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      expect({ name, profiles: svc.profiles }).toEqual({
        name,
        profiles: name === 'wechat-sim' ? ['demo'] : undefined,
      });
    }
  });
});

describe(DEMO, () => {
  it('should point the API and its migration at the simulator service, with its dev app', () => {
    const simulator = service(compose, 'wechat-sim');
    const stage = parseDockerfile(readRepoFile(simulator.build?.dockerfile ?? '')).stages.find(
      (s) => s.name === simulator.build?.target,
    );
    const simPort = instructionsOf(stage!, 'EXPOSE').map(argumentsText)[0];
    for (const name of ['api', 'migrate']) {
      expect(service(demo, name).environment).toMatchObject({
        WECHAT_API_BASE: `http://wechat-sim:${simPort}`,
        WX_APPID: DEV_APP.appId,
        WX_SECRET: DEV_APP.secret,
        WX_APPS: '',
      });
    }
    expect(service(demo, 'api').depends_on?.['wechat-sim']?.condition).toBe('service_healthy');
    expect(Object.keys(demo.services).sort()).toEqual(['api', 'migrate']);
  });
});

describe(ENV_EXAMPLE, () => {
  const text = readRepoFile(ENV_EXAMPLE);

  it('should list every secret the deployment needs, with no value filled in', () => {
    const assigned = dotenvAssignments(text);
    for (const secret of ['POSTGRES_PASSWORD', 'JWT_SECRET', 'SESSION_KEY_ENCRYPTION_KEY']) {
      expect({ secret, value: assigned.get(secret) }).toEqual({ secret, value: '' });
    }
    for (const [variable, value] of assigned) {
      if (SECRET_VARIABLES.has(variable))
        expect({ variable, value }).toEqual({ variable, value: '' });
    }
  });

  it('should name only variables that the API or Compose reads', () => {
    const known = new Set([...apiEnvironmentVariables(), ...COMPOSE_VARIABLES]);
    for (const variable of dotenvVariables(text)) {
      expect({ variable, known: known.has(variable) }).toEqual({ variable, known: true });
    }
  });
});
