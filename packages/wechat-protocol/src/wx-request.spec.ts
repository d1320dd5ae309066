import { readFileSync } from 'node:fs';
import { WECHAT_REQUEST_METHODS } from './wx-request';

/** `wx.request`'s options as WeChat's official typings declare them. */
const typings = readFileSync(
  require.resolve('miniprogram-api-typings/types/wx/lib.wx.api.d.ts'),
  'utf8',
);

/** The string literals of the `method` option's union in `interface RequestOption`. */
function typedMethods(): string[] {
  const option = /interface RequestOption\b[\s\S]*?\n\s*method\?:((?:\s*\|\s*'[A-Z]+')+)/.exec(
    typings,
  );
  return [...(option?.[1] ?? '').matchAll(/'([A-Z]+)'/g)].map((match) => match[1] ?? '');
}

describe('WECHAT_REQUEST_METHODS', () => {
  it("should be the methods WeChat's official typings allow for wx.request, in their order", () => {
    expect(WECHAT_REQUEST_METHODS).toEqual(typedMethods());
  });

  it('should leave out PATCH, which a phone refuses', () => {
    expect(WECHAT_REQUEST_METHODS).not.toContain('PATCH');
  });
});
