import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFirstScriptBeyondEs2017, findSyntaxBeyondEs2017 } from './es2017';

describe('findSyntaxBeyondEs2017', () => {
  it('should accept ES2017 (async functions, classes, exponent)', () => {
    const code = 'class A { async m() { return (await 2) ** 3; } }\nconst f = (...a) => [...a];';
    expect(findSyntaxBeyondEs2017('ok.js', code)).toBeNull();
  });

  it.each([
    ['optional chaining', 'a?.b', 1, 3],
    ['nullish coalescing', 'x = a ?? b', 1, 8],
    ['object spread', 'x = { ...a }', 1, 7],
    ['regex named group', '\nx = /(?<y>z)/', 2, 6],
  ])('should name the position of %s', (_name, code, line, column) => {
    expect(findSyntaxBeyondEs2017('f.js', code)).toMatchObject({ file: 'f.js', line, column });
  });
});

describe('findFirstScriptBeyondEs2017', () => {
  it('should name the first offending file of a folder, in path order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'es2017-'));
    mkdirSync(join(dir, 'pages'));
    writeFileSync(join(dir, 'app.js'), 'var a = 1;');
    writeFileSync(join(dir, 'app.json'), '{ "a": 1 }');
    writeFileSync(join(dir, 'pages', 'p.js'), 'a?.b');
    writeFileSync(join(dir, 'vendors.js'), 'a ?? b');

    expect(findFirstScriptBeyondEs2017(dir)).toMatchObject({ file: 'pages/p.js', line: 1 });
  });
});
