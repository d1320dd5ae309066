/**
 * What the host needs from Taro's generated `base.wxml`: for each node kind (`nn` in the setData
 * tree), the element it renders, which data key holds each attribute, and which events it binds
 * to the page's `eh` handler (`bindtap="eh"`, `catchtouchmove="eh"`).
 */
export interface NodeTemplate {
  tag: string;
  /** Attribute name → key of the node's data (`open-type="{{i.p11}}"` → `p11`). */
  attributes: Map<string, string>;
  /** Event type → whether it bubbles on (`bind`) or stops there (`catch`). */
  events: Map<string, 'bind' | 'catch'>;
}

const TEMPLATE = /<template name="tmpl_0_([^"]+)">\s*<([a-z-]+)([^>]*)>/g;
const ATTRIBUTE = /([a-z-]+)="([^"]*)"/g;
const DATA_KEY = /\bi\.([A-Za-z0-9_]+)/;
const EVENT = /^(bind|catch)([a-z]+)$/;

/** Reads the level-0 templates of `base.wxml` (deeper levels repeat them). */
export function parseBaseTemplates(wxml: string): Map<string, NodeTemplate> {
  const templates = new Map<string, NodeTemplate>();
  for (const [, name = '', tag = '', attributeText = ''] of wxml.matchAll(TEMPLATE)) {
    const attributes = new Map<string, string>();
    const events = new Map<string, 'bind' | 'catch'>();
    for (const [, attribute = '', value = ''] of attributeText.matchAll(ATTRIBUTE)) {
      const event = EVENT.exec(attribute);
      if (event && value === 'eh') {
        events.set(event[2] ?? '', event[1] === 'catch' ? 'catch' : 'bind');
        continue;
      }
      const key = DATA_KEY.exec(value)?.[1];
      if (key) attributes.set(attribute, key);
    }
    // Inputs have a focus and a blur variant of the same element: the node kind is the prefix.
    const kind = name.replace(/_(focus|blur)$/, '');
    if (tag !== 'template') templates.set(kind, { tag, attributes, events });
  }
  return templates;
}
