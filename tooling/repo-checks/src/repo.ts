import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
  main?: string;
  packageManager?: string;
  scripts?: Record<string, string>;
}

/** Every workspace package (apps/*, packages/*, tooling/*) by name, with its folder. */
export function workspacePackages(): Map<string, { folder: string; manifest: PackageManifest }> {
  const found = new Map<string, { folder: string; manifest: PackageManifest }>();
  for (const group of ['apps', 'packages', 'tooling']) {
    if (!repoFileExists(group)) continue;
    for (const entry of readdirSync(repoPath(group), { withFileTypes: true })) {
      const folder = `${group}/${entry.name}`;
      if (!entry.isDirectory() || !repoFileExists(`${folder}/package.json`)) continue;
      const manifest = JSON.parse(readRepoFile(`${folder}/package.json`)) as PackageManifest;
      found.set(manifest.name, { folder, manifest });
    }
  }
  return found;
}

/** The workspace package named `name`; throws when there is none. */
export function workspacePackage(name: string): { folder: string; manifest: PackageManifest } {
  const found = workspacePackages().get(name);
  if (found === undefined) throw new Error(`no workspace package named ${name}`);
  return found;
}
