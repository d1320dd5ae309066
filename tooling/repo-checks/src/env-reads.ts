import * as ts from 'typescript';

/** An environment variable name as the code spells them (UPPER_SNAKE_CASE). */
export const VARIABLE_NAME = /^[A-Z][A-Z0-9_]*$/;

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return /\.[cm]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

function parse(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
}

/** `process.env`, `import.meta.env`, or a variable or parameter named `env`. */
function isEnvironment(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === 'env';
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'env') return false;
  const owner = node.expression;
  return (
    (ts.isIdentifier(owner) && owner.text === 'process') ||
    (ts.isMetaProperty(owner) && owner.name.text === 'meta')
  );
}

function stringValue(node: ts.Node): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
    ? node.text
    : undefined;
}

function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) {
    return undefined;
  }
  const name = property.name;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/**
 * Keys of every `….object({ … })` schema whose keys are all variable names: an environment
 * schema such as `z.object({ PORT: …, DATABASE_URL: … })`.
 */
function schemaKeys(node: ts.Node): string[] {
  if (
    !ts.isCallExpression(node) ||
    !ts.isPropertyAccessExpression(node.expression) ||
    node.expression.name.text !== 'object'
  ) {
    return [];
  }
  const [shape] = node.arguments;
  if (shape === undefined || !ts.isObjectLiteralExpression(shape)) return [];
  const keys = shape.properties.map(propertyName);
  if (keys.length === 0 || !keys.every((key) => key !== undefined && VARIABLE_NAME.test(key))) {
    return [];
  }
  return keys as string[];
}

/** The environment variable names one kind of read at `node` names, if it is one. */
function namesReadAt(node: ts.Node): string[] {
  // process.env.NAME, env.NAME
  if (ts.isPropertyAccessExpression(node) && isEnvironment(node.expression)) {
    return [node.name.text];
  }
  // process.env['NAME'], env['NAME']
  if (ts.isElementAccessExpression(node) && isEnvironment(node.expression)) {
    const name = stringValue(node.argumentExpression);
    return name === undefined ? [] : [name];
  }
  // const { NAME, OTHER: alias } = process.env
  if (
    ts.isVariableDeclaration(node) &&
    node.initializer !== undefined &&
    isEnvironment(node.initializer) &&
    ts.isObjectBindingPattern(node.name)
  ) {
    return node.name.elements.flatMap((element) => {
      const key = element.propertyName ?? element.name;
      return ts.isIdentifier(key) ? [key.text] : [];
    });
  }
  // a helper handed the environment and a name: port(env, 'PORT', 3000)
  if (ts.isCallExpression(node) && node.arguments.some(isEnvironment)) {
    return node.arguments.flatMap((argument) => {
      const name = stringValue(argument);
      return name === undefined ? [] : [name];
    });
  }
  return schemaKeys(node);
}

/**
 * Names of the environment variables a JavaScript/TypeScript source reads: `process.env.NAME`,
 * `import.meta.env.NAME`, `env.NAME` and `env['NAME']` on a variable called `env`, destructuring
 * of those, a helper called with `env` and a name, and the keys of an environment schema
 * (`z.object({ NAME: … })`). Read from the syntax tree, without running anything.
 */
export function environmentReads(path: string, text: string): string[] {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    for (const name of namesReadAt(node)) if (VARIABLE_NAME.test(name)) names.add(name);
    ts.forEachChild(node, visit);
  };
  visit(parse(path, text));
  return [...names].sort();
}

/** The keys of the environment schemas (`z.object({ NAME: … })`) in a source. */
export function environmentSchemaKeys(path: string, text: string): string[] {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    for (const name of schemaKeys(node)) names.add(name);
    ts.forEachChild(node, visit);
  };
  visit(parse(path, text));
  return [...names].sort();
}
