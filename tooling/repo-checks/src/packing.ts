import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import * as ts from 'typescript';
import { packageNameOf } from './import-graph';
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

/** What a Node process run in `project` printed as JSON; `script` gets `input` as JSON in argv[1]. */
function runInProject<T>(project: string, script: string, input: unknown, esm = false): T {
  const flags = esm ? ['--input-type=module'] : [];
  const output = execFileSync(process.execPath, [...flags, '-e', script, JSON.stringify(input)], {
    cwd: project,
    encoding: 'utf8',
    stdio: 'pipe',
  });
  return JSON.parse(output) as T;
}

/** The files Node would load for an import path, under each condition; nothing is run. */
export interface ResolvedEntry {
  readonly entry: string;
  readonly require: string;
  readonly import: string;
}

/** Where each entry point of an installed package resolves from `project`, without loading it. */
export function resolveEntries(project: string, entries: readonly string[]): ResolvedEntry[] {
  const script = `
    import { createRequire } from 'node:module';
    import { join } from 'node:path';
    import { fileURLToPath } from 'node:url';
    const require = createRequire(join(process.cwd(), 'package.json'));
    console.log(JSON.stringify(JSON.parse(process.argv[1]).map((entry) => ({
      entry,
      require: require.resolve(entry),
      import: fileURLToPath(import.meta.resolve(entry)),
    }))));`;
  return runInProject(project, script, entries, true);
}

/** The type declarations TypeScript (NodeNext) finds for an import path from `project`, as CommonJS and as ESM. */
export function typeDeclarations(project: string, entry: string): (string | undefined)[] {
  const options = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const importer = join(project, 'index.ts');
  const modes = [ts.ModuleKind.CommonJS, ts.ModuleKind.ESNext] as const;
  return modes.map((mode) => {
    const { resolvedModule } = ts.resolveModuleName(
      entry,
      importer,
      options,
      ts.sys,
      undefined,
      undefined,
      mode,
    );
    return resolvedModule === undefined ? undefined : realpathSync(resolvedModule.resolvedFileName);
  });
}

/** What loading each entry point did: whether it exported anything, or the error it threw. */
export interface LoadedEntry {
  readonly entry: string;
  readonly how: 'require' | 'import';
  readonly exports?: boolean;
  readonly error?: string;
}

/** Loads each entry point from `project` with require() and with import(), in one Node process. */
export function loadEntries(project: string, entries: readonly string[]): LoadedEntry[] {
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
  return runInProject(project, script, entries);
}

/**
 * The packages among `candidates` that cannot be loaded outside their framework's build, with
 * the reason: loading them alone in `project` throws a ReferenceError, a global that the
 * framework's bundler defines at build time (Taro's `ENABLE_INNER_HTML` and its kin).
 */
export function buildTimeOnlyPackages(
  project: string,
  candidates: readonly string[],
): Map<string, string> {
  const script = `
    const found = {};
    for (const name of JSON.parse(process.argv[1])) {
      try { require(name); } catch (error) {
        if (error instanceof ReferenceError) found[name] = error.message;
      }
    }
    console.log(JSON.stringify(found));`;
  return new Map(Object.entries(runInProject<Record<string, string>>(project, script, candidates)));
}

/**
 * The packages that a package's built files, starting at `files`, import: its own relative
 * imports followed (ESM `import`/`export … from`, `require()`, `import()`), the others named by
 * package. Read statically, so that nothing is run.
 */
export function packagesImportedFrom(files: readonly string[]): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) {
        const name = packageNameOf(specifier); // undefined for `node:` built-ins
        if (name !== undefined) packages.add(name);
        continue;
      }
      const target = join(dirname(file), specifier);
      const local = [target, `${target}.js`, join(target, 'index.js')].find(
        (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
      );
      if (local === undefined) throw new Error(`${file} imports ${specifier}, which it lacks`);
      visit(local);
    }
  };
  files.forEach(visit);
  return packages;
}
