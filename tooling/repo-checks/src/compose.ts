import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { readRepoFile } from './repo';

/** The parts of a Compose service the checks look at. */
export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  command?: string[] | string;
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null>;
  env_file?: string | (string | { path: string })[];
  depends_on?: Record<string, { condition?: string }>;
  ports?: (string | number)[];
  volumes?: (string | { source?: string })[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/**
 * Parses a Compose file of the repository. Merge keys (`<<: *anchor`) are resolved, as Compose
 * resolves them.
 */
export function loadComposeFile(relativePath: string): ComposeFile {
  return parse(readRepoFile(relativePath), { merge: true }) as ComposeFile;
}

// The Compose Specification's JSON schema, as shipped (and kept current) by the dclint linter.
function composeSchema(): object {
  const dclintFolder = dirname(require.resolve('dclint/package.json'));
  return JSON.parse(
    readFileSync(join(dclintFolder, 'schemas', 'compose.schema.json'), 'utf8'),
  ) as object;
}

/** Problems of a parsed Compose file against the Compose Specification schema (none: valid). */
export function composeSchemaErrors(document: unknown): string[] {
  const validate = new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(
    composeSchema(),
  );
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** The env files of a service, as written (paths relative to the Compose file). */
export function envFiles(service: ComposeService): string[] {
  const entries = service.env_file === undefined ? [] : [service.env_file].flat();
  return entries.map((entry) => (typeof entry === 'string' ? entry : entry.path));
}
