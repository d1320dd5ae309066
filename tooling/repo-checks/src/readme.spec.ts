import { ERROR_CATALOGUE, ERROR_CODES } from '@wxlogin/contracts';
import { apiEnvironmentVariables, dotenvVariables } from './api-env';
import {
  codeBlockCommands,
  linkTargets,
  plain,
  section,
  tables,
  type MarkdownTable,
} from './markdown';
import { readRepoFile } from './repo';

/** The two READMEs and how each names its sections and yes/no. */
const READMES = [
  {
    file: 'README.md',
    other: 'README.zh-CN.md',
    errors: /^Error codes$/,
    configuration: /^Configuration$/,
    retryable: /^retryable$/,
    action: /^client action$/,
    message: /^message/,
    yes: 'yes',
    no: 'no',
  },
  {
    file: 'README.zh-CN.md',
    other: 'README.md',
    errors: /^错误码$/,
    configuration: /^配置$/,
    retryable: /^可重试$/,
    action: /^客户端动作$/,
    message: /^提示文案/,
    yes: '是',
    no: '否',
  },
] as const;

function firstTable(markdown: string, title: RegExp): MarkdownTable {
  const [table] = tables(section(markdown, title));
  if (table === undefined) throw new Error(`no table under ${String(title)}`);
  return table;
}

function column(table: MarkdownTable, header: RegExp): number {
  const index = table.header.findIndex((cell) => header.test(plain(cell)));
  if (index < 0) throw new Error(`no column ${String(header)} in ${table.header.join(' | ')}`);
  return index;
}

/** Variable names in the first column of the configuration table (a cell may name several). */
function configurationVariables(markdown: string, title: RegExp): string[] {
  return firstTable(markdown, title).rows.flatMap((row) =>
    [...(row[0] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1] ?? ''),
  );
}

describe.each(READMES)('$file', (readme) => {
  const markdown = readRepoFile(readme.file);

  it('should list exactly the error catalogue of @wxlogin/contracts, in its order', () => {
    const table = firstTable(markdown, readme.errors);
    const [http, retryable, action, message] = [
      /^HTTP$/,
      readme.retryable,
      readme.action,
      readme.message,
    ].map((header) => column(table, header));
    const documented = table.rows.map((row) => ({
      code: plain(row[0] ?? ''),
      status: Number(plain(row[http ?? 0] ?? '')),
      retryable: plain(row[retryable ?? 0] ?? ''),
      action: plain(row[action ?? 0] ?? ''),
      message: plain(row[message ?? 0] ?? ''),
    }));
    expect(documented).toEqual(
      ERROR_CODES.map((code) => ({
        code,
        status: ERROR_CATALOGUE[code].status,
        retryable: ERROR_CATALOGUE[code].retryable ? readme.yes : readme.no,
        action: ERROR_CATALOGUE[code].clientAction,
        message: ERROR_CATALOGUE[code].message,
      })),
    );
  });

  it('should explain each client action the catalogue uses, once', () => {
    const explained = [...section(markdown, readme.errors).matchAll(/^- `([a-z-]+)`/gm)].map(
      (match) => match[1],
    );
    const used = new Set(ERROR_CODES.map((code) => ERROR_CATALOGUE[code].clientAction));
    expect(explained.sort()).toEqual([...used].sort());
  });

  it('should document every environment variable the API reads in its configuration table', () => {
    const documented = new Set(configurationVariables(markdown, readme.configuration));
    const missing = apiEnvironmentVariables().filter((variable) => !documented.has(variable));
    expect(missing).toEqual([]);
  });

  it('should document only variables that .env.example or docker/.env.example mention', () => {
    const known = new Set([
      ...dotenvVariables(readRepoFile('.env.example')),
      ...dotenvVariables(readRepoFile('docker/.env.example')),
    ]);
    const unknown = configurationVariables(markdown, readme.configuration).filter(
      (variable) => !known.has(variable),
    );
    expect(unknown).toEqual([]);
  });

  it('should link to the other language', () => {
    expect(linkTargets(markdown)).toContain(readme.other);
  });
});

describe('README.md and README.zh-CN.md', () => {
  const english = readRepoFile('README.md');
  const chinese = readRepoFile('README.zh-CN.md');

  it('should show the same commands in their shell code blocks', () => {
    expect(codeBlockCommands(english).length).toBeGreaterThan(0);
    expect(codeBlockCommands(chinese)).toEqual(codeBlockCommands(english));
  });

  it('should start the quick start with the two commands after clone', () => {
    const quickStart = codeBlockCommands(section(english, /^Quick start$/));
    expect(quickStart.slice(0, 2)).toEqual(['pnpm install && pnpm dev', 'pnpm test']);
  });

  it('should document the same configuration variables', () => {
    expect(configurationVariables(chinese, /^配置$/)).toEqual(
      configurationVariables(english, /^Configuration$/),
    );
  });

  it('should have the same section structure (one heading for one heading)', () => {
    const headings = (markdown: string) =>
      markdown
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => line.split(' ')[0]);
    expect(headings(chinese)).toEqual(headings(english));
  });
});

describe('.env.example', () => {
  it('should mention every environment variable the API reads', () => {
    const mentioned = new Set(dotenvVariables(readRepoFile('.env.example')));
    expect(apiEnvironmentVariables().filter((variable) => !mentioned.has(variable))).toEqual([]);
  });
});
