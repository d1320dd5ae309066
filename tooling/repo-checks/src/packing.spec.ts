import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  danglingSourceMaps,
  entryPoints,
  filesUnder,
  buildTimeOnlyPackages,
  installedDependency,
  isPublic,
  loadEntries,
  manifestTargets,
  packagesImportedFrom,
  packTarball,
  resolveEntries,
  typeDeclarations,
  type ResolvedEntry,
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
  /** Peers that run only inside their framework's build, with the global each one missed. */
  let buildTimeOnly = new Map<string, string>();
  let resolved = new Map<string, ResolvedEntry>();

  beforeAll(() => {
    // Offline: dependencies outside the workspace are linked to the copies the workspace
    // installed (the same versions, which the lockfile pins); ours come from their tarballs. A
    // public package that needs a private one of ours cannot be installed by anyone else.
    // Peers are the project's own dependencies, as for any user of ours: pnpm would otherwise
    // install them from the registry, overrides notwithstanding.
    const overrides: Record<string, string> = {};
    const peers: Record<string, string> = {};
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
      for (const peer of Object.keys(manifest.peerDependencies ?? {})) {
        if (!packed.has(peer)) peers[peer] = overrides[peer] ?? '';
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
        dependencies: {
          ...peers,
          ...Object.fromEntries(
            [...packed.values()].map((p) => [p.manifest.name, `file:${p.tarball}`]),
          ),
        },
        pnpm: { overrides },
      }),
    );
    execFileSync('pnpm', ['install', '--offline'], { cwd: project, stdio: 'pipe' });
    buildTimeOnly = buildTimeOnlyPackages(project, Object.keys(peers));
    const entries = [...packed.values()].flatMap(({ manifest }) => entryPoints(manifest));
    resolved = new Map(resolveEntries(project, entries).map((found) => [found.entry, found]));
  }, 120_000);

  function installedFolder(name: string): string {
    return realpathSync(join(project, 'node_modules', ...name.split('/')));
  }

  function resolvedOf(entry: string): ResolvedEntry {
    const found = resolved.get(entry);
    if (found === undefined) throw new Error(`${entry} was not resolved`);
    return found;
  }

  /**
   * Whether an entry point runs only inside a build: its files import a peer that cannot load
   * outside its framework's bundler (`@tarojs/taro` reads constants Taro's build defines, such as
   * `ENABLE_INNER_HTML`), so plain Node cannot load it; its files and type declarations are still
   * checked. Which entries these are follows from each package.json's peers and what each entry's
   * files import, not from a list kept here.
   */
  function runsOnlyInABuild(entry: string): boolean {
    const { require: cjs, import: esm } = resolvedOf(entry);
    return [...packagesImportedFrom([cjs, esm])].some((name) => buildTimeOnly.has(name));
  }

  it.each(names)('should install %s', (name) => {
    expect(existsSync(join(project, 'node_modules', ...name.split('/'), 'package.json'))).toBe(
      true,
    );
  });

  it.each(names)(
    'should resolve every entry point of %s, for require(), import() and TypeScript, to files it ships',
    (name) => {
      const folder = installedFolder(name);
      const ships = (file: string | undefined): boolean =>
        file !== undefined && file.startsWith(`${folder}/`) && existsSync(file);
      const unresolved = entryPoints(packedOf(name).manifest).flatMap((entry) => {
        const { require: cjs, import: esm } = resolvedOf(entry);
        const [cjsTypes, esmTypes] = typeDeclarations(project, entry);
        const code = { require: cjs, import: esm };
        const types = { 'types for require': cjsTypes, 'types for import': esmTypes };
        return [
          ...Object.entries(code).filter(([, file]) => !ships(file)),
          ...Object.entries(types).filter(
            ([, file]) => !ships(file) || !/\.d\.[cm]?ts$/.test(file ?? ''),
          ),
        ].map(([how, file]) => `${entry} (${how}) → ${file ?? 'nothing'}`);
      });
      expect(unresolved).toEqual([]);
    },
  );

  it.each(names)(
    'should load with require() and import() every entry point of %s that runs outside a build',
    (name) => {
      const entries = entryPoints(packedOf(name).manifest).filter(
        (entry) => !runsOnlyInABuild(entry),
      );
      expect(loadEntries(project, entries)).toEqual(
        entries.flatMap((entry) => [
          { entry, how: 'require', exports: true },
          { entry, how: 'import', exports: true },
        ]),
      );
    },
  );
});
