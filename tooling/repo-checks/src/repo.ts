import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${start}`);
  }
}

/** Absolute path of the repository root (the folder holding pnpm-workspace.yaml). */
export const REPO_ROOT = findRepoRoot(__dirname);

/** Absolute path of a repository-relative path (forward slashes). */
export function repoPath(relativePath: string): string {
  return join(REPO_ROOT, ...relativePath.split('/'));
}

export function repoFileExists(relativePath: string): boolean {
  return existsSync(repoPath(relativePath));
}

export function readRepoFile(relativePath: string): string {
  return readFileSync(repoPath(relativePath), 'utf8');
}

/** Repository-relative paths (forward slashes) of every file git tracks, deleted ones excepted. */
export function trackedFiles(): string[] {
  const listing = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return listing.split('\0').filter((path) => path !== '' && repoFileExists(path));
}

/** The fields of a workspace package.json that the checks look at. */
export interface PackageManifest {
  name: string;
  version?: string;
  private?: boolean;
  main?: string;
  module?: string;
  types?: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
  files?: string[];
  license?: string;
  packageManager?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  /** Repository-relative folder, e.g. `packages/contracts`. */
  readonly folder: string;
  readonly manifest: PackageManifest;
}

/** The workspace folders pnpm-workspace.yaml names (`group/*` patterns and plain folders). */
function workspaceFolders(): string[] {
  const { packages = [] } = parseYaml(readRepoFile('pnpm-workspace.yaml')) as {
    packages?: string[];
  };
  return packages.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const group = pattern.slice(0, -2);
    if (!repoFileExists(group)) return [];
    return readdirSync(repoPath(group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${group}/${entry.name}`);
  });
}

let packagesByName: ReadonlyMap<string, WorkspacePackage> | undefined;

/** Every workspace package by name, with its folder (read once per test file). */
export function workspacePackages(): ReadonlyMap<string, WorkspacePackage> {
  if (packagesByName !== undefined) return packagesByName;
  const found = new Map<string, WorkspacePackage>();
  for (const folder of workspaceFolders()) {
    if (!repoFileExists(`${folder}/package.json`)) continue;
    const manifest = JSON.parse(readRepoFile(`${folder}/package.json`)) as PackageManifest;
    found.set(manifest.name, { folder, manifest });
  }
  packagesByName = found;
  return found;
}

/** The workspace package named `name`; throws when there is none. */
export function workspacePackage(name: string): WorkspacePackage {
  const found = workspacePackages().get(name);
  if (found === undefined) throw new Error(`no workspace package named ${name}`);
  return found;
}

/** The workspace package whose folder holds `path` (repository-relative), if any. */
export function workspacePackageOf(path: string): WorkspacePackage | undefined {
  return [...workspacePackages().values()].find(({ folder }) => path.startsWith(`${folder}/`));
}

/**
 * Names of the workspace packages `name` needs at run time: its `dependencies` that are in the
 * workspace, and theirs, recursively (`name` itself included).
 */
export function workspaceRuntimeClosure(name: string): string[] {
  const packages = workspacePackages();
  const closure = new Set<string>();
  const visit = (current: string): void => {
    if (closure.has(current)) return;
    closure.add(current);
    for (const dependency of Object.keys(packages.get(current)?.manifest.dependencies ?? {})) {
      if (packages.has(dependency)) visit(dependency);
    }
  };
  if (!packages.has(name)) throw new Error(`no workspace package named ${name}`);
  visit(name);
  return [...closure];
}
