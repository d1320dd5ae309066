import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  danglingSourceMaps,
  entryPoints,
  filesUnder,
  installedDependency,
  isPublic,
  manifestTargets,
  packTarball,
  unpackTarball,
  unpublishableSpecifiers,
} from './packing';
import {
  readRepoFile,
  workspacePackages,
  type PackageManifest,
  type WorkspacePackage,
} from './repo';
import { sourceRole } from './source-files';

const REPO_CHECKS = '@wxlogin/repo-checks';

interface Packed {
  readonly workspace: WorkspacePackage;
  readonly tarball: string;
  /** The unpacked tarball. */
  readonly folder: string;
  readonly manifest: PackageManifest;
  readonly files: readonly string[];
}

const publicPackages = [...workspacePackages().values()].filter(isPublic);
const names = publicPackages.map((workspace) => workspace.manifest.name);
const work = mkdtempSync(join(tmpdir(), 'wxlogin-pack-'));
const packed = new Map<string, Packed>();

beforeAll(() => {
  for (const workspace of publicPackages) {
    const tarball = packTarball(workspace, join(work, 'tarballs'));
    const into = join(work, 'unpacked', workspace.manifest.name.replace('/', '+'));
    mkdirSync(into, { recursive: true });
    const folder = unpackTarball(tarball, into);
    const manifest = JSON.parse(
      readFileSync(join(folder, 'package.json'), 'utf8'),
    ) as PackageManifest;
    packed.set(workspace.manifest.name, {
      workspace,
      tarball,
      folder,
      manifest,
      files: filesUnder(folder),
    });
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function packedOf(name: string): Packed {
  const found = packed.get(name);
  if (found === undefined) throw new Error(`${name} was not packed`);
  return found;
}

describe('public workspace packages', () => {
  it('should include contracts and wxcrypto', () => {
    expect(names).toEqual(expect.arrayContaining(['@wxlogin/contracts', '@wxlogin/wxcrypto']));
  });

  it(`should each be a dependency of ${REPO_CHECKS}, so that turbo builds them before this test`, () => {
    const { manifest } = workspacePackages().get(REPO_CHECKS) ?? {};
    const ours = { ...manifest?.dependencies, ...manifest?.devDependencies };
    expect(names.filter((name) => ours[name] === undefined)).toEqual([]);
  });
});

describe.each(names)('the tarball of %s', (name) => {
  it('should contain every file its package.json points at', () => {
    const { manifest, files } = packedOf(name);
    const targets = manifestTargets(manifest);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !files.includes(target))).toEqual([]);
  });

  it('should hold no workspace: or catalog: specifier, and say its license', () => {
    const { manifest } = packedOf(name);
    expect(unpublishableSpecifiers(manifest)).toEqual([]);
    expect(manifest.license).toEqual(expect.any(String));
  });

  it('should have a README and no tests, fixtures or test support', () => {
    const { files } = packedOf(name);
    expect(files).toContain('README.md');
    expect(files.filter((file) => sourceRole(file) === 'test' || /\.testing\./.test(file))).toEqual(
      [],
    );
  });

  it('should ship source maps only with the files they map to', () => {
    expect(danglingSourceMaps(packedOf(name).folder)).toEqual([]);
  });
});

describe('the tarballs, installed together into a new project', () => {
  const project = join(work, 'project');

  beforeAll(() => {
    // Offline: dependencies outside the workspace are linked to the copies the workspace
    // installed (the same versions, which the lockfile pins); ours come from their tarballs. A
    // public package that needs a private one of ours cannot be installed by anyone else.
    const overrides: Record<string, string> = {};
    const privateNeeds: string[] = [];
    for (const { workspace, manifest } of packed.values()) {
      const needs = {
        ...manifest.dependencies,
        ...manifest.peerDependencies,
        ...manifest.optionalDependencies,
      };
      for (const dependency of Object.keys(needs)) {
        const ours = packed.get(dependency);
        if (ours !== undefined) overrides[dependency] = `file:${ours.tarball}`;
        else if (workspacePackages().has(dependency))
          privateNeeds.push(`${manifest.name} → ${dependency}`);
        else overrides[dependency] ??= `link:${installedDependency(workspace, dependency)}`;
      }
    }
    expect(privateNeeds).toEqual([]);
    const root = JSON.parse(readRepoFile('package.json')) as PackageManifest;
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'wxlogin-pack-check',
        private: true,
        packageManager: root.packageManager,
        dependencies: Object.fromEntries(
          [...packed.values()].map((p) => [p.manifest.name, `file:${p.tarball}`]),
        ),
        pnpm: { overrides },
      }),
    );
    execFileSync('pnpm', ['install', '--offline'], { cwd: project, stdio: 'pipe' });
  }, 120_000);

  it.each(names)('should install %s', (name) => {
    expect(existsSync(join(project, 'node_modules', ...name.split('/'), 'package.json'))).toBe(
      true,
    );
  });

  it.each(names)('should load every entry point of %s with require() and import()', (name) => {
    const { manifest } = packedOf(name);
    const entries = entryPoints(manifest);
    const script = `
      const results = [];
      (async () => {
        for (const entry of JSON.parse(process.argv[1])) {
          for (const [how, load] of [['require', async () => require(entry)], ['import', () => import(entry)]]) {
            try {
              const loaded = await load();
              results.push({ entry, how, exports: Object.keys(loaded).length > 0 });
            } catch (error) {
              results.push({ entry, how, error: String(error) });
            }
          }
        }
        console.log(JSON.stringify(results));
      })();`;
    const output = execFileSync(process.execPath, ['-e', script, JSON.stringify(entries)], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual(
      entries.flatMap((entry) => [
        { entry, how: 'require', exports: true },
        { entry, how: 'import', exports: true },
      ]),
    );
  });
});
