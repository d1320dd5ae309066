// Options for dependency-cruiser, which src/import-graph.ts runs to read the import graph; the rules
// themselves are tests (src/structure.spec.ts). From the repository root, by hand:
//   tooling/repo-checks/node_modules/.bin/depcruise -c tooling/repo-checks/.dependency-cruiser.cjs apps/api/src
module.exports = {
  options: {
    // `import type` counts: a cycle through types still tangles the folders.
    tsPreCompilationDeps: true,
    // Installed and built code is a leaf of the graph (a workspace package resolves to its dist/).
    doNotFollow: { path: '(^|/)(node_modules|dist)/' },
    // Subpath imports (`@wxlogin/contracts/openapi`) resolve through package.json `exports`, as in
    // Node and the bundlers.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'import', 'default'],
    },
  },
};
