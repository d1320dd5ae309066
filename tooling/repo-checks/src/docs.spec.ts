import { posix } from 'node:path';
import { anchorsOf, linkTargets } from './markdown';
import { readRepoFile, repoFileExists, trackedFiles } from './repo';
import { testNames } from './test-names';

const PITFALLS = 'docs/pitfalls.md';
/** A test listed under a pitfall: ``- [path](../path): `test name` ``. */
const TEST_REFERENCE = /^- \[([^\]]+)\]\(\.\.\/([^)]+)\): `(.+)`$/;
const SPEC = /\.spec\.[cm]?[jt]sx?$/;

const pitfalls = readRepoFile(PITFALLS);
const pitfallAnchors = [...pitfalls.matchAll(/<a id="(pitfall-[a-z0-9-]+)"><\/a>/g)].map(
  (match) => match[1] ?? '',
);

/** The tests a pitfall's section lists (from its anchor to the next), as written. */
function referencedTests(anchor: string): { line: string; path: string; name: string }[] {
  const text =
    (pitfalls.split(`<a id="${anchor}"></a>`)[1] ?? '').split('<a id="pitfall-')[0] ?? '';
  return text
    .split('\n')
    .filter((line) => line.startsWith('- ['))
    .map((line) => {
      const [, shown = '', path = '', name = ''] = TEST_REFERENCE.exec(line) ?? [];
      return { line, path: shown === path ? path : '', name };
    });
}

/** Where a test of that name is now, to say so when a listed file lost it. */
function specsNaming(name: string): string[] {
  return trackedFiles().filter(
    (path) => SPEC.test(path) && testNames(path, readRepoFile(path)).includes(name),
  );
}

describe(PITFALLS, () => {
  it('should give each pitfall an anchor', () => {
    expect(pitfallAnchors.length).toBeGreaterThanOrEqual(8);
  });

  it.each(pitfallAnchors)(
    'should list the tests of %s as existing files and test names',
    (anchor) => {
      const tests = referencedTests(anchor);
      expect(tests.length).toBeGreaterThan(0);
      const broken = tests.flatMap(({ line, path, name }) => {
        if (path === '' || name === '')
          return [`not \`- [path](../path): \`test name\`\`: ${line}`];
        if (!repoFileExists(path))
          return [
            `${path} does not exist (${name} is in: ${specsNaming(name).join(', ') || 'no spec'})`,
          ];
        if (testNames(path, readRepoFile(path)).includes(name)) return [];
        return [
          `${path} has no test "${name}" (it is in: ${specsNaming(name).join(', ') || 'no spec'})`,
        ];
      });
      expect(broken).toEqual([]);
    },
  );

  it('should have an anchor for every pitfall the code and the tests name', () => {
    const named = new Set<string>();
    for (const path of trackedFiles().filter((p) => /\.[cm]?[jt]sx?$/.test(p))) {
      for (const match of readRepoFile(path).matchAll(/\bpitfall-[a-z0-9]+(?:-[a-z0-9]+)*/g)) {
        named.add(match[0]);
      }
    }
    expect([...named].filter((name) => !pitfallAnchors.includes(name))).toEqual([]);
  });
});

describe('links into the documentation', () => {
  const markdownFiles = trackedFiles().filter((path) => path.endsWith('.md'));

  it('should land on an existing anchor, from Markdown links and from `docs/….md#anchor` in code', () => {
    const broken: string[] = [];
    const check = (from: string, file: string, anchor: string): void => {
      if (!repoFileExists(file)) broken.push(`${from}: ${file} does not exist`);
      else if (!anchorsOf(readRepoFile(file)).has(anchor))
        broken.push(`${from}: no #${anchor} in ${file}`);
    };
    for (const path of markdownFiles) {
      for (const target of linkTargets(readRepoFile(path))) {
        const [file = '', anchor] = target.split('#');
        if (anchor === undefined || /^[a-z]+:/.test(file)) continue;
        if (file !== '' && !file.endsWith('.md')) continue;
        check(
          path,
          file === '' ? path : posix.normalize(posix.join(posix.dirname(path), file)),
          anchor,
        );
      }
    }
    for (const path of trackedFiles().filter((p) => /\.[cm]?[jt]sx?$/.test(p))) {
      for (const match of readRepoFile(path).matchAll(/\b(docs\/[\w.-]+\.md)#([\w-]+)/g)) {
        check(path, match[1] ?? '', match[2] ?? '');
      }
    }
    expect(broken).toEqual([]);
  });
});
