import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './repo';

/** One import (static, dynamic, `import type` or `require`) of a module, as dependency-cruiser reads it. */
export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  readonly from: string;
  /** The specifier as written: `./x`, `@wxlogin/contracts`, `node:fs`. */
  readonly specifier: string;
  /** Repository-relative path it resolves to (a workspace package resolves to its dist/). */
  readonly resolved: string;
}

export interface ImportGraph {
  readonly modules: readonly string[];
  readonly imports: readonly ImportEdge[];
  /** Each circle once, as the files in import order, the first repeated at the end. */
  readonly cycles: readonly (readonly string[])[];
}

interface CruiseResult {
  modules: {
    source: string;
    dependencies: {
      module: string;
      resolved: string;
      circular: boolean;
      cycle?: { name: string }[];
    }[];
  }[];
}

const DEPCRUISE = join(__dirname, '..', 'node_modules', '.bin', 'depcruise');
const CONFIG = join(__dirname, '..', '.dependency-cruiser.cjs');

/** A cycle rotated to start at its smallest path, so that each circle is listed once. */
function canonicalCycle(cycle: readonly string[]): string[] {
  const smallest = cycle.reduce((min, path, index) => (path < (cycle[min] ?? '') ? index : min), 0);
  const rotated = [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
  return [...rotated, rotated[0] ?? ''];
}

/**
 * The import graph of the given repository-relative folders, read by dependency-cruiser (run as
 * its CLI: it is an ES module, and Jest runs CommonJS).
 */
export function importGraph(folders: readonly string[]): ImportGraph {
  const output = execFileSync(DEPCRUISE, ['-c', CONFIG, '-T', 'json', ...folders], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const result = JSON.parse(output) as CruiseResult;
  const imports: ImportEdge[] = [];
  const cycles = new Map<string, string[]>();
  for (const module of result.modules) {
    for (const dependency of module.dependencies) {
      imports.push({
        from: module.source,
        specifier: dependency.module,
        resolved: dependency.resolved,
      });
      if (!dependency.circular || dependency.cycle === undefined) continue;
      // dependency-cruiser lists the cycle from the imported module back to the importer.
      const cycle = canonicalCycle([
        module.source,
        ...dependency.cycle.map((step) => step.name).slice(0, -1),
      ]);
      cycles.set(cycle.join(' → '), cycle);
    }
  }
  return {
    modules: result.modules.map((module) => module.source),
    imports,
    cycles: [...cycles.values()],
  };
}

/** The package name an import specifier names (`@scope/name/sub` → `@scope/name`), if it is one. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) {
    return undefined;
  }
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
