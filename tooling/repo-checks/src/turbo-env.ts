import { environmentReads } from './env-reads';
import { readRepoFile } from './repo';
import { workspaceSourceFiles, type SourceRole } from './source-files';

interface TurboTask {
  env?: string[];
  passThroughEnv?: string[];
}

interface TurboJson {
  globalEnv?: string[];
  globalPassThroughEnv?: string[];
  tasks?: Record<string, TurboTask>;
}

/**
 * Every environment name or pattern (`TARO_APP_*`) turbo.json lets into tasks: `globalEnv`,
 * `globalPassThroughEnv`, and each task's `env` and `passThroughEnv`. Exclusions (`!NAME`) are
 * left out. Sorted, without repeats.
 */
export function turboEnvironmentNames(turboJson: string = readRepoFile('turbo.json')): string[] {
  const turbo = JSON.parse(turboJson) as TurboJson;
  const names = [
    ...(turbo.globalEnv ?? []),
    ...(turbo.globalPassThroughEnv ?? []),
    ...Object.values(turbo.tasks ?? {}).flatMap((task) => [
      ...(task.env ?? []),
      ...(task.passThroughEnv ?? []),
    ]),
  ];
  return [...new Set(names.filter((name) => !name.startsWith('!')))].sort();
}

/** Whether a turbo.json entry (a name, or a pattern with `*`) lets `name` through. */
export function turboEntryMatches(entry: string, name: string): boolean {
  const pattern = entry
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}

/** Environment names read by the workspace's sources of one role, each with the files that read it. */
export function environmentReadsByRole(role: SourceRole): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  for (const file of workspaceSourceFiles()) {
    if (file.role !== role) continue;
    for (const name of environmentReads(file.path, readRepoFile(file.path))) {
      readers.set(name, [...(readers.get(name) ?? []), file.path]);
    }
  }
  return readers;
}
