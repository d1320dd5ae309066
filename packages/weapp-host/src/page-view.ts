import { type AnyRecord } from './bundle-values';
import { type PageStack } from './page-stack';
import { textOf, type TreeNode, walkTree } from './page-tree';
import { type ProblemLog } from './problem-log';
import { type NodeTemplate } from './wxml-templates';

/** A node of the page's tree with its ancestors, nearest first. */
export interface PlacedNode {
  node: TreeNode;
  ancestors: TreeNode[];
}

const PAGE_ROOT: NodeTemplate = { tag: 'page', attributes: new Map(), events: new Map() };
const BUBBLING_EVENTS = new Set([
  'tap',
  'longpress',
  'longtap',
  'touchstart',
  'touchmove',
  'touchend',
  'touchcancel',
]);

/**
 * The top page as its view shows it: the setData tree read through base.wxml's templates (which
 * element each node is, its attributes), and events fired on its elements as WeChat fires them.
 */
export class PageView {
  constructor(
    private readonly templates: Map<string, NodeTemplate>,
    private readonly pages: PageStack,
    private readonly problems: ProblemLog,
  ) {}

  /** The visible text, node texts joined by newlines. */
  text(): string {
    const lines: string[] = [];
    for (const { node } of walkTree(this.root())) {
      if (typeof node.v === 'string' && node.v.trim()) lines.push(node.v.trim());
    }
    return lines.join('\n');
  }

  templateOf(node: TreeNode): NodeTemplate {
    // The page root holds the tree but renders nothing itself.
    if (node.nn === undefined) return PAGE_ROOT;
    const template = this.templates.get(String(node.nn));
    if (!template) throw new Error(`base.wxml has no template for node kind ${String(node.nn)}`);
    return template;
  }

  attribute(node: TreeNode, name: string): unknown {
    const key = this.templateOf(node).attributes.get(name);
    return key === undefined ? undefined : node[key];
  }

  idOf(node: TreeNode): string {
    return String(node.uid ?? node.sid);
  }

  /** The innermost element showing exactly `text`. */
  findByText(text: string): PlacedNode {
    const matches = [...walkTree(this.root())].filter(
      ({ node }) => node.v === undefined && textOf(node).trim() === text,
    );
    const found = matches.at(-1);
    if (!found) {
      throw new Error(`nothing shows "${text}" on ${this.route()}; it shows:\n${this.text()}`);
    }
    return found;
  }

  findInput(placeholder: string): TreeNode {
    const found = [...walkTree(this.root())].find(
      ({ node }) =>
        this.templateOf(node).tag === 'input' &&
        this.attribute(node, 'placeholder') === placeholder,
    );
    if (!found) throw new Error(`no input with placeholder "${placeholder}" on ${this.route()}`);
    return found.node;
  }

  /** A text's nearest button is what a finger on that text taps. */
  tapTarget({ node, ancestors }: PlacedNode): PlacedNode {
    if (this.templateOf(node).tag === 'button') return { node, ancestors };
    const index = ancestors.findIndex((ancestor) => this.templateOf(ancestor).tag === 'button');
    if (index === -1) return { node, ancestors };
    return { node: ancestors[index] as TreeNode, ancestors: ancestors.slice(index + 1) };
  }

  /** Fires `type` on the target and on every ancestor that binds it, stopping at `catch`. */
  dispatchBubbling(type: string, detail: unknown, { node: target, ancestors }: PlacedNode): void {
    for (const current of [target, ...ancestors]) {
      const binding = this.templateOf(current).events.get(type);
      if (binding) this.callEventHandler(this.eventFor(type, detail, target, current));
      if (binding === 'catch' || !BUBBLING_EVENTS.has(type)) return;
    }
  }

  /** A component event (input, submit, getphonenumber…): fired on the element itself only. */
  dispatch(node: TreeNode, type: string, detail: unknown): void {
    if (!this.templateOf(node).events.has(type)) {
      throw new Error(`a ${this.templateOf(node).tag} does not bind ${type}`);
    }
    this.callEventHandler(this.eventFor(type, detail, node, node));
  }

  private root(): TreeNode {
    const root = this.pages.top().data.root as TreeNode | undefined;
    if (!root) throw new Error(`${this.route()} has rendered nothing`);
    return root;
  }

  private route(): string {
    return this.pages.top().route;
  }

  private eventFor(type: string, detail: unknown, target: TreeNode, current: TreeNode): AnyRecord {
    return {
      type,
      timeStamp: Date.now(),
      detail,
      target: { id: this.idOf(target), dataset: { sid: target.sid } },
      currentTarget: { id: this.idOf(current), dataset: { sid: current.sid } },
      touches: [],
      changedTouches: [],
      mark: {},
    };
  }

  /** Taro binds every element's events to the page's one handler, `eh`. */
  private callEventHandler(event: AnyRecord): void {
    this.problems.callHook(this.pages.top(), 'eh', event);
  }
}
