import type { ServerResponse } from 'node:http';
import { CLIENT_ROUTES } from './client-routes';
import { CONTROL_ROUTES } from './control-routes';
import { WECHAT_ROUTES } from './wechat-routes';

/** Where a browser lands first (`pnpm dev` prints these): a page listing every endpoint. */
export const INDEX_PATHS = new Set(['/', '/sim', '/sim/']);

/**
 * The index page, built from the route tables so it cannot drift from what the server answers.
 * Plain HTML without scripts: the endpoints are JSON APIs for the API, the H5 preview and tests.
 */
function indexPage(): string {
  const list = (routes: Iterable<[string, { method: string }]>) =>
    [...routes].map(([path, { method }]) => `<li><code>${method} ${path}</code></li>`).join('');
  return [
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>wechat-sim</title>',
    "<h1>wechat-sim</h1><p>A simulator of WeChat's servers and of the WeChat client, for",
    'development and tests (JSON in and out). See the README of <code>@wxlogin/wechat-sim</code>.</p>',
    `<h2>WeChat's servers</h2><ul>${list(WECHAT_ROUTES)}</ul>`,
    '<h2>The phone side (what <code>wx.login</code>, the phone button and <code>getUserInfo</code>',
    `give the mini-program), body <code>{ appId, userId }</code></h2><ul>${list(CLIENT_ROUTES)}</ul>`,
    `<h2>Controls</h2><ul>${list(CONTROL_ROUTES)}</ul></html>`,
  ].join('\n');
}

export function sendIndex(res: ServerResponse): void {
  const html = indexPage();
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}
