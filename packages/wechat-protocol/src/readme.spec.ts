import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WX_ERRCODE, WX_ERRCODE_INFO } from './errcodes';
import { WECHAT_DOCS } from './official-docs';

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/** The body rows of the first table under a `## title`, as trimmed cells. */
function tableRows(title: string): string[][] {
  const section = README.split(/^## /m).find((part) => part.startsWith(`${title}\n`)) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
}

describe('README', () => {
  it('should list every errcode with its name, meaning and source, in order', () => {
    const documented = Object.entries(WX_ERRCODE).map(([name, errcode]) => {
      const { meaning, source } = WX_ERRCODE_INFO[errcode];
      return [name, String(errcode), meaning, source];
    });
    expect(tableRows('Errcodes')).toEqual(documented);
  });

  it('should list every official page', () => {
    expect(tableRows('Official sources')).toEqual(Object.entries(WECHAT_DOCS));
  });
});
