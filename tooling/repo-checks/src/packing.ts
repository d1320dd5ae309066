import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { repoPath, type PackageManifest, type WorkspacePackage } from './repo';

/** A workspace package that may be published: not `"private": true`. */
export function isPublic(workspace: WorkspacePackage): boolean {
  return workspace.manifest.private !== true;
}

/** `pnpm pack` of a workspace package into `destination`; the tarball's path. */
export function packTarball(workspace: WorkspacePackage, destination: string): string {
  const before = new Set(existsSync(destination) ? readdirSync(destination) : []);
  execFileSync('pnpm', ['pack', '--pack-destination', destination], {
    cwd: repoPath(workspace.folder),
    stdio: 'pipe',
  });
  const [tarball, ...others] = readdirSync(destination).filter((file) => !before.has(file));
  if (tarball === undefined || others.length > 0) {
    throw new Error(`pnpm pack of ${workspace.folder} wrote ${[tarball, ...others].join(', ')}`);
  }
  return join(destination, tarball);
}

/** Unpacks a tarball into `folder` (its files sit under `folder/package/`). */
export function unpackTarball(tarball: string, folder: string): string {
  execFileSync('tar', ['-xzf', tarball, '-C', folder]);
  return join(folder, 'package');
}

/** Every file under `folder`, as forward-slash paths relative to it. */
export function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix)).flatMap((entry) => {
    const path = prefix === '' ? entry : `${prefix}/${entry}`;
    return statSync(join(folder, path)).isDirectory() ? filesUnder(folder, path) : [path];
  });
}

/** Every file path a manifest points at: main, module, types, bin and each `exports` target. */
export function manifestTargets(manifest: PackageManifest): string[] {
  const targets: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  [manifest.main, manifest.module, manifest.types, manifest.bin, manifest.exports].forEach(visit);
  return [...new Set(targets.map((target) => posix.normalize(target)))];
}

/** The import paths a package offers: `.` and each subpath of `exports` (patterns left out). */
export function entryPoints(manifest: PackageManifest): string[] {
  const exportsField = manifest.exports;
  if (exportsField === undefined || typeof exportsField === 'string') return [manifest.name];
  const keys = Object.keys(exportsField as Record<string, unknown>);
  if (!keys.every((key) => key.startsWith('.'))) return [manifest.name]; // conditions only
  return keys
    .filter((key) => !key.includes('*') && !key.endsWith('/package.json'))
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

/** Dependency specifiers pnpm must have rewritten when packing (`workspace:*`, `catalog:`). */
export function unpublishableSpecifiers(manifest: PackageManifest): string[] {
  const fields = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'];
  return fields.flatMap((field) =>
    Object.entries((manifest as unknown as Record<string, Record<string, string>>)[field] ?? {})
      .filter(([, specifier]) => /^(workspace|catalog):/.test(specifier))
      .map(([name, specifier]) => `${field}.${name}: ${specifier}`),
  );
}

/**
 * Source maps of an unpacked package that point at files it does not contain: a map's `sources`,
 * or a `sourceMappingURL` comment's map. A map is only worth shipping with what it maps to.
 */
export function danglingSourceMaps(folder: string): string[] {
  const files = new Set(filesUnder(folder));
  const dangling: string[] = [];
  for (const file of files) {
    const directory = posix.dirname(file);
    if (file.endsWith('.map')) {
      const map = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { sources?: string[] };
      for (const source of map.sources ?? []) {
        const target = posix.normalize(posix.join(directory, source));
        if (!files.has(target)) dangling.push(`${file} → ${source}`);
      }
    } else if (/\.(?:[cm]?js|d\.[cm]?ts)$/.test(file)) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(folder, file), 'utf8'));
      if (url?.[1] === undefined || url[1].startsWith('data:')) continue;
      if (!files.has(posix.normalize(posix.join(directory, url[1])))) {
        dangling.push(`${file} → ${url[1]}`);
      }
    }
  }
  return dangling;
}

/** Where a workspace package's own installed copy of a dependency lives (pnpm links each one). */
export function installedDependency(workspace: WorkspacePackage, dependency: string): string {
  const link = join(repoPath(workspace.folder), 'node_modules', ...dependency.split('/'));
  if (!existsSync(link)) throw new Error(`${workspace.folder} has no installed ${dependency}`);
  return realpathSync(link);
}
