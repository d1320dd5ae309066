import { importGraph, packageNameOf, type ImportEdge } from './import-graph';
import {
  readRepoFile,
  repoFileExists,
  workspacePackageOf,
  workspacePackages,
  workspaceRuntimeClosure,
  type WorkspacePackage,
} from './repo';
import { sourceRole, workspaceSourceFiles } from './source-files';

/** The house's limit on a file outside tests. */
const MAX_LINES = 400;
/** Packages that depend on nothing of ours, so that anyone can take them alone. */
const LEAF_PACKAGES = ['@wxlogin/contracts', '@wxlogin/wxcrypto', '@wxlogin/wechat-protocol'];
const SIMULATOR = '@wxlogin/wechat-sim';
const API = '@wxlogin/api';
const MINI_PROGRAM = '@wxlogin/miniapp';
/** The development-only wiring of the API that may load the simulator: `dev-*.ts` files. */
const DEV_WIRING = /(^|\/)dev-[^/]+\.[cm]?[jt]s$/;
/** session_key in any spelling, bar the error code that names its going stale. */
const SESSION_KEY = /session_?key/i;
const SESSION_KEY_ERROR_CODE = /SESSION_KEY_STALE/g;

const packages = [...workspacePackages().values()];
const sourceFolders = packages
  .map(({ folder }) => `${folder}/src`)
  .filter((folder) => repoFileExists(folder));
const graph = importGraph(sourceFolders);

/** The workspace package an import reaches: by package name, or by where a relative path lands. */
function importedPackage(edge: ImportEdge): WorkspacePackage | undefined {
  const name = packageNameOf(edge.specifier);
  if (name !== undefined) return workspacePackages().get(name);
  return workspacePackageOf(edge.resolved);
}

/** Imports from one workspace package into another, as `from → specifier (package)`. */
function crossPackageImports(): {
  edge: ImportEdge;
  from: WorkspacePackage;
  to: WorkspacePackage;
}[] {
  return graph.imports.flatMap((edge) => {
    const from = workspacePackageOf(edge.from);
    const to = importedPackage(edge);
    return from !== undefined && to !== undefined && from.folder !== to.folder
      ? [{ edge, from, to }]
      : [];
  });
}

const groupOf = (workspace: WorkspacePackage) => workspace.folder.split('/')[0];
const isTest = (path: string, workspace: WorkspacePackage) =>
  sourceRole(path.slice(workspace.folder.length + 1)) === 'test';

describe('files', () => {
  it(`should be at most ${MAX_LINES} lines long outside tests`, () => {
    const tooLong = workspaceSourceFiles()
      .filter((file) => file.role !== 'test')
      .map((file) => ({ path: file.path, lines: readRepoFile(file.path).split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ path, lines }) => `${path}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });
});

describe('imports (dependency-cruiser)', () => {
  it('should have been read from every workspace src folder', () => {
    expect(sourceFolders.length).toBeGreaterThan(0);
    for (const folder of sourceFolders) {
      expect({ folder, cruised: graph.modules.some((m) => m.startsWith(`${folder}/`)) }).toEqual({
        folder,
        cruised: true,
      });
    }
    expect(crossPackageImports().length).toBeGreaterThan(0);
  });

  it('should form no circle, through `import type` and dynamic import() too', () => {
    expect(graph.cycles.map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('should point from apps to packages only: no package imports an app or a tool, no app another app', () => {
    const upward = crossPackageImports()
      .filter(({ from, to }) => {
        if (groupOf(from) === 'packages') return groupOf(to) !== 'packages';
        return groupOf(from) === 'apps' && groupOf(to) === 'apps';
      })
      .map(({ edge, to }) => `${edge.from} → ${edge.specifier} (${to.manifest.name})`);
    expect(upward).toEqual([]);
  });

  it.each(LEAF_PACKAGES)('should leave %s depending on nothing of ours', (name) => {
    const leaf = workspacePackages().get(name);
    expect(leaf).toBeDefined();
    const imports = crossPackageImports()
      .filter(({ from }) => from.manifest.name === name)
      .map(({ edge }) => `${edge.from} → ${edge.specifier}`);
    const ours = new Set(workspacePackages().keys());
    const declared = [
      ...Object.keys(leaf?.manifest.dependencies ?? {}),
      ...Object.keys(leaf?.manifest.peerDependencies ?? {}),
      ...Object.keys(leaf?.manifest.optionalDependencies ?? {}),
    ].filter((dependency) => ours.has(dependency));
    expect({ imports, declared }).toEqual({ imports: [], declared: [] });
  });

  it('should load the simulator into the API only from tests and the development wiring', () => {
    const apiPackages = workspaceRuntimeClosure(API);
    const declared = apiPackages.filter(
      (name) => workspacePackages().get(name)?.manifest.dependencies?.[SIMULATOR] !== undefined,
    );
    const imports = crossPackageImports()
      .filter(
        ({ from, to }) =>
          apiPackages.includes(from.manifest.name) && to.manifest.name === SIMULATOR,
      )
      .filter(({ edge, from }) => !isTest(edge.from, from) && !DEV_WIRING.test(edge.from))
      .map(({ edge }) => edge.from);
    expect({ declared, imports }).toEqual({ declared: [], imports: [] });
  });
});

/**
 * The source file a workspace package's built file was compiled from (`dist/x.js`,
 * `dist/cjs/x.d.ts`, `dist/esm/x.js` → `src/x.ts`), for a graph that stops at dist/.
 */
function sourceOfBuilt(path: string): string {
  const source = path
    .replace(/\/dist\/(?:(?:cjs|esm)\/)?/, '/src/')
    .replace(/(?:\.d)?\.[cm]?[jt]s$/, '.ts');
  if (!repoFileExists(source)) throw new Error(`${path} is built from no ${source}`);
  return source;
}

/**
 * The product sources of ours the mini-program's bundle can take in: its own, and those their
 * imports lead to, into our packages through the subpath each import names (`import type` too).
 * By file, not by package: a package may offer the mini-program one server-free subpath.
 */
function miniProgramReach(): string[] {
  const miniProgram = workspacePackages().get(MINI_PROGRAM);
  if (miniProgram === undefined) throw new Error(`no workspace package named ${MINI_PROGRAM}`);
  const reached = new Set(
    graph.modules.filter(
      (path) => path.startsWith(`${miniProgram.folder}/src/`) && !isTest(path, miniProgram),
    ),
  );
  for (const file of reached) {
    for (const edge of graph.imports.filter(({ from }) => from === file)) {
      const workspace = workspacePackageOf(edge.resolved);
      if (workspace === undefined) {
        const name = packageNameOf(edge.specifier);
        if (name !== undefined && workspacePackages().has(name)) {
          throw new Error(`${file}: ${edge.specifier} did not resolve (${edge.resolved})`);
        }
        continue; // installed from the registry, or a Node built-in
      }
      reached.add(
        edge.resolved.startsWith(`${workspace.folder}/dist/`)
          ? sourceOfBuilt(edge.resolved)
          : edge.resolved,
      );
    }
  }
  return [...reached];
}

describe('the mini-program bundle', () => {
  const reach = miniProgramReach();

  it('should reach every package of ours the mini-program depends on at run time', () => {
    const reachedPackages = new Set(reach.map((path) => workspacePackageOf(path)?.manifest.name));
    expect([...reachedPackages].sort()).toEqual(workspaceRuntimeClosure(MINI_PROGRAM).sort());
  });

  it('should never mention session_key in its sources, nor in the packages it bundles', () => {
    const mentions = reach.flatMap((path) =>
      readRepoFile(path)
        .split('\n')
        .flatMap((line, index) =>
          SESSION_KEY.test(line.replace(SESSION_KEY_ERROR_CODE, ''))
            ? [`${path}:${index + 1}`]
            : [],
        ),
    );
    expect(mentions).toEqual([]);
  });
});
