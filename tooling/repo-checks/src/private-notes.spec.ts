import { pathsLeavingRepository, privateNoteReferences } from './private-notes';
import { readRepoFile, trackedFiles } from './repo';

/** Generated and vendored text that is not ours to word. */
const EXEMPT = new Set(['pnpm-lock.yaml']);

describe('privateNoteReferences', () => {
  // The samples spell "." and "/" as escapes so this file does not cite the notes itself.
  it.each([
    [
      'a relative link into the notes folder',
      '[notes](../../\u002E\u002E/shared/wechat/x)',
      '\u002E\u002E/shared',
    ],
    ['a protocol section', 'never needs an access_token (PROTOCOL\u002Emd §1)', 'PROTOCOL\u002Emd'],
    ['the toolchain notes', '// (TOOLCHAIN\u002Emd §6)', 'TOOLCHAIN\u002Emd'],
    ['the style notes', 'see STYLE\u002Emd', 'STYLE\u002Emd'],
    ['the peers notes', 'PEERS\u002Emd lists them', 'PEERS\u002Emd'],
    ['the seeds folder', 'collected in shared\u002Fseeds', 'shared\u002Fseeds'],
    ['a seed number', "it('should … (seed\u0020004)'", 'seed\u0020004'],
    ['several seed numbers', '(Seeds\u0020000, 002)', 'Seeds\u0020000'],
    ['a numbered seed pitfall', '(seed pitfall\u0020003)', 'seed pitfall\u0020003'],
    ['a work folder', 'cd \u002Fwork/main && pnpm test', '\u002Fwork/main'],
    ['a home folder', 'see \u002Fhome/ada/notes.md', '\u002Fhome/ada/notes.md'],
  ])('should find %s', (_, line, reference) => {
    expect(privateNoteReferences(`first line\n${line}\n`)).toEqual([{ line: 2, reference }]);
  });

  it.each([
    ['a PRNG seed', '{ numRuns: 400, seed: 20261121 }'],
    ['a pitfall anchor', '(docs/pitfalls.md#pitfall-stale-session-key)'],
    ['a shared package', 'config lives in shared packages'],
    ['another Markdown file', 'docs/security.md and README.md'],
    ['a URL with a work path', 'https://example.com/work/items'],
    ['a folder of the repository', 'apps/api/src/work/x.ts'],
  ])('should let %s pass', (_, line) => {
    expect(privateNoteReferences(line)).toEqual([]);
  });
});

describe('pathsLeavingRepository', () => {
  // "." spelled as an escape, so that this file holds no such path itself.
  const up = '\u002E\u002E/';

  it.each([
    [
      'a Markdown link two folders up from docs/',
      'docs/a.md',
      `[notes](${up}${up}shared/x.md)`,
      `${up}${up}shared`,
    ],
    [
      'an import out of a package',
      'packages/x/src/a.ts',
      `import '${up}${up}${up}${up}y';`,
      `${up}${up}${up}${up}y`,
    ],
    ['the parent of the root itself', 'README.md', `cd ${up}`, up],
  ])('should find %s', (_, path, line, reference) => {
    expect(pathsLeavingRepository(path, `first line\n${line}`)).toEqual([{ line: 2, reference }]);
  });

  it.each([
    ['a link to a sibling folder', 'docs/a.md', `[api](${up}apps/api/README.md)`],
    ['an import inside a package', 'packages/x/src/a/b.ts', `import '${up}${up}c';`],
    ['a path from the root', 'README.md', '[doc](docs/pitfalls.md)'],
  ])('should let %s pass', (_, path, line) => {
    expect(pathsLeavingRepository(path, line)).toEqual([]);
  });
});

describe('the repository', () => {
  it('should cite WeChat and its own docs, never the private notes nor a path outside itself', () => {
    const citations: string[] = [];
    for (const path of trackedFiles()) {
      if (EXEMPT.has(path)) continue;
      const text = readRepoFile(path);
      if (text.includes('\0')) continue; // binary
      for (const { line, reference } of [
        ...privateNoteReferences(text),
        ...pathsLeavingRepository(path, text),
      ]) {
        citations.push(`${path}:${line}: ${reference}`);
      }
    }
    expect(citations).toEqual([]);
  });
});
