import { readdirSync } from 'node:fs';
import * as ts from 'typescript';
import { readRepoFile, repoPath } from './repo';

/** Where the API reads its environment (its config module is the only reader of process.env). */
export const API_CONFIG_FOLDER = 'apps/api/src/config';

const VARIABLE_NAME = /^[A-Z][A-Z0-9_]*$/;

function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) {
    return undefined;
  }
  const name = property.name;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/**
 * Names of the environment variables the API validates at boot: the keys of every
 * `….object({ … })` schema in its config module whose keys are all variable names
 * (UPPER_SNAKE_CASE). Read from the source, so the check follows the code without running it.
 */
export function apiEnvironmentVariables(): string[] {
  const names = new Set<string>();
  const files = readdirSync(repoPath(API_CONFIG_FOLDER)).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'),
  );
  for (const file of files) {
    const path = `${API_CONFIG_FOLDER}/${file}`;
    const source = ts.createSourceFile(path, readRepoFile(path), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'object'
      ) {
        const [shape] = node.arguments;
        if (shape !== undefined && ts.isObjectLiteralExpression(shape)) {
          const keys = shape.properties.map(propertyName);
          if (
            keys.length > 0 &&
            keys.every((key) => key !== undefined && VARIABLE_NAME.test(key))
          ) {
            for (const key of keys) if (key !== undefined) names.add(key);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  if (names.size === 0) {
    throw new Error(`no environment schema (z.object({ NAME: … })) found in ${API_CONFIG_FOLDER}`);
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
