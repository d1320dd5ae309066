/** A node of Taro's setData tree: `nn` its kind, `sid` its id, `cn` its children, `v` text. */
export interface TreeNode {
  nn: string;
  sid?: string;
  uid?: string;
  v?: string;
  cn?: TreeNode[];
  [key: string]: unknown;
}

type Container = Record<string, unknown> | unknown[];

/** `root.cn.[0].cn.[2].v` / `a.b[1]` → `['root','cn',0,'cn',2,'v']`, as WeChat reads setData keys. */
export function parseDataPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const segment of path.split('.')) {
    const name = /^[^[]*/.exec(segment)?.[0] ?? '';
    if (name) parts.push(name);
    for (const [, index = ''] of segment.matchAll(/\[(\d+)\]/g)) parts.push(Number(index));
  }
  return parts;
}

/** Applies one setData payload to `data` in place, creating objects and arrays on the way. */
export function applySetData(data: Record<string, unknown>, payload: Record<string, unknown>) {
  for (const [path, value] of Object.entries(payload)) {
    const parts = parseDataPath(path);
    let container: Container = data;
    parts.forEach((part, index) => {
      const record = container as Record<string | number, unknown>;
      if (index === parts.length - 1) {
        record[part] = value;
        return;
      }
      const next = record[part];
      if (typeof next !== 'object' || next === null) {
        record[part] = typeof parts[index + 1] === 'number' ? [] : {};
      }
      container = record[part] as Container;
    });
  }
}

/** Every node of the tree under `node`, depth first, each with its ancestors (nearest first). */
export function* walkTree(
  node: TreeNode,
  ancestors: TreeNode[] = [],
): Generator<{ node: TreeNode; ancestors: TreeNode[] }> {
  yield { node, ancestors };
  for (const child of node.cn ?? []) {
    if (child) yield* walkTree(child, [node, ...ancestors]);
  }
}

/** The text a user sees inside `node` (its text nodes, concatenated). */
export function textOf(node: TreeNode): string {
  if (typeof node.v === 'string') return node.v;
  return (node.cn ?? []).map((child) => (child ? textOf(child) : '')).join('');
}
