import { posix } from 'node:path';
import { validate } from 'dockerfile-utils';
import { isExcludedFromContext, parseDockerignore } from './dockerignore';
import {
  argumentsText,
  execFormWords,
  instructionsOf,
  parseDockerfile,
  runtimeStages,
  stageOutputs,
  type DockerStage,
} from './dockerfile';
import { readRepoFile, repoFileExists, workspacePackage, workspacePackages } from './repo';

const DOCKERFILE = 'docker/api.Dockerfile';
const text = readRepoFile(DOCKERFILE);
const model = parseDockerfile(text);
const dockerignore = parseDockerignore(readRepoFile('.dockerignore'));
const packageFolderOf = (name: string) => workspacePackages().get(name)?.folder;

/** Variables that hold secrets: never set in an image. */
const SECRET_VARIABLES = [
  'JWT_SECRET',
  'SESSION_KEY_ENCRYPTION_KEY',
  'WX_SECRET',
  'WX_APPS',
  'DATABASE_URL',
  'POSTGRES_PASSWORD',
];

function stageNamed(name: string): DockerStage {
  const stage = model.stages.find((candidate) => candidate.name === name);
  if (stage === undefined) throw new Error(`${DOCKERFILE} has no stage ${name}`);
  return stage;
}

/** The workspace package whose `pnpm deploy` output a runtime stage copies. */
function deployedPackageOf(stage: DockerStage): string {
  for (const copy of model.copies.filter((c) => c.stage === stage && c.fromStage !== undefined)) {
    const source = stageOutputs(model, stageNamed(copy.fromStage ?? ''), packageFolderOf).find(
      (output) => copy.sources.every((s) => s.startsWith(output.path)),
    );
    if (source?.deployedPackage !== undefined) return source.deployedPackage;
  }
  throw new Error(`stage ${stage.name ?? stage.index} copies no deployed package`);
}

describe(DOCKERFILE, () => {
  it('should have no syntax error or warning (dockerfile-utils)', () => {
    const problems = validate(text).map(
      (d) =>
        `line ${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`,
    );
    expect(problems).toEqual([]);
  });

  it('should pin every base image to a full version or a digest', () => {
    const images = model.stages.filter((stage) => stage.baseStage === undefined);
    expect(images.length).toBeGreaterThan(0);
    for (const stage of images) {
      expect(stage.from).toMatch(/^[\w./-]+(:\d+\.\d+\.\d+[\w.-]*|@sha256:[0-9a-f]{64})$/);
    }
  });

  it('should use the Node version of .nvmrc and the pnpm and turbo versions the workspace pins', () => {
    const nodeVersion = readRepoFile('.nvmrc').trim();
    for (const stage of model.stages.filter((s) => s.baseStage === undefined)) {
      expect(stage.from).toBe(`node:${nodeVersion}-bookworm-slim`);
    }
    const rootManifest = JSON.parse(readRepoFile('package.json')) as { packageManager: string };
    const pnpmVersions = [...text.matchAll(/pnpm@(\d[\w.-]*)/g)].map((m) => `pnpm@${m[1]}`);
    expect(pnpmVersions.length).toBeGreaterThan(0);
    expect(new Set(pnpmVersions)).toEqual(new Set([rootManifest.packageManager]));
    const catalogTurbo = /^\s+turbo:\s*(\S+)/m.exec(readRepoFile('pnpm-workspace.yaml'))?.[1];
    const turboVersions = [...text.matchAll(/turbo@(\d[\w.-]*)/g)].map((m) => m[1]);
    expect(turboVersions.length).toBeGreaterThan(0);
    expect(new Set(turboVersions)).toEqual(new Set([catalogTurbo]));
  });

  it('should copy from the build context only paths that exist and that .dockerignore keeps', () => {
    const contextCopies = model.copies.filter((copy) => copy.fromStage === undefined);
    expect(contextCopies.length).toBeGreaterThan(0);
    for (const copy of contextCopies) {
      for (const source of copy.sources) {
        const path = posix.normalize(source).replace(/\/$/, '');
        expect({ source, exists: repoFileExists(path) }).toEqual({ source, exists: true });
        if (path !== '.') {
          expect({ source, excluded: isExcludedFromContext(dockerignore, path) }).toEqual({
            source,
            excluded: false,
          });
        }
      }
    }
  });

  it('should keep in the context what `turbo prune @wxlogin/api` needs, and no secret or build output', () => {
    const api = workspacePackage('@wxlogin/api').folder;
    const needed = [
      'package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      'turbo.json',
      `${api}/package.json`,
      `${api}/src/main.ts`,
      `${api}/nest-cli.json`,
      'packages/contracts/src/index.ts',
      'packages/wxcrypto/src/index.ts',
      'packages/wechat-sim/src/index.ts',
    ];
    for (const path of needed) {
      expect({ path, exists: repoFileExists(path) }).toEqual({ path, exists: true });
      expect({ path, excluded: isExcludedFromContext(dockerignore, path) }).toEqual({
        path,
        excluded: false,
      });
    }
    const leftOut = [
      '.env',
      'docker/.env',
      `${api}/.env.local`,
      'node_modules',
      `${api}/node_modules/x`,
      `${api}/dist/main.js`,
      `${api}/.data/postgres/PG_VERSION`,
      'apps/miniapp/dist-h5/index.html',
      'packages/contracts/.turbo/turbo-build.log',
      '.git/HEAD',
    ];
    for (const path of leftOut) {
      expect({ path, excluded: isExcludedFromContext(dockerignore, path) }).toEqual({
        path,
        excluded: true,
      });
    }
  });

  it('should install from manifests alone without the root install scripts, then build explicitly', () => {
    const root = JSON.parse(readRepoFile('package.json')) as { scripts?: Record<string, string> };
    const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'].filter(
      (script) => root.scripts?.[script] !== undefined,
    );
    for (const stage of model.stages) {
      const runs = instructionsOf(stage, 'RUN').map(argumentsText);
      const install = runs.findIndex((run) => /\bpnpm install\b/.test(run));
      if (install < 0) continue;
      // The root scripts (postinstall builds packages/*) need sources the stage does not have yet.
      if (installScripts.length > 0) expect(runs[install]).toMatch(/--ignore-scripts\b/);
      expect(runs.slice(install + 1).some((run) => /\bturbo run build\b/.test(run))).toBe(true);
    }
  });

  it('should copy from earlier stages only what those stages produce', () => {
    const stageCopies = model.copies.filter((copy) => copy.fromStage !== undefined);
    expect(stageCopies.length).toBeGreaterThan(0);
    for (const copy of stageCopies) {
      const source = stageNamed(copy.fromStage ?? '');
      expect(source.index).toBeLessThan(copy.stage.index);
      const outputs = stageOutputs(model, source, packageFolderOf);
      for (const path of copy.sources) {
        const absolute = posix.resolve('/', path).replace(/\/$/, '');
        // The most specific output wins: turbo's out/ inside the copied-in context, say.
        const output = outputs
          .filter((o) => absolute === o.path || absolute.startsWith(`${o.path}/`))
          .sort((a, b) => b.path.length - a.path.length)[0];
        expect({ line: copy.line, path, produced: output !== undefined }).toEqual({
          line: copy.line,
          path,
          produced: true,
        });
        if (output?.contextFolder !== undefined) {
          // Copied from the build context: it must be in the repository and in the context.
          const inContext = posix.join(output.contextFolder, absolute.slice(output.path.length));
          expect({ path, exists: repoFileExists(inContext) }).toEqual({ path, exists: true });
          expect(isExcludedFromContext(dockerignore, inContext)).toBe(false);
        }
        if (output?.deployedPackage !== undefined && absolute !== output.path) {
          // A deployed package holds its manifest, its production node_modules, and the build
          // output its `main` lives in.
          const { manifest } = workspacePackage(
            [...workspacePackages()].find(([, p]) => p.folder === output.deployedPackage)?.[0] ??
              '',
          );
          const [first] = absolute.slice(output.path.length + 1).split('/');
          const buildFolder = (manifest.main ?? '').split('/')[0];
          expect(['package.json', 'node_modules', buildFolder]).toContain(first);
          expect(manifest.scripts?.['build']).toBeDefined();
        }
      }
    }
  });

  describe.each(runtimeStages(model).map((stage) => [stage.name ?? String(stage.index), stage]))(
    'runtime stage %s',
    (_name, stage) => {
      it('should run as a non-root user', () => {
        const users = instructionsOf(stage, 'USER').map(argumentsText);
        expect(users.length).toBeGreaterThan(0);
        expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
      });

      it('should declare a HEALTHCHECK that polls a /health route with node (no curl in slim)', () => {
        const checks = instructionsOf(stage, 'HEALTHCHECK').map(argumentsText);
        expect(checks).toHaveLength(1);
        expect(checks[0]).toMatch(/^CMD \[/);
        const words = execFormWords(checks[0] ?? '');
        expect(words?.[0]).toBe('node');
        expect(words?.join(' ')).toMatch(/fetch\(.*\/health'/);
      });

      it("should start with its package's own production start script", () => {
        const folder = deployedPackageOf(stage);
        const pkg = [...workspacePackages().values()].find((p) => p.folder === folder);
        const cmd = execFormWords(argumentsText(instructionsOf(stage, 'CMD').at(-1)!));
        expect(cmd).toBeDefined();
        const scripts = Object.values(pkg?.manifest.scripts ?? {});
        expect(scripts).toContain(cmd?.join(' '));
      });
    },
  );

  it('should make the API the default target, checking /api/health', () => {
    const last = model.stages.at(-1)!;
    expect(runtimeStages(model)).toContain(last);
    expect(deployedPackageOf(last)).toBe(workspacePackage('@wxlogin/api').folder);
    expect(argumentsText(instructionsOf(last, 'HEALTHCHECK')[0]!)).toContain('/api/health');
  });

  it('should bake in no secret: no ENV or ARG of a secret variable, no env file copied', () => {
    for (const stage of model.stages) {
      for (const instruction of [
        ...instructionsOf(stage, 'ENV'),
        ...instructionsOf(stage, 'ARG'),
      ]) {
        for (const variable of SECRET_VARIABLES) {
          expect(argumentsText(instruction)).not.toMatch(new RegExp(`\\b${variable}\\b`));
        }
      }
    }
    for (const copy of model.copies) {
      for (const source of copy.sources) expect(source).not.toMatch(/(^|\/)\.env/);
    }
  });
});
