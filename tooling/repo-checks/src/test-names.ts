import * as ts from 'typescript';

const TEST_FUNCTIONS = new Set(['it', 'test', 'describe']);

/** `it`, `it.skip`, `describe.each(table)` and the like: the function a test name is given to. */
function isTestFunction(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return TEST_FUNCTIONS.has(callee.text);
  if (ts.isPropertyAccessExpression(callee)) return isTestFunction(callee.expression);
  if (ts.isCallExpression(callee)) return isTestFunction(callee.expression);
  return false;
}

/**
 * The names given to `it`, `test` and `describe` (and their `.each`, `.skip` forms) in a Jest
 * spec, as written: string and plain template literals only.
 */
export function testNames(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isTestFunction(node.expression)) {
      const [name] = node.arguments;
      if (
        name !== undefined &&
        (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name))
      ) {
        names.push(name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}
