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
  deploy?: { replicas?: number | string };
  networks?: string[] | Record<string, unknown>;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { ipam?: { config?: { subnet?: string }[] } } | null>;
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

/** The networks a service joins (Compose's default network when it names none). */
export function networksOf(service: ComposeService): string[] {
  if (service.networks === undefined) return ['default'];
  return Array.isArray(service.networks) ? service.networks : Object.keys(service.networks);
}

/** The value of `${NAME:-default}` as Compose resolves it with NAME unset; other text as is. */
export function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
}
