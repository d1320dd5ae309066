import type { RouteListing } from './host';

/** One line of Fastify's route tree: `├── /api/me (GET, HEAD, PUT)`, children 4 columns in. */
const TREE_LINE = /^((?:[│ ] {3}|[├└]── )*)(\S.*?)(?: \(([A-Z, ]+)\))?$/u;

/**
 * Every route the running app answers, as `METHOD /path` (Fastify's syntax, `:id`), read from
 * Fastify's own route tree; the HEAD routes Fastify adds to each GET are left out.
 */
export function registeredRoutes(fastify: RouteListing): string[] {
  const routes: string[] = [];
  const prefixes: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = TREE_LINE.exec(line);
    if (line.trim() === '' || match === null) continue;
    const [, indent = '', segment = '', methods] = match;
    const depth = indent.length / 4 - 1;
    const path = (prefixes[depth - 1] ?? '') + segment;
    prefixes[depth] = path;
    for (const method of methods?.split(', ') ?? []) {
      if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return routes.sort();
}
