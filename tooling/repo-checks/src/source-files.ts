import { trackedFiles, workspacePackages, type WorkspacePackage } from './repo';

/**
 * What a source file is for:
 * - `test`: specs, fixtures and test support (`*.spec.*`, `*.test.*`, `*.fixture.*`, files under a
 *   `test/`, `tests/`, `__tests__/` or `test-support/` folder), and every file of a package that
 *   is nothing but a test suite;
 * - `bench`: benchmark scripts (under a `bench/` folder);
 * - `product`: the rest — what ships, what builds it, and the developer tools.
 */
export type SourceRole = 'product' | 'bench' | 'test';

export interface SourceFile {
  /** Repository-relative path. */
  readonly path: string;
  readonly workspace: WorkspacePackage;
  readonly role: SourceRole;
}

const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TEST_FILE = /\.(?:spec|test|fixture)\.[cm]?[jt]sx?$/;
const TEST_FOLDERS = new Set(['test', 'tests', '__tests__', 'test-support']);

/** A package nothing runs but its tests: no entry point, nothing to build, start or serve. */
function isTestSuite({ manifest }: WorkspacePackage): boolean {
  const scripts = manifest.scripts ?? {};
  const runnable = ['build', 'start', 'dev'].some((script) => script in scripts);
  const entry = [manifest.main, manifest.exports, manifest.bin].some((e) => e !== undefined);
  return scripts['test'] !== undefined && !runnable && !entry;
}

/** The role of a file at `pathInPackage` (relative to its package folder). */
export function sourceRole(pathInPackage: string, inTestSuite = false): SourceRole {
  const folders = pathInPackage.split('/').slice(0, -1);
  if (inTestSuite || TEST_FILE.test(pathInPackage) || folders.some((f) => TEST_FOLDERS.has(f))) {
    return 'test';
  }
  return folders.includes('bench') ? 'bench' : 'product';
}

/** Every tracked JavaScript/TypeScript file of a workspace package, with its role. */
export function workspaceSourceFiles(): SourceFile[] {
  const packages = [...workspacePackages().values()];
  const files: SourceFile[] = [];
  for (const path of trackedFiles()) {
    if (!CODE.test(path)) continue;
    const workspace = packages.find(({ folder }) => path.startsWith(`${folder}/`));
    if (workspace === undefined) continue;
    const role = sourceRole(path.slice(workspace.folder.length + 1), isTestSuite(workspace));
    files.push({ path, workspace, role });
  }
  return files;
}
