/**
 * A boolean component prop that is left out when false. Taro's H5 components are custom elements,
 * for which React 18 writes `disabled={false}` as the attribute `disabled="false"` — and CSS
 * `[disabled]` selectors still match it (greyed-out text). The mini-program is unaffected.
 */
export function flag(on: boolean): true | undefined {
  return on ? true : undefined;
}
