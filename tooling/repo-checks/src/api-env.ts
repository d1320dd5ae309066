import { environmentSchemaKeys } from './env-reads';
import { readRepoFile, workspaceRuntimeClosure } from './repo';
import { workspaceSourceFiles } from './source-files';

/** The API's workspace package; its configuration may live in it or in a package it depends on. */
export const API_PACKAGE = '@wxlogin/api';

/**
 * Names of the environment variables the API validates at boot: the keys of the environment
 * schemas (`z.object({ NAME: … })`) in the product sources of the API and of the workspace
 * packages it needs at run time. Read from the source, so the check follows the code without
 * running it, wherever the config module lives.
 */
export function apiEnvironmentVariables(): string[] {
  const packages = new Set(workspaceRuntimeClosure(API_PACKAGE));
  const names = new Set<string>();
  for (const file of workspaceSourceFiles()) {
    if (file.role !== 'product' || !packages.has(file.workspace.manifest.name)) continue;
    for (const name of environmentSchemaKeys(file.path, readRepoFile(file.path))) names.add(name);
  }
  if (names.size === 0) {
    throw new Error(`no environment schema (z.object({ NAME: … })) in ${[...packages].join(', ')}`);
  }
  return [...names].sort();
}

/** Variable names assigned (or shown commented out, `# NAME=`) in a dotenv-style file. */
export function dotenvVariables(text: string): string[] {
  return [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] ?? '');
}

/** Variables given a non-empty value in a dotenv-style file (commented lines ignored). */
export function dotenvAssignments(text: string): Map<string, string> {
  const assigned = new Map<string, string>();
  for (const match of text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)) {
    assigned.set(match[1] ?? '', (match[2] ?? '').trim());
  }
  return assigned;
}
